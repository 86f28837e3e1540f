"""`cloud-checkup profiles list|add|remove|test|discover` end to end, on the sandbox."""

from __future__ import annotations

import argparse
import io
import json
import socket
import sys

import pytest
from harness import ACCESS_KEY_ID, ACCESS_KEY_SECRET, ACCOUNT_ID, base_dataset

from cloud_checkup import cli_profiles
from cloud_checkup.app.profiles import default_config_path
from cloud_checkup.sandbox import SandboxThread


def profiles(*argv: str, stdin: str = "") -> int:
    parser = argparse.ArgumentParser(prog="cloud-checkup")
    cli_profiles.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["profiles", *argv])
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return cli_profiles.run(args)
    finally:
        sys.stdin = saved


@pytest.fixture
def sandbox():
    data = base_dataset()
    data["identities"].append(
        {
            "access_key_id": "LTAI-root",
            "access_key_secret": "root-secret",
            "arn": f"acs:ram::{ACCOUNT_ID}:root",
        }
    )
    with SandboxThread(data) as running:
        yield running


def add_access_key(name: str, url: str, key_id=ACCESS_KEY_ID, secret=ACCESS_KEY_SECRET):
    return profiles(
        "add", name, "--type", "access_key", "--access-key-id", key_id,
        "--sandbox-url", url, "--regions", "cn-hangzhou", "--secret-stdin",
        stdin=f"{secret}\n",
    )  # fmt: skip


def test_add_list_test_remove(sandbox, capsys, keyring_entries):
    assert add_access_key("prod", sandbox.url) == 0
    assert "Added profile 'prod' (AccessKey pair)" in capsys.readouterr().out
    assert list(keyring_entries.values()) == [ACCESS_KEY_SECRET]

    assert profiles("list") == 0
    listing = capsys.readouterr().out
    assert "prod  [AccessKey pair]" in listing and ACCESS_KEY_ID in listing
    assert profiles("list", "--format", "json") == 0
    (document,) = json.loads(capsys.readouterr().out)
    assert document["regions"] == ["cn-hangzhou"]

    assert profiles("test", "prod") == 0
    output = capsys.readouterr().out
    assert f"Connected to account {ACCOUNT_ID} as RAM user auditor." in output
    assert "identity type:  RAMUser (RAM user)" in output

    assert profiles("remove", "prod") == 0
    assert keyring_entries == {}
    assert profiles("list") == 0
    assert "No profiles yet" in capsys.readouterr().out


def test_a_failed_test_exits_non_zero_with_plain_words(sandbox, capsys):
    add_access_key("bad", sandbox.url, secret="not-the-secret")
    capsys.readouterr()

    assert profiles("test", "bad") == 1
    error = capsys.readouterr().err
    assert error.startswith(
        "cloud-checkup: The test of profile 'bad' failed. The AccessKey secret does "
        "not match the AccessKey ID. Enter the secret again.\n"
    )
    assert "Alibaba Cloud's error code: SignatureDoesNotMatch." in error
    assert "wrong_secret" not in error  # an internal name, not words
    assert not any(line.rstrip().endswith(":") for line in error.splitlines())
    assert "not-the-secret" not in error


def test_a_sandbox_that_is_not_running_is_named(capsys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    add_access_key("offline", url)
    capsys.readouterr()

    assert profiles("test", "offline") == 1
    error = capsys.readouterr().err
    assert f"The sandbox at {url} could not be reached" in error
    assert "Is it running?" in error
    assert "Alibaba Cloud could not be reached" not in error
    assert "Transport." not in error


def test_add_suggests_the_test_without_running_it(capsys, monkeypatch):
    async def no_test(*args, **kwargs):
        raise AssertionError("profiles add must not test the credential")

    monkeypatch.setattr("cloud_checkup.app.connection.test_connection", no_test)

    assert add_access_key("new one", "http://127.0.0.1:9") == 0
    assert (
        "Check that it works with: cloud-checkup profiles test 'new one'"
        in capsys.readouterr().out
    )


def test_profiles_without_a_command_lists_the_commands(capsys):
    assert profiles() == 2
    assert "choose one of: list, add, remove, test, discover" in capsys.readouterr().err


def test_the_root_account_is_warned_about(sandbox, capsys):
    add_access_key("root", sandbox.url, key_id="LTAI-root", secret="root-secret")

    assert profiles("test", "root") == 0
    captured = capsys.readouterr()
    assert "as root account root" in captured.out
    assert "WARNING" in captured.err and "high risk" in captured.err


def test_secrets_are_not_read_without_a_terminal_unless_asked(capsys):
    code = profiles("add", "p", "--type", "access_key", "--access-key-id", "LTAI-x")
    assert code == 2
    assert "--secret-stdin" in capsys.readouterr().err
    assert not default_config_path().exists()


def test_no_secure_keyring_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

    code = profiles(
        "add", "p", "--type", "access_key", "--access-key-id", "LTAI-x",
        "--secret-stdin", stdin="secret\n",
    )  # fmt: skip

    assert code == 1
    assert "No secure keyring" in capsys.readouterr().err
    assert not default_config_path().exists()
    # The types the message suggests keep no secret, so they work without a keyring.
    assert profiles("add", "env", "--type", "environment") == 0
    assert profiles("add", "cli", "--type", "aliyun_cli") == 0
    assert profiles("remove", "env") == 0


def test_importing_from_the_aliyun_cli(private_home, capsys, keyring_entries):
    cli = private_home / ".aliyun" / "config.json"
    cli.parent.mkdir()
    entries = [
        {"name": n, "mode": "AK", "access_key_id": f"LTAI-{n}", "access_key_secret": s}
        for n, s in (("default", "default-secret"), ("audit", "audit-secret"))
    ]
    cli.write_text(json.dumps({"current": "default", "profiles": entries}))

    assert profiles("add", "copied", "--import-from", "aliyun-cli") == 2
    assert "--source-profile" in capsys.readouterr().err
    code = profiles(
        "add", "copied", "--import-from", "aliyun-cli", "--source-profile", "audit"
    )

    assert code == 0
    assert list(keyring_entries.values()) == ["audit-secret"]
    assert profiles("discover") == 0
    found = capsys.readouterr().out
    assert "aliyun CLI profile 'audit' (AK, AccessKey LTAI-audit)" in found
    assert "default-secret" not in found and "audit-secret" not in found


def test_using_the_environment_as_it_is(monkeypatch, sandbox, capsys, keyring_entries):
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ACCESS_KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET)

    assert (
        profiles("add", "env", "--type", "environment", "--sandbox-url", sandbox.url)
        == 0
    )
    assert profiles("test", "env") == 0
    assert "RAM user auditor" in capsys.readouterr().out
    assert keyring_entries == {}
