"""Test connection against the sandbox over HTTP: who, or each kind of failure."""

from __future__ import annotations

import asyncio
import socket
from datetime import datetime, timedelta

import pytest
from harness import ACCESS_KEY_ID, ACCESS_KEY_SECRET, ACCOUNT_ID, base_dataset

from cloud_checkup.app import connection
from cloud_checkup.app.cloud.pacing import RetryPolicy
from cloud_checkup.app.connection import FailureKind
from cloud_checkup.app.profiles import CredentialType, Profile, ProfileSecrets
from cloud_checkup.sandbox import ApiError, FaultRule, Faults, SandboxThread

FAST_RETRY = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05)
ROOT_KEY = ("LTAI-root-key", "root-secret")
STS_KEY = ("STS.temporary-key", "sts-secret", "sts-token-value")


def dataset() -> dict:
    data = base_dataset()
    data["identities"] += [
        {
            "access_key_id": ROOT_KEY[0],
            "access_key_secret": ROOT_KEY[1],
            "arn": f"acs:ram::{ACCOUNT_ID}:root",
        },
        {
            "access_key_id": STS_KEY[0],
            "access_key_secret": STS_KEY[1],
            "security_token": STS_KEY[2],
            "arn": f"acs:ram::{ACCOUNT_ID}:assumed-role/auditor/checkup",
        },
    ]
    return data


@pytest.fixture
def sandbox():
    with SandboxThread(dataset()) as running:
        yield running


def check(store, profile: Profile, secrets: ProfileSecrets, **options):
    async def scenario():
        await store.add(profile, secrets)
        return await connection.test_connection(
            profile, store, retry=FAST_RETRY, **options
        )

    return asyncio.run(scenario())


def access_key(url: str, key_id=ACCESS_KEY_ID) -> Profile:
    return Profile(
        "p", CredentialType.ACCESS_KEY, access_key_id=key_id, endpoint_override=url
    )


def sts(url: str, key_id=STS_KEY[0]) -> Profile:
    return Profile("p", CredentialType.STS, access_key_id=key_id, endpoint_override=url)


def test_a_ram_user_is_identified_within_seconds(store, sandbox):
    result = check(store, access_key(sandbox.url), ProfileSecrets(ACCESS_KEY_SECRET))

    assert result.ok, result.message
    assert result.identity.account_id == ACCOUNT_ID
    assert result.identity.identity_type == "RAMUser"
    assert result.identity.name == "auditor"
    assert result.message == f"Connected to account {ACCOUNT_ID} as RAM user auditor."
    assert result.warning is None
    assert result.elapsed < 5
    assert [(r.action, r.status) for r in sandbox.requests] == [
        ("GetCallerIdentity", 200)
    ]


def test_the_root_accounts_accesskey_works_but_is_warned_about(store, sandbox):
    result = check(
        store, access_key(sandbox.url, ROOT_KEY[0]), ProfileSecrets(ROOT_KEY[1])
    )

    assert result.ok
    assert result.identity.identity_type == "Account"
    assert result.identity.is_root
    assert "root account" in result.message
    assert "high risk" in result.warning


def test_sts_credentials_identify_the_role_session(store, sandbox):
    result = check(store, sts(sandbox.url), ProfileSecrets(STS_KEY[1], STS_KEY[2]))

    assert result.ok, result.message
    assert result.identity.identity_type == "AssumedRoleUser"
    assert result.identity.name == "auditor/checkup"


@pytest.mark.parametrize(
    ("make_profile", "secrets", "kind", "code", "words"),
    [
        (
            lambda url: access_key(url, "LTAI-nobody-knows"),
            ProfileSecrets("whatever"),
            FailureKind.WRONG_KEY,
            "InvalidAccessKeyId.NotFound",
            "does not know this AccessKey ID",
        ),
        (
            access_key,
            ProfileSecrets("not-the-secret"),
            FailureKind.WRONG_SECRET,
            "SignatureDoesNotMatch",
            "secret does not match",
        ),
        (
            lambda url: access_key(url, STS_KEY[0]),
            ProfileSecrets(STS_KEY[1]),
            FailureKind.MISSING_TOKEN,
            "MissingSecurityToken",
            "security token is needed",
        ),
        (
            sts,
            ProfileSecrets(STS_KEY[1], "a-token-of-another-key"),
            FailureKind.BAD_TOKEN,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "does not belong to this AccessKey",
        ),
    ],
    ids=["wrong key", "wrong secret", "missing token", "token of another key"],
)
def test_each_authentication_failure_has_its_own_words(
    store, sandbox, make_profile, secrets, kind, code, words
):
    result = check(store, make_profile(sandbox.url), secrets)

    assert not result.ok
    assert (result.failure, result.error_code) == (kind, code)
    assert words in result.message
    assert result.identity is None


async def expired_token(call):
    if call.action == "GetCallerIdentity":
        raise ApiError(
            "InvalidSecurityToken.Expired", 400, "Specified SecurityToken is expired."
        )


def test_an_expired_sts_token(store):
    with SandboxThread(dataset(), faults=expired_token) as sandbox:
        result = check(store, sts(sandbox.url), ProfileSecrets(STS_KEY[1], STS_KEY[2]))

    assert result.failure is FailureKind.EXPIRED_TOKEN
    assert "has expired" in result.message


def test_a_skewed_clock(store, sandbox, monkeypatch):
    class LateClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) - timedelta(minutes=20)

    monkeypatch.setattr("cloud_checkup.app.cloud.client.datetime", LateClock)
    result = check(store, access_key(sandbox.url), ProfileSecrets(ACCESS_KEY_SECRET))

    assert (result.failure, result.error_code) == (
        FailureKind.CLOCK_SKEW,
        "InvalidTimeStamp.Expired",
    )
    assert "clock" in result.message and "15 minutes" in result.message


def test_throttling_is_retried_once_then_reported(store):
    rule = FaultRule(match="sts:GetCallerIdentity", throttle=1.0)
    with SandboxThread(dataset(), faults=Faults([rule])) as sandbox:
        result = check(
            store, access_key(sandbox.url), ProfileSecrets(ACCESS_KEY_SECRET)
        )
        calls = len(sandbox.requests)

    assert (result.failure, result.error_code) == (
        FailureKind.THROTTLED,
        "Throttling.User",
    )
    assert "throttling" in result.message
    assert calls == FAST_RETRY.attempts


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_network(store):
    url = f"http://127.0.0.1:{closed_port()}"
    result = check(store, access_key(url), ProfileSecrets(ACCESS_KEY_SECRET))

    assert result.failure is FailureKind.NETWORK_UNREACHABLE
    assert "could not be reached" in result.message
    assert result.elapsed < 5


def test_no_answer_in_time_is_reported_as_unreachable(store):
    rule = FaultRule(match="sts:*", latency=1.0)
    with SandboxThread(dataset(), faults=Faults([rule])) as sandbox:
        result = check(
            store,
            access_key(sandbox.url),
            ProfileSecrets(ACCESS_KEY_SECRET),
            timeout=0.2,
        )

    assert result.failure is FailureKind.NETWORK_UNREACHABLE
    assert "did not answer within" in result.message
    assert result.elapsed < 0.9


def test_a_secret_missing_from_the_keyring(store, sandbox, keyring_entries):
    profile = access_key(sandbox.url)

    async def scenario():
        await store.add(profile, ProfileSecrets(ACCESS_KEY_SECRET))
        keyring_entries.clear()  # e.g. the user cleaned up the keyring
        return await connection.test_connection(profile, store)

    result = asyncio.run(scenario())
    assert result.failure is FailureKind.PROFILE
    assert "holds no access key secret" in result.message
    assert sandbox.requests == []


def test_test_connection_is_not_collected_as_a_test():
    assert connection.test_connection.__test__ is False


def test_a_profile_not_saved_yet_is_tested_with_the_secrets_typed(
    store, sandbox, keyring_entries
):
    profile = access_key(sandbox.url)
    result = asyncio.run(
        connection.test_connection(
            profile, secrets=ProfileSecrets(ACCESS_KEY_SECRET), retry=FAST_RETRY
        )
    )

    assert result.ok, result.message
    assert keyring_entries == {}
