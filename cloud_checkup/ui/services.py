"""What the window reaches outside itself: profiles, the history store, the cloud.

One object gathers them so that the window can be opened on the real ones or, in
tests, on a temporary store, an in-memory keyring and a sandbox.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from cloud_checkup.app.connection import ConnectionResult, test_connection
from cloud_checkup.app.credential_sources import (
    ExistingSetup,
    discover_setups,
    profile_target,
)
from cloud_checkup.app.preferences import PreferencesFile
from cloud_checkup.app.profiles import Profile, ProfileSecrets, ProfileStore
from cloud_checkup.app.runner import AiPreflight, ScanRequest, ai_preflight
from cloud_checkup.app.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

# SQLite waits up to 10 s for a lock; past this the window stops waiting for it.
STORE_TIMEOUT_S = 20.0


class History:
    """The history store, opened on first use and called off the GUI thread.

    Every call runs on one worker thread at a time (the store is thread-safe, and
    one at a time keeps writes in order) and is awaited with a timeout.

    Raises (from ``call``):
        StoreError: the history file cannot be used; the message is for the user.
    """

    def __init__(self, open_store: Callable[[], Store] = Store) -> None:
        self._open_store = open_store
        self._store: Store | None = None
        self._lock = threading.Lock()

    async def call(self, operation: Callable[[Store], T]) -> T:
        # A future rather than a to_thread coroutine: cancelled early (the window
        # closing), it leaves no never-awaited coroutine behind.
        work = asyncio.get_running_loop().run_in_executor(None, self._locked, operation)
        return await asyncio.wait_for(work, STORE_TIMEOUT_S)

    def call_now(self, operation: Callable[[Store], T]) -> T:
        """The same call on this thread: only for the scan's own worker thread."""
        return self._locked(operation)

    def _locked(self, operation: Callable[[Store], T]) -> T:
        with self._lock:
            if self._store is None:
                self._store = self._open_store()
                log.info("opened the history at %s", self._store.path)
            return operation(self._store)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


async def _test_connection(
    profile: Profile, store: ProfileStore, secrets: ProfileSecrets | None
) -> ConnectionResult:
    return await test_connection(profile, store, secrets=secrets)


@dataclass
class WindowServices:
    """The window's links to profiles, history, preferences and the cloud (all
    replaceable)."""

    profiles: ProfileStore = field(default_factory=ProfileStore)
    preferences: PreferencesFile = field(default_factory=PreferencesFile)
    history: History = field(default_factory=History)
    preflight: Callable[[Any, ScanRequest], Awaitable[AiPreflight]] = ai_preflight
    test_connection: Callable[
        [Profile, ProfileStore, ProfileSecrets | None], Awaitable[ConnectionResult]
    ] = _test_connection
    profile_target: Callable[[Profile, ProfileStore], Awaitable[Any]] = profile_target
    discover_setups: Callable[[], list[ExistingSetup]] = discover_setups
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
