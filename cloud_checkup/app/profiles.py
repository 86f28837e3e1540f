"""Account profiles: which credential each account uses, kept in a config file.

The config file under the platform's config directory holds only non-secret settings;
each profile's AccessKey secret and STS security token live in the OS keyring, through
:class:`~cloud_checkup.app.secrets.SecretStore`.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

import platformdirs

from .files import write_json
from .secrets import SecretStore

log = logging.getLogger(__name__)

APP_NAME = "cloud-checkup"
CONFIG_FORMAT = "cloud-checkup-profiles/1"
MAX_NAME_LENGTH = 64
DEFAULT_SESSION_NAME = "cloud-checkup"
DEFAULT_SESSION_DURATION = 3600
# STS accepts 15 minutes up to the role's maximum session duration (at most 12 hours).
SESSION_DURATION_RANGE = (900, 43200)


class CredentialType(StrEnum):
    """How a profile obtains the AccessKey that signs its requests."""

    ACCESS_KEY = "access_key"
    STS = "sts"
    RAM_ROLE_ARN = "ram_role_arn"
    ECS_RAM_ROLE = "ecs_ram_role"
    OIDC_ROLE_ARN = "oidc_role_arn"
    # The user's existing set-ups, read each time they are used, secrets not copied:
    ENVIRONMENT = "environment"
    ALIYUN_CLI = "aliyun_cli"
    CREDENTIALS_FILE = "credentials_file"


CREDENTIAL_TYPE_NAMES = {
    CredentialType.ACCESS_KEY: "AccessKey pair",
    CredentialType.STS: "STS temporary credentials",
    CredentialType.RAM_ROLE_ARN: "RAM role assumed with an AccessKey",
    CredentialType.ECS_RAM_ROLE: "ECS instance RAM role",
    CredentialType.OIDC_ROLE_ARN: "RAM role assumed with an OIDC token",
    CredentialType.ENVIRONMENT: "Environment variables",
    CredentialType.ALIYUN_CLI: "aliyun CLI profile",
    CredentialType.CREDENTIALS_FILE: "Alibaba Cloud credentials file",
}

_NEEDED_SECRETS = {
    CredentialType.ACCESS_KEY: ("access_key_secret",),
    CredentialType.STS: ("access_key_secret", "security_token"),
    CredentialType.RAM_ROLE_ARN: ("access_key_secret",),
}
_NEEDED_SETTINGS = {
    CredentialType.ACCESS_KEY: ("access_key_id",),
    CredentialType.STS: ("access_key_id",),
    CredentialType.RAM_ROLE_ARN: ("access_key_id", "role_arn"),
    CredentialType.OIDC_ROLE_ARN: ("role_arn", "oidc_provider_arn", "oidc_token_file"),
}
_SETTING_NAMES = {
    "access_key_id": "an AccessKey ID",
    "role_arn": "a RAM role ARN",
    "oidc_provider_arn": "an OIDC provider ARN",
    "oidc_token_file": "an OIDC token file",
    "access_key_secret": "an AccessKey secret",
    "security_token": "an STS security token",
}


class ProfileError(ValueError):
    """A profile or the profiles file is not usable; the message is for the user."""


@dataclass(frozen=True)
class ProfileSecrets:
    """The secret half of a profile; it only ever travels to and from the keyring."""

    access_key_secret: str | None = field(default=None, repr=False)
    security_token: str | None = field(default=None, repr=False)

    def is_empty(self) -> bool:
        return not (self.access_key_secret or self.security_token)


@dataclass(frozen=True)
class Profile:
    """One account profile's non-secret settings.

    Attributes:
        regions: regions to scan by default; empty means every region of the account.
        source_profile: for the aliyun CLI and credentials-file types, the profile
            (or section) to read there; ``None`` means that file's current/default.
        source_file: those types' file when it is not in the usual place.
        endpoint_override: a loopback sandbox URL that replaces Alibaba Cloud, for
            tests and demos only; real profiles never set it.
    """

    name: str
    credential_type: CredentialType
    access_key_id: str | None = None
    role_arn: str | None = None
    role_session_name: str | None = None
    session_duration: int | None = None
    role_name: str | None = None
    oidc_provider_arn: str | None = None
    oidc_token_file: str | None = None
    source_profile: str | None = None
    source_file: str | None = None
    regions: tuple[str, ...] = ()
    endpoint_override: str | None = None

    @property
    def type_name(self) -> str:
        return CREDENTIAL_TYPE_NAMES[self.credential_type]

    @property
    def needed_secrets(self) -> tuple[str, ...]:
        """The secret fields this profile's credential type keeps in the keyring."""
        return _NEEDED_SECRETS.get(self.credential_type, ())

    def validate(self, secrets: ProfileSecrets | None = None) -> None:
        """Check the settings (and the secrets, when given) fit the credential type.

        Raises:
            ProfileError: what is missing or wrong, in the user's words.
        """
        validate_name(self.name)
        for setting in _NEEDED_SETTINGS.get(self.credential_type, ()):
            if not getattr(self, setting):
                raise ProfileError(
                    f"{_article(self.type_name)} {self.type_name} profile needs "
                    f"{_name(setting)}."
                )
        if self.session_duration is not None:
            low, high = SESSION_DURATION_RANGE
            if not low <= self.session_duration <= high:
                raise ProfileError(
                    f"The session duration must be between {low} and {high} seconds."
                )
        if secrets is not None:
            for secret in self.needed_secrets:
                if not getattr(secrets, secret):
                    raise ProfileError(
                        f"{_article(self.type_name)} {self.type_name} profile needs "
                        f"{_name(secret)}."
                    )
        if self.endpoint_override is not None:
            _validate_endpoint_override(self.endpoint_override)

    def to_json(self) -> dict[str, Any]:
        document = {k: v for k, v in asdict(self).items() if v not in (None, ())}
        document["credential_type"] = self.credential_type.value
        if self.regions:
            document["regions"] = list(self.regions)
        return document

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> Profile:
        if not isinstance(document, dict) or not isinstance(document.get("name"), str):
            raise ProfileError("A profile in the profiles file has no name.")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in document.items() if k in known}
        try:
            values["credential_type"] = CredentialType(values["credential_type"])
        except (KeyError, ValueError) as error:
            raise ProfileError(
                f"Profile {document.get('name')!r} has an unknown credential type."
            ) from error
        values["regions"] = tuple(values.get("regions") or ())
        return cls(**values)


def _name(setting: str) -> str:
    return _SETTING_NAMES.get(setting, setting.replace("_", " "))


def validate_name(name: str) -> None:
    """Profile names are shown everywhere and key the keyring entries."""
    if not name or name != name.strip():
        raise ProfileError(
            "A profile name must not be empty or start or end in spaces."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ProfileError(
            f"A profile name may have at most {MAX_NAME_LENGTH} characters."
        )
    if "/" in name or any(ord(c) < 32 for c in name):
        raise ProfileError("A profile name may not contain '/' or control characters.")


def _validate_endpoint_override(url: str) -> None:
    from .cloud.transport import Destination

    try:
        Destination.sandbox(url)
    except ValueError as error:
        raise ProfileError(
            f"An endpoint override must be a sandbox on this computer: {error}."
        ) from error


def default_config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "profiles.json"


def secret_key(profile_name: str, secret: str) -> str:
    """The keyring entry name of one secret of one profile."""
    return f"profile/{profile_name}/{secret}"


class ProfileStore:
    """Add, edit, remove and list profiles; secrets go to the keyring, the rest to file.

    All methods are coroutines so that the window can await them: keyring calls run
    off the event loop's thread, with a timeout (see ``SecretStore``).
    """

    def __init__(self, path: Path | None = None, secrets: SecretStore | None = None):
        self.path = path or default_config_path()
        self.secrets = secrets or SecretStore()

    async def list(self) -> list[Profile]:
        return list(self._load().values())

    async def get(self, name: str) -> Profile:
        profiles = self._load()
        if name not in profiles:
            raise ProfileError(f"There is no profile named {name!r}.")
        return profiles[name]

    async def add(
        self, profile: Profile, secrets: ProfileSecrets | None = None
    ) -> None:
        """Save a new profile and its secrets.

        Raises:
            ProfileError: the name is taken, or the profile is incomplete.
            KeyringUnavailable: the secrets could not be stored; nothing was saved.
        """
        secrets = secrets or ProfileSecrets()
        profile.validate(secrets)
        profiles = self._load()
        if profile.name in profiles:
            raise ProfileError(f"A profile named {profile.name!r} already exists.")
        try:
            await self._store_secrets(profile, secrets)
            profiles[profile.name] = profile
            self._save(profiles)
        except BaseException:
            # Leave no secret behind for a profile that does not exist.
            with contextlib.suppress(Exception):
                await self._delete_secrets(profile)
            raise
        log.info("added profile %r (%s)", profile.name, profile.credential_type.value)

    async def update(
        self,
        name: str,
        profile: Profile,
        secrets: ProfileSecrets | None = None,
    ) -> None:
        """Replace profile ``name`` with ``profile`` (which may carry a new name).

        Args:
            secrets: new secrets; ``None`` keeps the stored ones (moved on a rename).
        """
        profiles = self._load()
        if name not in profiles:
            raise ProfileError(f"There is no profile named {name!r}.")
        if profile.name != name and profile.name in profiles:
            raise ProfileError(f"A profile named {profile.name!r} already exists.")
        old = profiles[name]
        if secrets is None:
            secrets = await self.load_secrets(old)
        profile.validate(secrets)
        await self._store_secrets(profile, secrets)
        if profile.name != name:
            await self._delete_secrets(old)
        else:
            await self._delete_secrets(old, keep=profile.needed_secrets)
        profiles = {
            (profile.name if key == name else key): (profile if key == name else value)
            for key, value in profiles.items()
        }
        self._save(profiles)
        log.info("updated profile %r", profile.name)

    async def remove(self, name: str) -> None:
        """Forget a profile and delete its secrets from the keyring."""
        profiles = self._load()
        if name not in profiles:
            raise ProfileError(f"There is no profile named {name!r}.")
        await self._delete_secrets(profiles[name])
        del profiles[name]
        self._save(profiles)
        log.info("removed profile %r", name)

    async def load_secrets(self, profile: Profile) -> ProfileSecrets:
        """The profile's secrets from the keyring (empty for types that need none)."""
        values = {}
        for secret in profile.needed_secrets:
            values[secret] = await self.secrets.get(secret_key(profile.name, secret))
        return ProfileSecrets(**values)

    async def _store_secrets(self, profile: Profile, secrets: ProfileSecrets) -> None:
        # Types without secrets never touch the keyring, so that they work on a
        # computer that has none.
        for secret in profile.needed_secrets:
            await self.secrets.set(
                secret_key(profile.name, secret), getattr(secrets, secret)
            )

    async def _delete_secrets(
        self, profile: Profile, keep: tuple[str, ...] = ()
    ) -> None:
        for secret in profile.needed_secrets:
            if secret not in keep:
                await self.secrets.delete(secret_key(profile.name, secret))

    def _load(self) -> dict[str, Profile]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise ProfileError(
                f"The profiles file {self.path} cannot be read ({error.strerror})."
            ) from error
        try:
            document = json.loads(text)
        except ValueError as error:
            raise ProfileError(
                f"The profiles file {self.path} is damaged (not valid JSON); "
                "fix or move it away."
            ) from error
        if not isinstance(document, dict) or document.get("format") != CONFIG_FORMAT:
            raise ProfileError(
                f"The profiles file {self.path} is not in the format {CONFIG_FORMAT}."
            )
        profiles = [Profile.from_json(p) for p in document.get("profiles", [])]
        return {p.name: p for p in profiles}

    def _save(self, profiles: dict[str, Profile]) -> None:
        document = {
            "format": CONFIG_FORMAT,
            "profiles": [p.to_json() for p in profiles.values()],
        }
        write_json(self.path, document)


def _article(noun: str) -> str:
    """'An' before a vowel sound ("an AccessKey pair", "an ECS RAM role"), else 'A'."""
    return "An" if noun[:1].lower() in "aeio" else "A"
