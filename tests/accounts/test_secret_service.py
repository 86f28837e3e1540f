"""A profile's secrets in a real Secret Service: gnome-keyring on a private D-Bus.

The app and the test run in child processes under ``dbus-run-session``, with a fresh
home, so the keyring is a new, unlocked one that disappears with the session.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# CI installs gnome-keyring (the Makefile's system packages) and must run this test;
# elsewhere it is skipped when the daemon is missing.
pytestmark = pytest.mark.skipif(
    shutil.which("gnome-keyring-daemon") is None and not os.environ.get("CI"),
    reason="gnome-keyring is not installed (apt-get install gnome-keyring dbus-x11)",
)

SECRET = "secret-service-canary-7f3a"
TOKEN = "secret-service-token-9c1e"

APP = textwrap.dedent(
    f"""
    import asyncio, json, sys
    from pathlib import Path
    from cloud_checkup.app.profiles import (
        CredentialType, Profile, ProfileSecrets, ProfileStore,
    )

    async def main(step, path):
        store = ProfileStore(Path(path))
        if step == "store":
            profile = Profile("ci", CredentialType.STS, access_key_id="STS.ci")
            await store.add(profile, ProfileSecrets({SECRET!r}, {TOKEN!r}))
            return {{"backend": await store.secrets.check()}}
        profile = await store.get("ci")
        found = await store.load_secrets(profile)
        await store.remove("ci")
        gone = await store.load_secrets(profile)
        return {{
            "read": [found.access_key_secret, found.security_token],
            "after_remove": [gone.access_key_secret, gone.security_token],
        }}

    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2]))))
    """
)

SESSION = textwrap.dedent(
    """
    set -e
    printf 'ci-unlock' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$PYTHON" -c "$APP" store "$PROFILES"
    "$PYTHON" -c "$APP" read-and-remove "$PROFILES"
    """
)


def test_a_profiles_secrets_are_stored_read_and_deleted(tmp_path: Path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "PYTHON_KEYRING_BACKEND" and not key.startswith("DBUS_")
    }
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHON=sys.executable,
        APP=APP,
        PROFILES=str(tmp_path / "profiles.json"),
    )
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", SESSION],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr

    stored, removed = (json.loads(line) for line in done.stdout.splitlines())
    assert stored["backend"] == "keyring.backends.SecretService.Keyring"
    # Read back by a second process: the secret lived in gnome-keyring, not in memory.
    assert removed["read"] == [SECRET, TOKEN]
    assert removed["after_remove"] == [None, None]
    # gnome-keyring keeps its file encrypted; nothing on disk shows the secret.
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".keyring" for p in written)
    for path in written:
        assert SECRET.encode() not in path.read_bytes(), path
