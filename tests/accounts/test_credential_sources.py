"""Credential sources per type; the user's existing set-ups found, used and imported."""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
from alibabacloud_credentials.provider import (
    EcsRamRoleCredentialsProvider,
    OIDCRoleArnCredentialsProvider,
    RamRoleArnCredentialsProvider,
)
from harness import ACCESS_KEY_ID, ACCESS_KEY_SECRET, base_dataset

from cloud_checkup.app import connection
from cloud_checkup.app.cloud import CloudError
from cloud_checkup.app.cloud.credentials import StaticCredentials
from cloud_checkup.app.connection import FailureKind
from cloud_checkup.app.credential_sources import (
    EnvironmentCredentials,
    ProviderCredentials,
    build_source,
    discover_setups,
    import_setup,
    sdk_config,
)
from cloud_checkup.app.profiles import (
    CredentialType,
    Profile,
    ProfileError,
    ProfileSecrets,
)
from cloud_checkup.sandbox import SandboxThread

ROLE_ARN = "acs:ram::1234567890123456:role/auditor"
CLI_SECRET = "cli-secret-in-config-json"
FILE_SECRET = "file-secret-in-credentials-ini"


def run(coro):
    return asyncio.run(coro)


def test_the_loopback_guard_refuses_the_ecs_metadata_address():
    with pytest.raises(AssertionError, match="100.100.100.200"), socket.socket() as s:
        s.connect(("100.100.100.200", 80))


def test_an_accesskey_pair_signs_as_it_is():
    profile = Profile("p", CredentialType.ACCESS_KEY, access_key_id="LTAI-a")
    source = build_source(profile, ProfileSecrets("secret-a"))
    credential = run(source.get())

    assert isinstance(source, StaticCredentials)
    assert (credential.access_key_id, credential.access_key_secret) == (
        "LTAI-a",
        "secret-a",
    )
    assert credential.security_token is None


def test_sts_credentials_carry_their_token():
    profile = Profile("p", CredentialType.STS, access_key_id="STS.a")
    credential = run(build_source(profile, ProfileSecrets("s", "token")).get())
    assert credential.security_token == "token"


# The SDK always sends AssumeRole over HTTPS (alibabacloud_credentials hard-codes the
# protocol), so it cannot be pointed at the plain-HTTP sandbox: the role types are
# tested up to the SDK config and provider they build, which fetch nothing yet.
def test_a_ram_role_arn_profile_becomes_the_sdks_assume_role_config():
    profile = Profile(
        "p",
        CredentialType.RAM_ROLE_ARN,
        access_key_id="LTAI-a",
        role_arn=ROLE_ARN,
        role_session_name="weekly-checkup",
        session_duration=1800,
    )
    config = sdk_config(profile, ProfileSecrets("secret-a"))

    assert config.type == "ram_role_arn"
    assert (config.access_key_id, config.access_key_secret) == ("LTAI-a", "secret-a")
    assert config.role_arn == ROLE_ARN
    assert config.role_session_name == "weekly-checkup"
    assert config.role_session_expiration == 1800
    source = build_source(profile, ProfileSecrets("secret-a"))
    assert isinstance(source.provider, RamRoleArnCredentialsProvider)


def test_role_sessions_have_a_recognisable_default_name_and_an_hour():
    profile = Profile(
        "p", CredentialType.RAM_ROLE_ARN, access_key_id="LTAI-a", role_arn=ROLE_ARN
    )
    config = sdk_config(profile, ProfileSecrets("secret-a"))
    assert (config.role_session_name, config.role_session_expiration) == (
        "cloud-checkup",
        3600,
    )


def test_an_oidc_profile_becomes_the_sdks_oidc_config(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("oidc-token", encoding="utf-8")
    profile = Profile(
        "p",
        CredentialType.OIDC_ROLE_ARN,
        role_arn=ROLE_ARN,
        oidc_provider_arn="acs:ram::1234567890123456:oidc-provider/ack",
        oidc_token_file=str(token_file),
    )
    config = sdk_config(profile, ProfileSecrets())

    assert config.type == "oidc_role_arn"
    assert config.oidc_token_file_path == str(token_file)
    assert config.oidc_provider_arn.endswith("oidc-provider/ack")
    source = build_source(profile, ProfileSecrets())
    assert isinstance(source.provider, OIDCRoleArnCredentialsProvider)


def test_an_ecs_ram_role_profile_is_built_without_asking_the_metadata_service():
    profile = Profile("p", CredentialType.ECS_RAM_ROLE, role_name="CheckupRole")

    assert sdk_config(profile, ProfileSecrets()).role_name == "CheckupRole"
    # Building must not call 100.100.100.200; the loopback guard would fail the test.
    source = build_source(profile, ProfileSecrets())
    assert isinstance(source.provider, EcsRamRoleCredentialsProvider)


def test_a_role_profile_without_its_secret_is_refused_before_the_sdk():
    profile = Profile(
        "p",
        CredentialType.RAM_ROLE_ARN,
        access_key_id="LTAI-a",
        role_arn=ROLE_ARN,
    )
    with pytest.raises(ProfileError, match="needs an AccessKey secret"):
        build_source(profile, ProfileSecrets())


def test_environment_variables_are_read_when_used_not_when_built(monkeypatch):
    source = build_source(Profile("env", CredentialType.ENVIRONMENT), ProfileSecrets())
    assert isinstance(source, EnvironmentCredentials)
    with pytest.raises(CloudError, match="ALIBABA_CLOUD_ACCESS_KEY_ID"):
        run(source.get())

    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token")
    credential = run(source.get())
    assert (credential.access_key_id, credential.security_token) == (
        "LTAI-env",
        "env-token",
    )


def test_the_aliyun_cli_and_terraform_variable_names_work_too():
    environ = {"ALICLOUD_ACCESS_KEY_ID": "LTAI-tf", "ALICLOUD_ACCESS_KEY_SECRET": "s"}
    assert run(EnvironmentCredentials(environ).get()).access_key_id == "LTAI-tf"


@pytest.fixture
def existing_setups(private_home, monkeypatch):
    """An aliyun CLI config, a credentials file and environment variables."""
    cli = private_home / ".aliyun" / "config.json"
    cli.parent.mkdir()
    cli.write_text(
        json.dumps(
            {
                "current": "default",
                "profiles": [
                    {
                        "name": "default",
                        "mode": "AK",
                        "access_key_id": ACCESS_KEY_ID,
                        "access_key_secret": CLI_SECRET,
                        "region_id": "cn-hangzhou",
                    },
                    {
                        "name": "temp",
                        "mode": "StsToken",
                        "access_key_id": "STS.cli",
                        "access_key_secret": "cli-sts-secret",
                        "sts_token": "cli-sts-token",
                    },
                    {"name": "sso", "mode": "CloudSSO"},
                ],
            }
        ),
        encoding="utf-8",
    )
    ini = private_home / ".alibabacloud" / "credentials.ini"
    ini.parent.mkdir()
    ini.write_text(
        "[default]\ntype = access_key\n"
        f"access_key_id = LTAI-file\naccess_key_secret = {FILE_SECRET}\n\n"
        f"[role]\ntype = ram_role_arn\naccess_key_id = LTAI-file\n"
        f"access_key_secret = {FILE_SECRET}\nrole_arn = {ROLE_ARN}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
    return {"cli": cli, "ini": ini}


def test_existing_setups_are_found_and_described_without_secrets(existing_setups):
    setups = discover_setups()

    assert [(s.kind.value, s.source_profile) for s in setups] == [
        ("environment", None),
        ("aliyun_cli", "default"),
        ("aliyun_cli", "temp"),
        ("aliyun_cli", "sso"),
        ("credentials_file", "default"),
        ("credentials_file", "role"),
    ]
    assert [s.importable_as for s in setups] == [
        CredentialType.ACCESS_KEY,
        CredentialType.ACCESS_KEY,
        CredentialType.STS,
        None,
        CredentialType.ACCESS_KEY,
        CredentialType.RAM_ROLE_ARN,
    ]
    shown = repr(setups)
    for secret in (CLI_SECRET, FILE_SECRET, "env-secret", "cli-sts-token"):
        assert secret not in shown


def test_importing_copies_settings_and_secrets(existing_setups):
    by_name = {(s.kind, s.source_profile): s for s in discover_setups()}

    profile, secrets = import_setup(
        by_name[(CredentialType.ALIYUN_CLI, "temp")], "imported"
    )
    assert profile.credential_type is CredentialType.STS
    assert profile.access_key_id == "STS.cli"
    assert (secrets.access_key_secret, secrets.security_token) == (
        "cli-sts-secret",
        "cli-sts-token",
    )

    profile, secrets = import_setup(
        by_name[(CredentialType.CREDENTIALS_FILE, "role")], "role"
    )
    assert (profile.credential_type, profile.role_arn) == (
        CredentialType.RAM_ROLE_ARN,
        ROLE_ARN,
    )
    assert secrets.access_key_secret == FILE_SECRET

    profile, secrets = import_setup(by_name[(CredentialType.ENVIRONMENT, None)], "env")
    assert (profile.access_key_id, secrets.access_key_secret) == (
        "LTAI-env",
        "env-secret",
    )


def test_a_cli_mode_that_cannot_be_copied_is_refused(existing_setups):
    sso = next(s for s in discover_setups() if s.source_profile == "sso")
    with pytest.raises(ProfileError, match="use it as it is"):
        import_setup(sso, "sso")


def test_setups_used_as_they_are_are_read_at_each_use(existing_setups):
    setups = {(s.kind, s.source_profile): s for s in discover_setups()}
    cli = setups[(CredentialType.ALIYUN_CLI, "default")].use_as_is("cli")
    ini = setups[(CredentialType.CREDENTIALS_FILE, "default")].use_as_is("ini")

    assert cli.needed_secrets == () and ini.needed_secrets == ()
    from_cli = run(build_source(cli, ProfileSecrets()).get())
    from_ini = run(build_source(ini, ProfileSecrets()).get())
    assert (from_cli.access_key_id, from_cli.access_key_secret) == (
        ACCESS_KEY_ID,
        CLI_SECRET,
    )
    assert (from_ini.access_key_id, from_ini.access_key_secret) == (
        "LTAI-file",
        FILE_SECRET,
    )


def test_the_older_credentials_file_name_is_found_too(private_home):
    legacy = private_home / ".alibabacloud" / "credentials"
    legacy.parent.mkdir()
    legacy.write_text("[default]\ntype = access_key\naccess_key_id = LTAI-old\n")
    assert [s.access_key_id for s in discover_setups()] == ["LTAI-old"]


def test_an_aliyun_cli_profile_tests_and_keeps_no_secret(
    existing_setups, store, keyring_entries
):
    # The CLI's AccessKey is the sandbox's; the profile points it at the sandbox.
    with SandboxThread(base_dataset()) as sandbox:
        profile = Profile(
            "cli",
            CredentialType.ALIYUN_CLI,
            source_profile="default",
            endpoint_override=sandbox.url,
        )
        cli_config = json.loads(existing_setups["cli"].read_text())
        cli_config["profiles"][0]["access_key_secret"] = ACCESS_KEY_SECRET
        existing_setups["cli"].write_text(json.dumps(cli_config))

        async def scenario():
            await store.add(profile)
            return await connection.test_connection(profile, store)

        result = run(scenario())

    assert result.ok, result.message
    assert result.identity.name == "auditor"
    assert keyring_entries == {}
    assert ACCESS_KEY_SECRET not in store.path.read_text()


def test_a_setup_that_has_gone_is_a_plain_failure(store, private_home):
    profile = Profile("cli", CredentialType.ALIYUN_CLI, source_profile="gone")

    result = run(connection.test_connection(profile, store))

    assert result.failure is FailureKind.CREDENTIALS_UNAVAILABLE
    assert "config.json" in result.message


def test_sdk_failures_become_cloud_errors():
    class Broken:
        def get_provider_name(self):
            return "broken"

        async def get_credentials_async(self):
            raise ValueError("no credential here")

    with pytest.raises(CloudError) as caught:
        run(ProviderCredentials(Broken()).get())
    assert caught.value.code == "Credentials.Unavailable"
    assert "no credential here" in caught.value.message
