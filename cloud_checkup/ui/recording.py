"""Writes the running scan to the history from a worker thread, in event order.

The store's ``Recorder`` commits each event with a full sync; on the GUI thread that
would stall the window once per item, so events queue to one worker thread here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from cloud_checkup.app.engine import ScanRequest
from cloud_checkup.app.events import ScanEvent, ScanStarted
from cloud_checkup.app.store import Recorder, Store
from cloud_checkup.checks.base import Check

from .services import History

log = logging.getLogger(__name__)


class BackgroundRecorder:
    """A ``Recorder`` fed from a one-thread queue; ``drain()`` waits for it.

    Args:
        rechecks: the scan a re-run verifies.
        resumes: the interrupted scan this one continues.
    """

    def __init__(
        self,
        history: History,
        request: ScanRequest,
        *,
        target: str | None,
        catalogue: Mapping[str, Check] | None = None,
        rechecks: str | None = None,
        resumes: str | None = None,
    ) -> None:
        self._history = history
        self._make_recorder: Callable[[Store], Recorder] = lambda store: Recorder(
            store,
            request,
            target=target,
            catalogue=catalogue,
            rechecks=rechecks,
            resumes=resumes,
        )
        self._recorder: Recorder | None = None
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="history")
        self.scan_id: str | None = None
        self.error: Exception | None = None

    def __call__(self, event: ScanEvent) -> None:
        if isinstance(event, ScanStarted):
            self.scan_id = event.scan_id
        self._submit(lambda recorder: recorder(event))

    def interrupted(self) -> None:
        """The scan ended without a result (an error, or the app quitting)."""
        self._submit(lambda recorder: recorder.interrupted())

    def _submit(self, operation: Callable[[Recorder], Any]) -> None:
        try:
            self._executor.submit(self._apply, operation)
        except RuntimeError:  # drained already: the scan's record is closed
            log.debug("scan %s: an event after the record was closed", self.scan_id)

    def _apply(self, operation: Callable[[Recorder], Any]) -> None:
        if self.error is not None:
            return
        try:
            self._history.call_now(lambda store: operation(self._recorder_for(store)))
        except Exception as error:  # recording must never stop the scan
            self.error = error
            log.exception("could not save scan %s to the history", self.scan_id)
            return
        if self._recorder is not None and self._recorder.error is not None:
            self.error = self._recorder.error

    def _recorder_for(self, store: Store) -> Recorder:
        if self._recorder is None:
            self._recorder = self._make_recorder(store)
        return self._recorder

    async def drain(self, timeout: float = 20.0) -> None:
        """Wait (bounded) until every queued event is written; then close the queue."""
        try:
            marker = self._executor.submit(lambda: None)
        except RuntimeError:  # drained before
            return
        try:
            await asyncio.wait_for(asyncio.wrap_future(marker), timeout)
        except TimeoutError:
            log.warning("the history did not finish writing within %s s", timeout)
        self._executor.shutdown(wait=False)
