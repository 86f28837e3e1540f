"""Profiles: settings in the config file, secrets only in the keyring."""

from __future__ import annotations

import asyncio
import json

import pytest
from keyring_memory import MemoryKeyring

from cloud_checkup.app.profiles import (
    CredentialType,
    Profile,
    ProfileError,
    ProfileSecrets,
    ProfileStore,
    default_config_path,
    secret_key,
)
from cloud_checkup.app.secrets import SERVICE, KeyringUnavailable, SecretStore

SECRET = "s3cret-value-for-profiles"
TOKEN = "sts-token-for-profiles"


def run(coro):
    return asyncio.run(coro)


def access_key(name="prod", key_id="LTAI-prod") -> Profile:
    return Profile(name, CredentialType.ACCESS_KEY, access_key_id=key_id)


def test_a_profile_round_trips_settings_to_file_and_secret_to_keyring(
    store, keyring_entries
):
    profile = Profile(
        "prod",
        CredentialType.RAM_ROLE_ARN,
        access_key_id="LTAI-prod",
        role_arn="acs:ram::1234567890123456:role/auditor",
        role_session_name="checkup",
        session_duration=1800,
        regions=("cn-hangzhou", "cn-shanghai"),
    )
    run(store.add(profile, ProfileSecrets(access_key_secret=SECRET)))

    assert run(store.list()) == [profile]
    assert keyring_entries == {
        (SERVICE, secret_key("prod", "access_key_secret")): SECRET
    }
    assert run(store.load_secrets(profile)).access_key_secret == SECRET
    text = store.path.read_text(encoding="utf-8")
    assert SECRET not in text
    assert json.loads(text)["profiles"][0]["role_arn"].endswith("role/auditor")


def test_sts_profiles_keep_secret_and_token_in_the_keyring(store, keyring_entries):
    profile = Profile("temp", CredentialType.STS, access_key_id="STS.abc")
    run(store.add(profile, ProfileSecrets(SECRET, TOKEN)))

    secrets = run(store.load_secrets(profile))
    assert (secrets.access_key_secret, secrets.security_token) == (SECRET, TOKEN)
    assert TOKEN not in store.path.read_text(encoding="utf-8")
    assert set(keyring_entries.values()) == {SECRET, TOKEN}


def test_profiles_of_existing_setups_store_no_secret(store, keyring_entries):
    run(store.add(Profile("cli", CredentialType.ALIYUN_CLI, source_profile="dev")))
    run(store.add(Profile("env", CredentialType.ENVIRONMENT)))
    run(store.add(Profile("ecs", CredentialType.ECS_RAM_ROLE, role_name="Auditor")))

    assert [p.name for p in run(store.list())] == ["cli", "env", "ecs"]
    assert keyring_entries == {}


@pytest.mark.parametrize(
    ("profile", "secrets", "complaint"),
    [
        (access_key(), ProfileSecrets(), "AccessKey secret"),
        (
            Profile("x", CredentialType.ACCESS_KEY),
            ProfileSecrets(SECRET),
            "AccessKey ID",
        ),
        (
            Profile("x", CredentialType.STS, access_key_id="STS.a"),
            ProfileSecrets(SECRET),
            "security token",
        ),
        (
            Profile("x", CredentialType.RAM_ROLE_ARN, access_key_id="LTAI-a"),
            ProfileSecrets(SECRET),
            "RAM role ARN",
        ),
        (
            Profile(
                "x",
                CredentialType.RAM_ROLE_ARN,
                access_key_id="LTAI-a",
                role_arn="acs:ram::1:role/r",
                session_duration=60,
            ),
            ProfileSecrets(SECRET),
            "between 900 and 43200",
        ),
        (
            Profile("x", CredentialType.OIDC_ROLE_ARN, role_arn="acs:ram::1:role/r"),
            None,
            "OIDC provider ARN",
        ),
        (access_key(name="a/b"), ProfileSecrets(SECRET), "'/'"),
        (access_key(name=" padded"), ProfileSecrets(SECRET), "spaces"),
        (
            Profile(
                "x",
                CredentialType.ACCESS_KEY,
                access_key_id="LTAI-a",
                endpoint_override="http://192.0.2.1:8080",
            ),
            ProfileSecrets(SECRET),
            "sandbox on this computer",
        ),
    ],
)
def test_incomplete_profiles_are_refused_in_plain_words(
    store, keyring_entries, profile, secrets, complaint
):
    with pytest.raises(ProfileError, match=complaint):
        run(store.add(profile, secrets))
    assert keyring_entries == {}
    assert not store.path.exists()


def test_names_are_unique(store):
    run(store.add(access_key(), ProfileSecrets(SECRET)))
    with pytest.raises(ProfileError, match="already exists"):
        run(store.add(access_key(), ProfileSecrets(SECRET)))


def test_renaming_moves_the_secrets_and_keeps_the_order(store, keyring_entries):
    run(store.add(access_key("a", "LTAI-a"), ProfileSecrets("secret-a")))
    run(store.add(access_key("b", "LTAI-b"), ProfileSecrets("secret-b")))

    run(store.update("a", access_key("renamed", "LTAI-a")))

    assert [p.name for p in run(store.list())] == ["renamed", "b"]
    moved = run(store.load_secrets(run(store.get("renamed"))))
    assert moved.access_key_secret == "secret-a"
    assert (SERVICE, secret_key("a", "access_key_secret")) not in keyring_entries


def test_editing_can_replace_the_secret_and_change_the_type(store, keyring_entries):
    run(
        store.add(
            Profile("p", CredentialType.STS, access_key_id="STS.a"),
            ProfileSecrets(SECRET, TOKEN),
        )
    )

    run(store.update("p", access_key("p", "LTAI-new"), ProfileSecrets("new-secret")))

    assert run(store.get("p")).credential_type is CredentialType.ACCESS_KEY
    # The token of the old STS type must not linger in the keyring.
    assert set(keyring_entries.values()) == {"new-secret"}


def test_removing_deletes_the_secrets(store, keyring_entries):
    run(
        store.add(
            Profile("p", CredentialType.STS, access_key_id="STS.a"),
            ProfileSecrets(SECRET, TOKEN),
        )
    )
    run(store.remove("p"))

    assert run(store.list()) == []
    assert keyring_entries == {}
    with pytest.raises(ProfileError, match="no profile named 'p'"):
        run(store.remove("p"))


def test_a_damaged_profiles_file_is_reported_not_overwritten(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{not json", encoding="utf-8")

    with pytest.raises(ProfileError, match="damaged"):
        run(store.list())
    with pytest.raises(ProfileError, match="damaged"):
        run(store.add(access_key(), ProfileSecrets(SECRET)))
    assert store.path.read_text(encoding="utf-8") == "{not json"


def test_the_profiles_file_lives_in_the_platform_config_dir(private_home):
    assert default_config_path() == (
        private_home / ".config" / "cloud-checkup" / "profiles.json"
    )
    assert ProfileStore().path == default_config_path()


def test_unicode_names_work(store):
    run(store.add(access_key("生产账号"), ProfileSecrets(SECRET)))
    assert run(store.get("生产账号")).access_key_id == "LTAI-prod"


def test_secrets_never_show_in_repr():
    assert SECRET not in repr(ProfileSecrets(SECRET, TOKEN))
    assert TOKEN not in repr(ProfileSecrets(SECRET, TOKEN))


class FailingSecondWrite(MemoryKeyring):
    writes = 0

    def set_password(self, service, username, password):
        FailingSecondWrite.writes += 1
        if FailingSecondWrite.writes == 2:
            raise RuntimeError("keyring went away")
        super().set_password(service, username, password)


def test_a_failed_add_leaves_no_secret_and_no_profile(tmp_path, keyring_entries):
    store = ProfileStore(tmp_path / "profiles.json", SecretStore(FailingSecondWrite()))
    profile = Profile("temp", CredentialType.STS, access_key_id="STS.a")

    with pytest.raises(KeyringUnavailable):
        run(store.add(profile, ProfileSecrets(SECRET, TOKEN)))
    assert keyring_entries == {}
    assert run(store.list()) == []
