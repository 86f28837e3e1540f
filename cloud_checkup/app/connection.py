"""Test connection: who a profile's credential is (STS GetCallerIdentity), in seconds.

A failure comes back as a kind and a message in plain words saying what to do; using
the root account's AccessKey works but comes with a warning, since that AccessKey is
itself one of the highest risks an account can carry.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from enum import StrEnum

from .cloud import CloudClient, CloudError
from .cloud.credentials import CredentialSource
from .cloud.pacing import RetryPolicy
from .cloud.transport import Destination, Transport
from .credential_sources import (
    CREDENTIALS_UNAVAILABLE,
    build_source,
    destination_for,
    resolve_source,
)
from .profiles import Profile, ProfileError, ProfileSecrets, ProfileStore
from .secrets import KeyringUnavailable

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 15.0
# One quick retry: the user is waiting for an answer, not for a scan.
CONNECTION_RETRY = RetryPolicy(attempts=2, base_delay=0.5, max_delay=3.0)

ROOT_ACCOUNT_WARNING = (
    "This is the root account's AccessKey. The checkup works with it, but an "
    "AccessKey on the root account is itself a high risk: anyone who gets it controls "
    "the whole account. Create a RAM user with only the read permissions the checkup "
    "needs ('cloud-checkup policy' prints them), use its AccessKey here, and delete "
    "the root account's AccessKey."
)

IDENTITY_TYPE_NAMES = {
    "Account": "root account",
    "RAMUser": "RAM user",
    "AssumedRoleUser": "RAM role session",
}


class FailureKind(StrEnum):
    WRONG_KEY = "wrong_key"
    KEY_DISABLED = "key_disabled"
    WRONG_SECRET = "wrong_secret"
    EXPIRED_TOKEN = "expired_token"
    BAD_TOKEN = "bad_token"
    MISSING_TOKEN = "missing_token"
    CLOCK_SKEW = "clock_skew"
    NETWORK_UNREACHABLE = "network_unreachable"
    THROTTLED = "throttled"
    NO_PERMISSION = "no_permission"
    CREDENTIALS_UNAVAILABLE = "credentials_unavailable"
    KEYRING = "keyring"
    PROFILE = "profile"
    OTHER = "other"


_KINDS_BY_CODE = {
    "InvalidAccessKeyId.NotFound": FailureKind.WRONG_KEY,
    "InvalidAccessKeyId": FailureKind.WRONG_KEY,
    "InvalidAccessKeyId.Inactive": FailureKind.KEY_DISABLED,
    "Forbidden.AccessKeyDisabled": FailureKind.KEY_DISABLED,
    "SignatureDoesNotMatch": FailureKind.WRONG_SECRET,
    "IncompleteSignature": FailureKind.WRONG_SECRET,
    "InvalidSecurityToken.Expired": FailureKind.EXPIRED_TOKEN,
    "InvalidSecurityToken.Malformed": FailureKind.BAD_TOKEN,
    "InvalidSecurityToken.MismatchWithAccessKey": FailureKind.BAD_TOKEN,
    "MissingSecurityToken": FailureKind.MISSING_TOKEN,
    "InvalidTimeStamp.Expired": FailureKind.CLOCK_SKEW,
    "RequestTimeTooSkewed": FailureKind.CLOCK_SKEW,
    CREDENTIALS_UNAVAILABLE: FailureKind.CREDENTIALS_UNAVAILABLE,
}

_MESSAGES = {
    FailureKind.WRONG_KEY: "Alibaba Cloud does not know this AccessKey ID. Check that "
    "it was copied completely and that the AccessKey has not been deleted.",
    FailureKind.KEY_DISABLED: "This AccessKey is disabled. Enable it in the RAM "
    "console, or use another one.",
    FailureKind.WRONG_SECRET: "The AccessKey secret does not match the AccessKey ID. "
    "Enter the secret again.",
    FailureKind.EXPIRED_TOKEN: "The STS security token has expired. Get new temporary "
    "credentials and enter them again.",
    FailureKind.BAD_TOKEN: "The STS security token does not belong to this AccessKey "
    "ID. Enter the AccessKey ID, secret and token of the same STS credential.",
    FailureKind.MISSING_TOKEN: "This is a temporary (STS) AccessKey: its security "
    "token is needed too. Choose 'STS temporary credentials' and enter the token.",
    FailureKind.CLOCK_SKEW: "This computer's clock differs from Alibaba Cloud's by "
    "more than 15 minutes. Correct the system time (turn on automatic time) and try "
    "again.",
    FailureKind.THROTTLED: "Alibaba Cloud is throttling this account's API calls "
    "right now. Wait a minute and try again.",
    FailureKind.NO_PERMISSION: "The identity may not call sts:GetCallerIdentity. "
    "Check the RAM policies attached to it.",
}


def classify(error: CloudError) -> FailureKind:
    """The kind of failure behind an error from Alibaba Cloud or the way there."""
    if error.code in _KINDS_BY_CODE:
        return _KINDS_BY_CODE[error.code]
    if error.code.startswith("Transport."):
        return FailureKind.NETWORK_UNREACHABLE
    if error.is_throttling:
        return FailureKind.THROTTLED
    if error.is_permission:
        return FailureKind.NO_PERMISSION
    return FailureKind.OTHER


def credential_message(
    error: CloudError, destination: Destination | None = None
) -> str:
    """What went wrong identifying the caller, in the user's words, with what to do.

    ``destination`` is where the requests went: a sandbox that is away is named.
    """
    kind = classify(error)
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind is FailureKind.NETWORK_UNREACHABLE:
        cause = error.code.removeprefix("Transport.")
        return unreachable_message(destination, f"could not be reached ({cause})")
    if kind is FailureKind.CREDENTIALS_UNAVAILABLE:
        return f"The credential could not be obtained: {error.message}."
    return f"Could not identify the account: {error.code} {error.message}".strip()


def unreachable_message(destination: Destination | None, what: str) -> str:
    """``what`` happened to the requests, and what to do, for where they went."""
    url = destination.sandbox_url if destination else None
    if url is None:
        return (
            f"Alibaba Cloud {what}. Check the network connection and any proxy or "
            "firewall, then try again."
        )
    port = destination.address[1] if destination and destination.address else "PORT"
    return (
        f"The sandbox at {url} {what}. Is it running? Start it with "
        f"'cloud-checkup sandbox --port {port}', or correct the sandbox URL."
    )


@dataclass(frozen=True)
class CallerIdentity:
    """Who a credential is, as STS GetCallerIdentity says."""

    account_id: str
    identity_type: str
    arn: str
    principal_id: str

    @property
    def is_root(self) -> bool:
        return self.identity_type == "Account"

    @property
    def type_name(self) -> str:
        return IDENTITY_TYPE_NAMES.get(self.identity_type, self.identity_type)

    @property
    def name(self) -> str:
        """The RAM user's name, ``role/session`` for a role, or ``root``."""
        resource = self.arn.rsplit(":", 1)[-1]
        if resource == "root" or self.is_root:
            return "root"
        kind, _, rest = resource.partition("/")
        return rest or kind


@dataclass(frozen=True)
class ConnectionResult:
    """The outcome of a test connection, ready to show.

    Attributes:
        message: one or two sentences for the user: who, or what went wrong.
        warning: set when the connection works but should not be used as it is.
        error_code: Alibaba's error code when there was one, for support requests.
    """

    profile_name: str
    identity: CallerIdentity | None
    failure: FailureKind | None
    message: str
    warning: str | None = None
    error_code: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failure is None


def root_account_warning(identity_type: str | None) -> str | None:
    return ROOT_ACCOUNT_WARNING if identity_type == "Account" else None


async def caller_identity(
    credentials: CredentialSource,
    destination: Destination,
    *,
    retry: RetryPolicy = CONNECTION_RETRY,
) -> CallerIdentity:
    """Ask STS who the credential is.

    Raises:
        CloudError: the call failed; ``classify`` tells the kind.
    """
    async with Transport(
        destination, connect_timeout=5.0, read_timeout=8.0
    ) as transport:
        client = CloudClient(credentials, transport, retry=retry)
        body = await client.call("sts", "GetCallerIdentity")
    return CallerIdentity(
        account_id=str(body.get("AccountId", "")),
        identity_type=str(body.get("IdentityType", "")),
        arn=str(body.get("Arn", "")),
        principal_id=str(body.get("PrincipalId") or body.get("UserId") or ""),
    )


async def test_connection(
    profile: Profile,
    store: ProfileStore | None = None,
    *,
    secrets: ProfileSecrets | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retry: RetryPolicy = CONNECTION_RETRY,
) -> ConnectionResult:
    """Get a profile's credential, ask STS who it is, and say who or what failed.

    Never raises for a failure the user can act on; every such failure is a result.

    Args:
        secrets: the secrets to test with, for a profile not saved yet (an add or
            edit dialog); by default they are read from the keyring through ``store``.
    """
    started = time.monotonic()

    def result(**outcome) -> ConnectionResult:
        elapsed = time.monotonic() - started
        return ConnectionResult(profile_name=profile.name, elapsed=elapsed, **outcome)

    destination = destination_for(profile)
    try:
        if secrets is not None:
            credentials = build_source(profile, secrets)
        else:
            credentials = await resolve_source(profile, store or ProfileStore())
        identity = await asyncio.wait_for(
            caller_identity(credentials, destination, retry=retry), timeout
        )
    except KeyringUnavailable as error:
        return result(identity=None, failure=FailureKind.KEYRING, message=str(error))
    except ProfileError as error:
        return result(identity=None, failure=FailureKind.PROFILE, message=str(error))
    except TimeoutError:
        message = unreachable_message(
            destination, f"did not answer within {timeout:g} seconds"
        )
        return result(
            identity=None, failure=FailureKind.NETWORK_UNREACHABLE, message=message
        )
    except CloudError as error:
        log.info("test connection of %r failed: %s", profile.name, error.code)
        return result(
            identity=None,
            failure=classify(error),
            message=credential_message(error, destination),
            error_code=error.code,
        )

    log.info(
        "profile %r is %s %s of account %s",
        profile.name,
        identity.identity_type,
        identity.name,
        identity.account_id,
    )
    return result(
        identity=identity,
        failure=None,
        message=f"Connected to account {identity.account_id} as {identity.type_name} "
        f"{identity.name}.",
        warning=root_account_warning(identity.identity_type),
    )


# Its name starts with "test"; tell pytest it is not a test when tests import it.
test_connection.__test__ = False  # type: ignore[attr-defined]
