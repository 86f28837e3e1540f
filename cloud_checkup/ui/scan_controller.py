"""Runs a scan on the asyncio loop and turns its events into Qt signals."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from cloud_checkup.app.events import (
    Activity,
    CategoryProgress,
    ItemFinished,
    ScanEvent,
    ScanStarted,
)
from cloud_checkup.app.model import ScanResult
from cloud_checkup.app.runner import ScanError, ScanJob, ScanRequest
from cloud_checkup.checks.base import Package

log = logging.getLogger(__name__)


class Job(Protocol):
    async def run(self) -> ScanResult: ...

    def cancel(self) -> None: ...


JobFactory = Callable[[Any, ScanRequest, Callable[[ScanEvent], None]], Job]


def new_scan_job(
    target: Any, request: ScanRequest, on_event: Callable[[ScanEvent], None]
) -> Job:
    return ScanJob(target, request, on_event=on_event)


class ScanController(QObject):
    """Runs one scan at a time as an asyncio task and reports it through signals.

    The task is kept referenced for its whole life (an unreferenced task can be
    collected mid-flight), and its errors are turned into ``failed`` here rather than
    left to ``sys.excepthook``.

    Signals:
        started(object): the scan's plan is known (a ``ScanStarted``).
        activity(str): what is being fetched right now.
        progress(object): a category advanced (a ``CategoryProgress``).
        itemFinished(object): one item's ``ItemResult``.
        finished(object): the ``ScanResult``, complete or cancelled (``.cancelled``).
        failed(str): the scan could not run; the message is for the user.
        runningChanged(bool): a scan started or ended.
    """

    started = Signal(object)
    activity = Signal(str)
    progress = Signal(object)
    itemFinished = Signal(object)  # noqa: N815 - Qt signal naming
    finished = Signal(object)
    failed = Signal(str)
    runningChanged = Signal(bool)  # noqa: N815 - Qt signal naming

    def __init__(self, job_factory: JobFactory = new_scan_job, parent: Any = None):
        super().__init__(parent)
        self._job_factory = job_factory
        self._job: Job | None = None
        self._task: asyncio.Task[None] | None = None
        self._active = False

    @property
    def running(self) -> bool:
        return self._active

    def start(self, target: Any, packages: frozenset[Package]) -> bool:
        """Start scanning ``target``; returns False when a scan is already running."""
        if self.running:
            return False
        request = ScanRequest(packages=packages)
        self._job = self._job_factory(target, request, self._on_event)
        loop = asyncio.get_event_loop()
        self._task = loop.create_task(self._run(self._job))
        self._active = True
        self.runningChanged.emit(True)
        return True

    def cancel(self) -> None:
        """Ask the running scan to stop; it then finishes with what it has."""
        if self._job is not None and self.running:
            log.info("cancelling the running scan")
            self._job.cancel()

    async def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel the scan and wait (bounded) for it to let go of its connections."""
        task = self._task
        if task is None or task.done():
            return
        self.cancel()
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if not done:
            log.warning("the scan did not stop within %s s; abandoning it", timeout)
            task.cancel()

    async def _run(self, job: Job) -> None:
        try:
            scan = await job.run()
        except ScanError as error:
            log.warning("the scan failed: %s", error)
            self.failed.emit(str(error))
        except Exception:
            log.exception("the scan stopped on an unexpected error")
            self.failed.emit(
                self.tr(
                    "The checkup stopped because of an internal error. The details "
                    "are in the application log; please report them."
                )
            )
        else:
            self.finished.emit(scan)
        finally:
            self._job = None
            self._active = False
            self.runningChanged.emit(False)

    def _on_event(self, event: ScanEvent) -> None:
        if isinstance(event, ScanStarted):
            self.started.emit(event)
        elif isinstance(event, Activity):
            self.activity.emit(event.message)
        elif isinstance(event, CategoryProgress):
            self.progress.emit(event)
        elif isinstance(event, ItemFinished):
            self.itemFinished.emit(event.result)
        # ScanFinished is not re-emitted: run()'s return value is the same scan and
        # also arrives for a cancelled scan.
