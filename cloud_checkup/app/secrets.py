"""The OS keyring, the only place the app keeps a secret, reached without blocking.

Only a secure backend is ever used (macOS Keychain, Windows Credential Locker, the
Secret Service, KWallet): a plaintext or "encrypted file" fallback such as
``keyrings.alt`` is refused, and having no secure backend is an error the user sees.
Every keyring call runs on a worker thread with a timeout, since a locked keyring may
wait for the user to unlock it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import keyring.backend
import keyring.core
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "cloud-checkup"
DEFAULT_TIMEOUT = 15.0
# Backends that keep secrets in a file the app could read back without the user's
# session: the plaintext and "encrypted" files of keyrings.alt, and the placeholders.
_INSECURE_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")

T = TypeVar("T")


class KeyringUnavailable(Exception):
    """The keyring could not be used; the message says why and what to do."""


class NoSecureKeyring(KeyringUnavailable):
    """No secure keyring backend exists on this computer (or a plaintext one is set)."""


class KeyringTimeout(KeyringUnavailable):
    """The keyring did not answer in time (often: it waits to be unlocked)."""


def no_secure_keyring_advice() -> str:
    if sys.platform.startswith("linux"):
        where = (
            "On Linux, install and unlock a Secret Service keyring such as GNOME "
            "Keyring or KWallet (for example: sudo apt install gnome-keyring), "
            "then log in to the desktop again."
        )
    else:
        where = "Check that the system keychain is available to your user account."
    return (
        f"No secure keyring is available to keep the AccessKey secret. {where} "
        "Or choose a credential type that keeps no secret in this app: environment "
        "variables, an aliyun CLI profile, or an ECS RAM role."
    )


def is_secure(backend: keyring.backend.KeyringBackend) -> bool:
    """A backend the operating system protects, never a plaintext fallback.

    The chainer is refused too: it would fall through to whatever else is installed.
    """
    module = type(backend).__module__
    if module.startswith(_INSECURE_MODULES) or module == "keyring.backends.chainer":
        return False
    try:
        return keyring.core.recommended(backend)
    except Exception:  # a backend whose priority cannot be determined is not viable
        return False


def select_backend(
    candidates: Iterable[keyring.backend.KeyringBackend] | None = None,
) -> keyring.backend.KeyringBackend:
    """The user's configured backend if it is secure, else the best secure one.

    Raises:
        NoSecureKeyring: none is available, or the configured one is not secure.
    """
    if candidates is None:
        configured = _configured_backend()
        if configured is not None:
            return configured
        candidates = keyring.backend.get_all_keyring()
    secure = [b for b in candidates if is_secure(b)]
    if not secure:
        raise NoSecureKeyring(no_secure_keyring_advice())
    chosen = max(secure, key=keyring.backend.by_priority)
    log.debug("using keyring backend %s", type(chosen).__qualname__)
    return chosen


def _configured_backend() -> keyring.backend.KeyringBackend | None:
    """What PYTHON_KEYRING_BACKEND or keyringrc.cfg names, refused unless secure."""
    try:
        configured = keyring.core.load_env() or keyring.core.load_config()
    except Exception as error:
        raise NoSecureKeyring(
            f"The keyring backend configured for Python ({type(error).__name__}) "
            "cannot be loaded. " + no_secure_keyring_advice()
        ) from error
    if configured is not None and not is_secure(configured):
        raise NoSecureKeyring(
            f"The keyring configured for Python ({type(configured).__module__}) "
            "does not protect secrets; this app will not use it. "
            + no_secure_keyring_advice()
        )
    return configured


class SecretStore:
    """Named secrets of this app in the OS keyring, awaited off the calling thread.

    Args:
        backend: a keyring backend to use as it is (tests pass an in-memory one);
            by default the best secure backend, chosen on first use.
        timeout: seconds to wait for any one keyring call.
    """

    def __init__(
        self,
        backend: keyring.backend.KeyringBackend | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        service: str = SERVICE,
    ):
        self._backend = backend
        self._timeout = timeout
        self._service = service
        # Keyring backends are not all thread-safe; one call at a time.
        self._lock = threading.Lock()

    async def get(self, key: str) -> str | None:
        return await self._off_thread(lambda b: b.get_password(self._service, key))

    async def set(self, key: str, value: str) -> None:
        await self._off_thread(lambda b: b.set_password(self._service, key, value))

    async def delete(self, key: str) -> None:
        """Delete a secret; deleting one that is not there is not an error."""

        def delete(backend: keyring.backend.KeyringBackend) -> None:
            # Nothing stored under this key is the outcome we want anyway.
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                backend.delete_password(self._service, key)

        await self._off_thread(delete)

    async def check(self) -> str:
        """Choose the backend now and return its class's full name.

        Raises:
            KeyringUnavailable: as any other call would, but before the user has
                typed a secret.
        """
        backend = await self._off_thread(lambda b: b)
        return f"{type(backend).__module__}.{type(backend).__qualname__}"

    def _call(self, operation: Callable[[keyring.backend.KeyringBackend], T]) -> T:
        with self._lock:
            if self._backend is None:
                self._backend = select_backend()
            try:
                return operation(self._backend)
            except KeyringUnavailable:
                raise
            # Neither str(error) nor the chained error: a backend might echo the
            # secret it was given, and a logged traceback would show it.
            except keyring.errors.KeyringLocked:
                raise KeyringUnavailable(
                    "The keyring is locked. Unlock it (your desktop's keyring or "
                    "password manager) and try again."
                ) from None
            except keyring.errors.InitError:
                # Secret Service raises it when a locked collection cannot ask for
                # its password: no desktop session to show the prompt in.
                raise KeyringUnavailable(
                    "The keyring could not be opened: it is probably locked and "
                    "cannot ask for its password here. Unlock it (log in to the "
                    "desktop, or run 'gnome-keyring-daemon --unlock' in this "
                    "session) and try again."
                ) from None
            except Exception as error:
                raise KeyringUnavailable(
                    f"The keyring refused the request ({type(error).__name__}). "
                    "Check that the desktop's keyring is running and unlocked, then "
                    "try again."
                ) from None

    async def _off_thread(self, operation: Callable[[Any], T]) -> T:
        # A daemon thread rather than the loop's executor: a keyring waiting forever
        # for an unlock must not keep the app from closing.
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def work() -> None:
            try:
                outcome: tuple[Any, BaseException | None] = (
                    self._call(operation),
                    None,
                )
            except BaseException as error:  # handed to the awaiting coroutine
                outcome = (None, error)
            # A closed loop raises RuntimeError: nobody is waiting any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_settle, future, *outcome)

        threading.Thread(target=work, name="keyring", daemon=True).start()
        try:
            return await asyncio.wait_for(future, self._timeout)
        except TimeoutError as error:
            raise KeyringTimeout(
                f"The keyring did not answer within {self._timeout:.0f} seconds. If it "
                "asks to be unlocked, unlock it and try again."
            ) from error


def _settle(future: asyncio.Future, result: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
