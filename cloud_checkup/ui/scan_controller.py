"""Runs a scan on the asyncio loop and turns its events into Qt signals."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from cloud_checkup.app.engine import Resume, Scanner
from cloud_checkup.app.events import (
    Activity,
    CategoryProgress,
    ItemFinished,
    ScanEvent,
    ScanStarted,
)
from cloud_checkup.app.exceptions import RecordedException, apply_exceptions
from cloud_checkup.app.model import ItemResult, ScanResult
from cloud_checkup.app.runner import ScanError, ScanRequest
from cloud_checkup.checks.base import Package, Status

log = logging.getLogger(__name__)

ExceptionsLoader = Callable[[], Awaitable[Sequence[RecordedException]]]


class Job(Protocol):
    async def run(self) -> ScanResult: ...

    def cancel(self) -> None: ...


@dataclass(frozen=True)
class JobOptions:
    """How a scan job differs from a plain full scan.

    Attributes:
        exceptions: loads the recorded exceptions (of every account), to judge each
            item's result with its account's as it finishes.
        resume: the items an interrupted scan already finished, kept as they were.
        rechecks: the scan a re-run verifies (for the record only).
    """

    exceptions: ExceptionsLoader | None = None
    resume: Resume | None = None
    rechecks: str | None = None


JobFactory = Callable[[Any, ScanRequest, Callable[[ScanEvent], None], JobOptions], Job]


class WindowScanJob:
    """A scan for the window: exceptions applied as items finish, and resuming.

    Unlike ``ScanJob`` with a store, it touches no store itself: the window reads
    the exceptions beforehand and records through a ``BackgroundRecorder``, both
    off the GUI thread.
    """

    def __init__(
        self,
        target: Any,
        request: ScanRequest,
        on_event: Callable[[ScanEvent], None],
        options: JobOptions,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.target = target
        self.request = request
        self._on_event = on_event
        self._options = options
        self._clock = clock
        self._scanner: Scanner | None = None
        self._cancelled = False

    async def run(self) -> ScanResult:
        judge = await self._judge()
        async with self.target.session() as cloud:
            self._scanner = Scanner(cloud, judge=judge, clock=self._clock)
            if self._cancelled:
                self._scanner.cancel()
            return await self._scanner.run(
                self.request, self._on_event, resume=self._options.resume
            )

    async def _judge(self) -> Callable[[ItemResult, ScanResult], ItemResult]:
        loader = self._options.exceptions
        exceptions = list(await loader()) if loader is not None else []

        def judge(result: ItemResult, scan: ScanResult) -> ItemResult:
            mine = [e for e in exceptions if e.account_id == scan.account.id]
            if not mine or result.status is not Status.FAIL:
                return result
            return apply_exceptions([result], mine, scan.started_at)[0]

        return judge

    def cancel(self) -> None:
        self._cancelled = True
        if self._scanner is not None:
            self._scanner.cancel()


def new_scan_job(
    target: Any,
    request: ScanRequest,
    on_event: Callable[[ScanEvent], None],
    options: JobOptions,
) -> Job:
    return WindowScanJob(target, request, on_event, options)


@dataclass
class ScanOrder:
    """One scan to run: what, on which target, and what watches it.

    Attributes:
        observer: sees every event before the window does (the store's recorder).
        on_error: told when the scan ends without a result, to mark it resumable.
    """

    target: Any
    request: ScanRequest
    options: JobOptions = field(default_factory=JobOptions)
    observer: Callable[[ScanEvent], None] | None = None
    on_error: Callable[[], None] | None = None


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
        self._order: ScanOrder | None = None
        self.request: ScanRequest | None = None

    @property
    def running(self) -> bool:
        return self._active

    def start(self, target: Any, packages: frozenset[Package]) -> bool:
        """Start a full scan of ``target``; False when a scan is already running."""
        return self.run(ScanOrder(target, ScanRequest(packages=packages)))

    def run(self, order: ScanOrder) -> bool:
        """Start ``order``; returns False when a scan is already running."""
        if self.running:
            return False
        self._order = order
        self.request = order.request
        self._job = self._job_factory(
            order.target, order.request, self._on_event, order.options
        )
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

    def detach_observer(self) -> None:
        """Stop telling the observer; the scan goes on (quitting: keep it resumable)."""
        order = self._order
        if order is not None and order.observer is not None:
            if order.on_error is not None:
                order.on_error()
            order.observer = None
            order.on_error = None

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
            self._ended_without_result()
            self.failed.emit(str(error))
        except Exception:
            log.exception("the scan stopped on an unexpected error")
            self._ended_without_result()
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

    def _ended_without_result(self) -> None:
        order = self._order
        if order is not None and order.on_error is not None:
            order.on_error()

    def _on_event(self, event: ScanEvent) -> None:
        order = self._order
        if order is not None and order.observer is not None:
            order.observer(event)
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
