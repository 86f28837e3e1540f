"""The keyring: secure backends only, never plaintext, and never blocking the loop."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
import types

import keyring.backends.fail
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring_memory import MemoryKeyring

from cloud_checkup.app.secrets import (
    KeyringTimeout,
    KeyringUnavailable,
    NoSecureKeyring,
    SecretStore,
    is_secure,
    select_backend,
)


class FakeAltPlaintext(KeyringBackend):
    """Stands in for keyrings.alt's plaintext file, even claiming a high priority."""

    priority = 10

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise AssertionError("a plaintext backend must never be written to")

    def delete_password(self, service, username):
        pass


FakeAltPlaintext.__module__ = "keyrings.alt.file"


class StrongerMemoryKeyring(MemoryKeyring):
    priority = 5


def run(coro):
    return asyncio.run(coro)


def test_plaintext_and_placeholder_backends_are_not_secure():
    assert not is_secure(FakeAltPlaintext())
    assert not is_secure(keyring.backends.fail.Keyring())
    assert is_secure(MemoryKeyring())


def test_the_best_secure_backend_is_chosen_and_plaintext_never():
    chosen = select_backend(
        [FakeAltPlaintext(), MemoryKeyring(), StrongerMemoryKeyring()]
    )
    assert type(chosen) is StrongerMemoryKeyring


def test_no_secure_backend_is_an_error_saying_what_to_do():
    with pytest.raises(NoSecureKeyring) as caught:
        select_backend([FakeAltPlaintext(), keyring.backends.fail.Keyring()])
    message = str(caught.value)
    assert "No secure keyring" in message
    assert "environment variables" in message
    if sys.platform.startswith("linux"):
        assert "gnome-keyring" in message


def test_a_plaintext_backend_configured_for_python_is_refused(monkeypatch):
    package = types.ModuleType("keyrings")
    alt = types.ModuleType("keyrings.alt")
    file = types.ModuleType("keyrings.alt.file")
    file.PlaintextKeyring = FakeAltPlaintext
    for module in (package, alt, file):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

    with pytest.raises(NoSecureKeyring, match="does not protect secrets"):
        select_backend()
    with pytest.raises(NoSecureKeyring):
        run(SecretStore().set("profile/p/access_key_secret", "must-not-be-written"))


def test_the_null_backend_configured_for_python_is_refused(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    with pytest.raises(NoSecureKeyring):
        run(SecretStore().get("anything"))


def test_a_secure_configured_backend_is_used(keyring_entries):
    run(SecretStore().set("k", "v"))  # conftest configures keyring_memory
    assert run(SecretStore().get("k")) == "v"
    assert keyring_entries == {("cloud-checkup", "k"): "v"}


def test_deleting_what_is_not_there_is_fine():
    store = SecretStore(MemoryKeyring())
    run(store.delete("never-stored"))
    assert run(store.get("never-stored")) is None


class HangingKeyring(MemoryKeyring):
    """A keyring waiting for an unlock that never comes (until the test ends)."""

    release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(10)
        return None


def test_a_hanging_keyring_times_out_and_never_blocks_the_loop():
    ticks = 0

    async def scenario():
        nonlocal ticks

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticking = asyncio.create_task(ticker())
        try:
            with pytest.raises(KeyringTimeout, match="did not answer"):
                await SecretStore(HangingKeyring(), timeout=0.3).get("k")
        finally:
            ticking.cancel()

    started = time.monotonic()
    try:
        run(scenario())
        # asyncio.run returned without waiting for the stuck keyring thread.
        assert time.monotonic() - started < 2
        assert ticks >= 10
    finally:
        HangingKeyring.release.set()


class LockedKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("locked")


class PromptlessKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise keyring.errors.InitError("Failed to unlock the collection!")


class ChattyKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise RuntimeError(f"could not store {password}")


def test_keyring_failures_are_plain_words_without_the_secret():
    with pytest.raises(KeyringUnavailable, match="locked. Unlock it"):
        run(SecretStore(LockedKeyring()).set("k", "canary-secret"))
    # A locked keyring that cannot prompt (no desktop) says what to do.
    with pytest.raises(KeyringUnavailable, match="gnome-keyring-daemon --unlock"):
        run(SecretStore(PromptlessKeyring()).set("k", "canary-secret"))
    with pytest.raises(KeyringUnavailable) as caught:
        run(SecretStore(ChattyKeyring()).set("k", "canary-secret"))
    assert "canary-secret" not in str(caught.value)
    # The backend's own error, which does hold the secret, is not chained for display.
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "RuntimeError" in str(caught.value)
