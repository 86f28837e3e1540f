"""A scan job against a target: the demo account, a sandbox dataset, or a real account.

The window and the command line both run scans through ``ScanJob``; a target only
decides where requests go and with which credential.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import importlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from cloud_checkup.checks import Package, Status, catalogue

from .ai_package import (
    AiEstimate,
    AiPackageStatus,
    ai_package_status,
    ai_scans_used,
    estimate_ai_scans,
)
from .cloud import CloudClient, CloudError
from .cloud.credentials import Credential, StaticCredentials
from .cloud.transport import Destination, Transport
from .connection import credential_message
from .engine import (
    Resume,
    ScanError,
    Scanner,
    ScanRequest,
    list_regions,
    select_checks,
)
from .events import ScanEvent
from .exceptions import apply_exceptions
from .model import ItemResult, ScanResult
from .store import Recorder, Store

log = logging.getLogger(__name__)

__all__ = [
    "AiPreflight",
    "ai_preflight",
    "identify_account",
    "SandboxTarget",
    "ScanError",
    "ScanJob",
    "ScanRequest",
    "Target",
    "demo_target",
    "resume_from_store",
]

DEMO_NAME = "Demo account"


class Target(Protocol):
    name: str

    def session(self) -> contextlib.AbstractAsyncContextManager[CloudClient]:
        """An open client for this target, closed when the scan ends."""


def demo_dataset_path() -> Path:
    return Path(str(resources.files("cloud_checkup.resources") / "demo"))


class SandboxTarget:
    """A dataset served by the sandbox on loopback, reached like Alibaba Cloud."""

    def __init__(self, dataset: Path | str, name: str | None = None, identity: int = 0):
        self.dataset = Path(dataset)
        self.name = name or self.dataset.stem
        self._identity = identity

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[CloudClient]:
        # The first import of the sandbox takes a noticeable moment: not on the loop's
        # (the window's) thread.
        await asyncio.to_thread(importlib.import_module, "cloud_checkup.sandbox")
        from cloud_checkup.sandbox import DatasetError, SandboxThread, load_dataset

        try:
            dataset = await asyncio.to_thread(load_dataset, self.dataset)
        except DatasetError as error:
            raise ScanError(str(error)) from error
        sandbox = SandboxThread(dataset)
        await asyncio.to_thread(sandbox.__enter__)
        try:
            credential = _dataset_credential(dataset, self._identity)
            async with Transport(Destination.sandbox(sandbox.url)) as transport:
                yield CloudClient(StaticCredentials(credential), transport)
        finally:
            await asyncio.to_thread(sandbox.__exit__, None, None, None)


def _dataset_credential(dataset: object, index: int) -> Credential:
    identity = list(dataset.identities.values())[index]
    return Credential(
        access_key_id=identity.access_key_id,
        access_key_secret=identity.access_key_secret,
        security_token=getattr(identity, "security_token", None),
    )


def demo_target() -> SandboxTarget:
    """The bundled sample account ("demo-shop"), served by the sandbox."""
    return SandboxTarget(demo_dataset_path(), name=DEMO_NAME)


@dataclass(frozen=True)
class AiPreflight:
    """What the window shows beside the AI checkbox before a scan."""

    status: AiPackageStatus
    estimate: AiEstimate | None = None
    account_id: str | None = None


async def ai_preflight(target: Target, request: ScanRequest) -> AiPreflight:
    """Whether the AI package can run for the target, and the AI scans it would make.

    Raises:
        ScanError: the target cannot be reached at all.
    """
    async with target.session() as cloud:
        account_id = await identify_account(cloud)
        status = await ai_package_status(cloud)
        if not status.available:
            return AiPreflight(status, account_id=account_id)
        regions = await list_regions(cloud, request.regions)
        with_ai = ScanRequest(
            packages=request.packages | {Package.AI},
            check_ids=request.check_ids,
            regions=request.regions,
        )
        checks = select_checks(with_ai, catalogue())
        estimate = await estimate_ai_scans(cloud, regions, checks)
        return AiPreflight(status, estimate, account_id)


async def identify_account(cloud: CloudClient) -> str:
    """The id of the account the credential belongs to.

    Raises:
        ScanError: the credential does not work; the message says why.
    """
    try:
        caller = await cloud.call("sts", "GetCallerIdentity")
    except CloudError as error:
        raise ScanError(credential_message(error, cloud.destination)) from error
    return str(caller.get("AccountId", ""))


class ScanJob:
    """One scan of one target; ``cancel()`` makes ``run()`` return what it has.

    With a ``store``, the scan is recorded as it runs (so it can be resumed after a
    crash), the account's recorded exceptions are applied to each item, and the AI
    scans it made are entered in the allowance ledger.

    Args:
        resume: an interrupted scan to continue, under its own id, in the same record
            of the store (see ``resume_from_store``).
        rechecks: the id of the scan this one re-checks after remediation.
        record: keep the scan in the store's history (exceptions apply either way).
    """

    def __init__(
        self,
        target: Target,
        request: ScanRequest,
        on_event: Callable[[ScanEvent], None] | None = None,
        *,
        store: Store | None = None,
        resume: Resume | None = None,
        rechecks: str | None = None,
        record: bool = True,
    ):
        self.target = target
        self.request = request
        self._on_event = on_event or (lambda event: None)
        self._store = store
        self._resume = resume
        self._rechecks = rechecks
        self._record = record
        self._scanner: Scanner | None = None
        self._cancelled = False
        self._exceptions: dict[str, list] = {}
        self.recorder: Recorder | None = None

    async def run(self) -> ScanResult:
        """Run the scan.

        Raises:
            ScanError: the scan could not run (credentials, network, bad dataset); the
                message is meant for the user.
        """
        on_event = self._observers()
        try:
            async with self.target.session() as cloud:
                self._scanner = Scanner(cloud, judge=self._judge)
                if self._cancelled:
                    self._scanner.cancel()
                scan = await self._scanner.run(
                    self.request, on_event, resume=self._resume
                )
        except BaseException:
            if self.recorder is not None:
                self.recorder.interrupted()
            raise
        self._record_ai_usage(scan)
        return scan

    def cancel(self) -> None:
        self._cancelled = True
        if self._scanner is not None:
            self._scanner.cancel()

    def _observers(self) -> Callable[[ScanEvent], None]:
        if self._store is None or not self._record:
            return self._on_event
        self.recorder = Recorder(
            self._store,
            self.request,
            target=self.target.name,
            rechecks=self._rechecks,
        )
        recorder, observer = self.recorder, self._on_event

        def both(event: ScanEvent) -> None:
            recorder(event)
            observer(event)

        return both

    def _judge(self, result: ItemResult, scan: ScanResult) -> ItemResult:
        if self._store is None or result.status is not Status.FAIL:
            return result
        account_id = scan.account.id
        if account_id not in self._exceptions:
            self._exceptions[account_id] = self._store.exceptions(account_id)
        return apply_exceptions(
            [result], self._exceptions[account_id], scan.started_at
        )[0]

    def _record_ai_usage(self, scan: ScanResult) -> None:
        if self._store is None or not self._record:
            return
        if Package.AI.value not in scan.packages:
            return
        try:
            self._store.record_ai_usage(
                scan.scan_id, ai_scans_used(scan, catalogue()), scan.finished_at
            )
        except (KeyError, sqlite3.Error):
            log.exception("could not enter scan %s in the AI ledger", scan.scan_id)


def resume_from_store(
    store: Store, scan_id: str
) -> tuple[ScanRequest, Resume, str | None]:
    """The request, resume state and target name to continue an interrupted scan."""
    plan = store.resume_plan(scan_id)
    started_at = store.load_scan(scan_id).started_at
    request = dataclasses.replace(plan.request, regions=plan.regions or None)
    return request, Resume(scan_id, started_at, tuple(plan.completed)), plan.target
