"""Credential sources for profiles, and profiles from the user's existing set-ups.

Role-based types (RAM role ARN, ECS RAM role, OIDC) go through alibabacloud-credentials,
which refreshes their temporary credentials. The existing set-ups (environment
variables, the aliyun CLI's ``~/.aliyun/config.json``, ``~/.alibabacloud/credentials``)
are either read each time they are used or imported into a profile, their secrets then
moving to the keyring.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import logging
import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cloud import CloudClient, CloudError
from .cloud.credentials import Credential, CredentialSource, StaticCredentials
from .cloud.pacing import RetryPolicy
from .cloud.transport import Destination, Transport
from .profiles import (
    DEFAULT_SESSION_DURATION,
    DEFAULT_SESSION_NAME,
    CredentialType,
    Profile,
    ProfileError,
    ProfileSecrets,
    ProfileStore,
)

log = logging.getLogger(__name__)

# An error code of our own: the credential could not be obtained at all.
CREDENTIALS_UNAVAILABLE = "Credentials.Unavailable"

# Alibaba's SDKs first, then the names the aliyun CLI and Terraform also read.
ENV_PREFIXES = ("ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_")
ENV_OIDC = (
    "ALIBABA_CLOUD_ROLE_ARN",
    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
)

_CLI_MODES = {
    "AK": CredentialType.ACCESS_KEY,
    "StsToken": CredentialType.STS,
    "RamRoleArn": CredentialType.RAM_ROLE_ARN,
    "EcsRamRole": CredentialType.ECS_RAM_ROLE,
    "OIDC": CredentialType.OIDC_ROLE_ARN,
}
_FILE_TYPES = {
    "access_key": CredentialType.ACCESS_KEY,
    "ram_role_arn": CredentialType.RAM_ROLE_ARN,
    "ecs_ram_role": CredentialType.ECS_RAM_ROLE,
    "oidc_role_arn": CredentialType.OIDC_ROLE_ARN,
}


class MissingSecret(ProfileError):
    """A profile's secret is not in the keyring (removed there, or never stored)."""


# --- profile -> credential source ------------------------------------------------


class ProviderCredentials:
    """Any ``alibabacloud-credentials`` provider as our credential source.

    The SDK's exceptions become ``CloudError`` so that a scan reports them as it
    reports any other failure to authenticate.
    """

    def __init__(self, provider: Any):
        from alibabacloud_credentials.client import Client

        self.provider = provider
        self._client = Client(provider=provider)

    async def get(self) -> Credential:
        try:
            model = await self._client.get_credential_async()
        except CloudError:
            raise
        except Exception as error:
            raise CloudError(CREDENTIALS_UNAVAILABLE, _sdk_message(error)) from error
        return Credential(
            access_key_id=model.access_key_id,
            access_key_secret=model.access_key_secret,
            security_token=model.security_token or None,
        )


def _sdk_message(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return str(message)


class EnvironmentCredentials:
    """The environment variables Alibaba's tools read, looked up at each use."""

    def __init__(self, environ: Mapping[str, str] | None = None):
        self._environ = os.environ if environ is None else environ
        self._oidc: ProviderCredentials | None = None

    async def get(self) -> Credential:
        found = _environment_keys(self._environ)
        if found is not None:
            return found
        if all(self._environ.get(name) for name in ENV_OIDC):
            if self._oidc is None:
                self._oidc = ProviderCredentials(_oidc_provider_from_env(self._environ))
            return await self._oidc.get()
        raise CloudError(
            CREDENTIALS_UNAVAILABLE,
            "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not "
            "set in this app's environment",
        )


def _environment_keys(environ: Mapping[str, str]) -> Credential | None:
    for prefix in ENV_PREFIXES:
        key_id = environ.get(f"{prefix}ACCESS_KEY_ID")
        secret = environ.get(f"{prefix}ACCESS_KEY_SECRET")
        if key_id and secret:
            return Credential(
                key_id, secret, environ.get(f"{prefix}SECURITY_TOKEN") or None
            )
    return None


def _oidc_provider_from_env(environ: Mapping[str, str]) -> Any:
    from alibabacloud_credentials.provider import OIDCRoleArnCredentialsProvider

    role_arn, provider_arn, token_file = (environ[name] for name in ENV_OIDC)
    return OIDCRoleArnCredentialsProvider(
        role_arn=role_arn,
        oidc_provider_arn=provider_arn,
        oidc_token_file_path=token_file,
        role_session_name=environ.get("ALIBABA_CLOUD_ROLE_SESSION_NAME")
        or DEFAULT_SESSION_NAME,
    )


def sdk_config(profile: Profile, secrets: ProfileSecrets) -> Any:
    """The ``alibabacloud_credentials`` Config for the SDK-backed credential types."""
    from alibabacloud_credentials.models import Config

    kind = profile.credential_type
    session = {
        "role_session_name": profile.role_session_name or DEFAULT_SESSION_NAME,
        "role_session_expiration": profile.session_duration or DEFAULT_SESSION_DURATION,
    }
    if kind is CredentialType.RAM_ROLE_ARN:
        return Config(
            type="ram_role_arn",
            access_key_id=profile.access_key_id,
            access_key_secret=secrets.access_key_secret,
            role_arn=profile.role_arn,
            **session,
        )
    if kind is CredentialType.OIDC_ROLE_ARN:
        return Config(
            type="oidc_role_arn",
            role_arn=profile.role_arn,
            oidc_provider_arn=profile.oidc_provider_arn,
            oidc_token_file_path=profile.oidc_token_file,
            **session,
        )
    if kind is CredentialType.ECS_RAM_ROLE:
        return Config(type="ecs_ram_role", role_name=profile.role_name)
    raise ProfileError(
        f"A {profile.type_name} profile is not built from an SDK config."
    )


def build_source(profile: Profile, secrets: ProfileSecrets) -> CredentialSource:
    """The credential source of a profile whose secrets are already loaded.

    Nothing is fetched here; role-based sources call STS (or the ECS metadata
    service) only when first asked for a credential.
    """
    profile.validate(secrets)
    kind = profile.credential_type
    if kind in (CredentialType.ACCESS_KEY, CredentialType.STS):
        token = secrets.security_token if kind is CredentialType.STS else None
        return StaticCredentials(
            Credential(
                profile.access_key_id or "", secrets.access_key_secret or "", token
            )
        )
    if kind is CredentialType.ENVIRONMENT:
        return EnvironmentCredentials()
    try:
        return ProviderCredentials(_provider(profile, secrets))
    except ProfileError:
        raise
    except Exception as error:  # the SDK refuses settings with ValueError and others
        raise ProfileError(
            f"The settings of profile {profile.name!r} are not usable: "
            f"{_sdk_message(error)}"
        ) from error


def _provider(profile: Profile, secrets: ProfileSecrets) -> Any:
    from alibabacloud_credentials import provider as sdk

    kind = profile.credential_type
    if kind is CredentialType.ECS_RAM_ROLE:
        # No background refresh thread: a scan asks when it needs a credential.
        return sdk.EcsRamRoleCredentialsProvider(
            role_name=profile.role_name, async_update_enabled=False
        )
    if kind is CredentialType.ALIYUN_CLI:
        return sdk.CLIProfileCredentialsProvider(
            profile_name=profile.source_profile or None,
            profile_file=profile.source_file or str(aliyun_cli_config_path()),
        )
    if kind is CredentialType.CREDENTIALS_FILE:
        path = (
            Path(profile.source_file)
            if profile.source_file
            else credentials_file_path() or _CREDENTIALS_FILES[0].expanduser()
        )
        return sdk.ProfileCredentialsProvider(
            profile_file=str(path),
            profile_name=profile.source_profile or "default",
        )
    from alibabacloud_credentials.client import Client

    return Client.get_credentials(sdk_config(profile, secrets)).provider


async def resolve_source(profile: Profile, store: ProfileStore) -> CredentialSource:
    """The credential source of a stored profile, its secrets read from the keyring.

    Raises:
        MissingSecret: the keyring no longer holds a secret the profile needs.
        KeyringUnavailable: the keyring could not be used.
    """
    secrets = await store.load_secrets(profile)
    for name in profile.needed_secrets:
        if not getattr(secrets, name):
            raise MissingSecret(
                f"The keyring holds no {name.replace('_', ' ')} for profile "
                f"{profile.name!r}. Edit the profile and enter it again."
            )
    return build_source(profile, secrets)


def destination_for(profile: Profile) -> Destination:
    if profile.endpoint_override:
        return Destination.sandbox(profile.endpoint_override)
    return Destination()


class ProfileTarget:
    """A scan target for a profile: its credential source and where requests go.

    Args:
        retry: the retry policy for the scan's client (tests shorten it).
    """

    def __init__(
        self,
        profile: Profile,
        credentials: CredentialSource,
        *,
        retry: RetryPolicy | None = None,
    ):
        self.name = profile.name
        self.profile = profile
        self._credentials = credentials
        self._retry = retry

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[CloudClient]:
        async with Transport(destination_for(self.profile)) as transport:
            yield CloudClient(self._credentials, transport, retry=self._retry)


async def profile_target(profile: Profile, store: ProfileStore) -> ProfileTarget:
    return ProfileTarget(profile, await resolve_source(profile, store))


# --- the user's existing set-ups ----------------------------------------------------


@dataclass(frozen=True)
class ExistingSetup:
    """A credential set-up found on this computer, described without its secrets.

    Attributes:
        kind: where it lives: environment, aliyun CLI or credentials file.
        source_profile: the CLI profile or file section (``None`` for environment).
        importable_as: the credential type it becomes when imported, or ``None``
            when it can only be used as it is (CLI modes such as CloudSSO).
    """

    kind: CredentialType
    source_profile: str | None
    source_file: str | None
    importable_as: CredentialType | None
    access_key_id: str | None
    description: str

    def use_as_is(self, name: str) -> Profile:
        """A profile that reads this set-up at each use; no secret is copied."""
        profile = Profile(
            name=name,
            credential_type=self.kind,
            source_profile=self.source_profile,
            source_file=self.source_file,
        )
        profile.validate()
        return profile


def aliyun_cli_config_path(home: Path | None = None) -> Path:
    return (home or Path.home()) / ".aliyun" / "config.json"


_CREDENTIALS_FILES = (
    Path("~/.alibabacloud/credentials.ini"),
    Path("~/.alibabacloud/credentials"),
)


def credentials_file_path(
    home: Path | None = None, environ: Mapping[str, str] | None = None
) -> Path | None:
    """The credentials file the SDKs would read, if there is one."""
    environ = os.environ if environ is None else environ
    if environ.get("ALIBABA_CLOUD_CREDENTIALS_FILE"):
        return Path(environ["ALIBABA_CLOUD_CREDENTIALS_FILE"])
    for candidate in _CREDENTIALS_FILES:
        path = (home / candidate.relative_to("~")) if home else candidate.expanduser()
        if path.is_file():
            return path
    return None


def discover_setups(
    home: Path | None = None, environ: Mapping[str, str] | None = None
) -> list[ExistingSetup]:
    """Every existing set-up found: environment, aliyun CLI profiles, file sections."""
    environ = os.environ if environ is None else environ
    setups = _environment_setups(environ)
    cli_path = aliyun_cli_config_path(home)
    setups += [_cli_setup(entry, cli_path) for entry in _read_cli_profiles(cli_path)]
    file_path = credentials_file_path(home, environ)
    if file_path is not None:
        sections = _read_credentials_file(file_path)
        setups += [_file_setup(s, v, file_path) for s, v in sections.items()]
    return setups


def _environment_setups(environ: Mapping[str, str]) -> list[ExistingSetup]:
    keys = _environment_keys(environ)
    if keys is not None:
        kind = CredentialType.STS if keys.security_token else CredentialType.ACCESS_KEY
        description = f"Environment variables (AccessKey {keys.access_key_id})"
        return [
            ExistingSetup(
                CredentialType.ENVIRONMENT,
                None,
                None,
                kind,
                keys.access_key_id,
                description,
            )
        ]
    if all(environ.get(name) for name in ENV_OIDC):
        description = f"Environment variables (OIDC role {environ[ENV_OIDC[0]]})"
        return [
            ExistingSetup(
                CredentialType.ENVIRONMENT,
                None,
                None,
                CredentialType.OIDC_ROLE_ARN,
                None,
                description,
            )
        ]
    return []


def _read_cli_profiles(path: Path) -> list[dict[str, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        log.warning("the aliyun CLI config %s is not readable: %s", path, type(error))
        return []
    profiles = document.get("profiles") if isinstance(document, dict) else None
    if not isinstance(profiles, list):
        return []
    return [p for p in profiles if isinstance(p, dict) and p.get("name")]


def _cli_setup(entry: dict[str, Any], path: Path) -> ExistingSetup:
    mode = str(entry.get("mode") or "")
    key_id = entry.get("access_key_id") or None
    shown = f", AccessKey {key_id}" if key_id else ""
    return ExistingSetup(
        kind=CredentialType.ALIYUN_CLI,
        source_profile=str(entry["name"]),
        source_file=str(path),
        importable_as=_CLI_MODES.get(mode),
        access_key_id=key_id,
        description=f"aliyun CLI profile {entry['name']!r} ({mode or '?'}{shown})",
    )


def _read_credentials_file(path: Path) -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (OSError, configparser.Error) as error:
        log.warning("the credentials file %s is not readable: %s", path, type(error))
        return {}
    # The SDKs cut a value at '#', and we must read the same secret they would.
    return {
        section: {k: v.split("#")[0].strip() for k, v in parser.items(section)}
        for section in parser.sections()
    }


def _file_setup(section: str, values: dict[str, str], path: Path) -> ExistingSetup:
    kind = values.get("type", "")
    key_id = values.get("access_key_id") or None
    shown = f", AccessKey {key_id}" if key_id else ""
    return ExistingSetup(
        kind=CredentialType.CREDENTIALS_FILE,
        source_profile=section,
        source_file=str(path),
        importable_as=_FILE_TYPES.get(kind),
        access_key_id=key_id,
        description=f"credentials file section [{section}] ({kind or '?'}{shown})",
    )


def import_setup(
    setup: ExistingSetup,
    name: str,
    environ: Mapping[str, str] | None = None,
) -> tuple[Profile, ProfileSecrets]:
    """Copy a set-up into a new profile: settings for the file, secrets for the keyring.

    Raises:
        ProfileError: the set-up cannot be copied (gone, or a kind only usable as is).
    """
    if setup.importable_as is None:
        raise ProfileError(
            f"{setup.description} cannot be copied into a profile; use it as it is."
        )
    values = _setup_values(setup, os.environ if environ is None else environ)
    profile = Profile(name=name, credential_type=setup.importable_as, **values[0])
    secrets = ProfileSecrets(**values[1])
    profile.validate(secrets)
    return profile, secrets


def _setup_values(
    setup: ExistingSetup, environ: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(non-secret settings, secrets) of a set-up, in Profile's field names."""
    if setup.kind is CredentialType.ENVIRONMENT:
        keys = _environment_keys(environ)
        if keys is not None:
            return {"access_key_id": keys.access_key_id}, {
                "access_key_secret": keys.access_key_secret,
                "security_token": keys.security_token,
            }
        role_arn, provider_arn, token_file = (environ.get(n) for n in ENV_OIDC)
        settings = {
            "role_arn": role_arn,
            "oidc_provider_arn": provider_arn,
            "oidc_token_file": token_file,
        }
        return settings, {}
    if setup.kind is CredentialType.ALIYUN_CLI:
        return _cli_values(_find_cli_profile(setup))
    return _file_values(_find_file_section(setup))


def _find_cli_profile(setup: ExistingSetup) -> dict[str, Any]:
    path = Path(setup.source_file or aliyun_cli_config_path())
    for entry in _read_cli_profiles(path):
        if entry["name"] == setup.source_profile:
            return entry
    raise ProfileError(f"{path} no longer has a profile {setup.source_profile!r}.")


def _find_file_section(setup: ExistingSetup) -> dict[str, str]:
    path = Path(setup.source_file or "")
    sections = _read_credentials_file(path)
    if setup.source_profile not in sections:
        raise ProfileError(f"{path} no longer has a section [{setup.source_profile}].")
    return sections[setup.source_profile]


def _cli_values(entry: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    duration = entry.get("expired_seconds")
    settings = {
        "access_key_id": entry.get("access_key_id") or None,
        "role_arn": entry.get("ram_role_arn") or None,
        "role_session_name": entry.get("ram_session_name") or None,
        "session_duration": int(duration) if duration else None,
        "role_name": entry.get("ram_role_name") or None,
        "oidc_provider_arn": entry.get("oidc_provider_arn") or None,
        "oidc_token_file": entry.get("oidc_token_file") or None,
    }
    secrets = {
        "access_key_secret": entry.get("access_key_secret") or None,
        "security_token": entry.get("sts_token") or None,
    }
    return settings, secrets


def _file_values(section: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    settings = {
        "access_key_id": section.get("access_key_id") or None,
        "role_arn": section.get("role_arn") or None,
        "role_session_name": section.get("role_session_name") or None,
        "role_name": section.get("role_name") or None,
        "oidc_provider_arn": section.get("oidc_provider_arn") or None,
        "oidc_token_file": section.get("oidc_token_file_path") or None,
    }
    return settings, {"access_key_secret": section.get("access_key_secret") or None}
