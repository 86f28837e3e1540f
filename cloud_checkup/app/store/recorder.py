"""The ``Recorder``: an ``on_event`` observer writing a scan to the store as it runs.

Each event is its own small transaction, so a crash loses at most the item being
written. A failed write is logged and ends recording; it never stops the scan itself.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from cloud_checkup.checks import catalogue as default_catalogue
from cloud_checkup.checks.base import Check

from ..engine import ScanError, ScanRequest, select_checks
from ..events import ItemFinished, ScanEvent, ScanFinished, ScanStarted
from ..model import Account, ScanResult
from . import liveness
from .database import Store

log = logging.getLogger(__name__)


class Recorder:
    """Writes ``ScanStarted``, ``ItemFinished`` and ``ScanFinished`` as they arrive.

    Args:
        request: what the scan was asked to do; kept so that it can be resumed.
        target: the account profile or dataset scanned, to resume against it.
        rechecks: the scan a re-run verifies.
        resumes: the interrupted scan this one continues.
        catalogue: to know which items the scan plans, and so which remain.

    Attributes:
        error: the write error that stopped recording, if any (the window can warn
            that the scan is not being saved).
    """

    def __init__(
        self,
        store: Store,
        request: ScanRequest,
        *,
        target: str | None = None,
        rechecks: str | None = None,
        resumes: str | None = None,
        catalogue: Mapping[str, Check] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self._store = store
        self._request = request
        self._target = target
        self._rechecks = rechecks
        self._resumes = resumes
        self._catalogue = catalogue
        self._clock = clock
        self.scan_id: str | None = None
        self.error: Exception | None = None

    def __call__(self, event: ScanEvent) -> None:
        if self.error is not None:
            return
        try:
            if isinstance(event, ScanStarted):
                self._started(event)
            elif isinstance(event, ItemFinished) and self.scan_id is not None:
                self._store.record_item(self.scan_id, event.result)
            elif isinstance(event, ScanFinished):
                self._finished(event.scan)
        except sqlite3.Error as error:
            self.error = error
            log.exception("could not save scan %s; it goes on unsaved", self.scan_id)

    def interrupted(self) -> None:
        """The scan ended without ``ScanFinished`` (an error): mark it resumable."""
        if self.scan_id is None:
            return
        liveness.end(self.scan_id)
        try:
            self._store.mark_interrupted(self.scan_id)
        except sqlite3.Error:
            log.exception("could not mark scan %s interrupted", self.scan_id)

    def _started(self, event: ScanStarted) -> None:
        self.scan_id = event.scan_id
        liveness.begin(event.scan_id)
        # Older engines do not put the account and start time in ScanStarted; then
        # they are known only when the scan finishes.
        account: Account | None = getattr(event, "account", None)
        started_at: datetime = getattr(event, "started_at", None) or self._clock()
        self._store.start_scan(
            event.scan_id,
            started_at=started_at,
            request=self._request,
            planned=self._planned(),
            regions=event.regions,
            target=self._target,
            account=account,
            rechecks=self._rechecks,
            resumes=self._resumes,
        )

    def _planned(self) -> list[str]:
        catalogue = (
            self._catalogue if self._catalogue is not None else default_catalogue()
        )
        try:
            return [item.id for item in select_checks(self._request, catalogue)]
        except ScanError:
            log.warning("scan %s: its planned items are not known", self.scan_id)
            return []

    def _finished(self, scan: ScanResult) -> None:
        if self.scan_id is None:  # chained in after the start: record it all now
            self._started(ScanStarted(scan.scan_id, {}, tuple(scan.regions)))
        self._store.finish_scan(scan)
        liveness.end(scan.scan_id)
