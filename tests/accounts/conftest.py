"""Accounts tests run in a private home, with an in-memory keyring and no real cloud."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from keyring_memory import MemoryKeyring

from cloud_checkup.app.profiles import ProfileStore
from cloud_checkup.app.secrets import SecretStore

# Every variable an Alibaba SDK or CLI would read credentials or endpoints from.
_ALIBABA_ENV_PREFIXES = ("ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_")


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG folders point into tmp_path; the user's set-ups are hidden."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, folder in {
        "XDG_CONFIG_HOME": ".config",
        "XDG_DATA_HOME": ".local/share",
        "XDG_CACHE_HOME": ".cache",
        "XDG_STATE_HOME": ".local/state",
    }.items():
        monkeypatch.setenv(name, str(home / folder))
    for name in list(os.environ):
        if name.startswith(_ALIBABA_ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring_memory.MemoryKeyring")
    MemoryKeyring.entries = {}
    return home


@pytest.fixture
def keyring_entries() -> dict[tuple[str, str], str]:
    return MemoryKeyring.entries


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(
        tmp_path / "config" / "profiles.json", SecretStore(MemoryKeyring())
    )


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection beyond loopback (ECS metadata, real STS, anything)."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse_remote(address) -> None:
        if isinstance(address, tuple):
            host = address[0]
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise AssertionError(f"a test tried to connect to {address!r}")

    def connect(self, address):
        refuse_remote(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        refuse_remote(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
