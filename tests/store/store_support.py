"""Shared helpers of the store tests: recorded scans and hand-made results."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from cloud_checkup.app.model import Account, ItemResult, ScanResult
from cloud_checkup.app.runner import ScanJob, ScanRequest, Target, demo_target
from cloud_checkup.app.store import Recorder, Store
from cloud_checkup.checks import Package
from cloud_checkup.checks.base import Finding, Status

STANDARD = ScanRequest(packages=frozenset({Package.STANDARD}))
ACCOUNT = Account("1790345612348765", "demo-shop", "acs:ram::1790345612348765:user/a")
T0 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def record_scan(
    store: Store,
    target: Target | None = None,
    request: ScanRequest = STANDARD,
    **recorder_options,
) -> tuple[ScanResult, Recorder]:
    """Scan ``target`` (the demo account by default) with a Recorder as on_event."""
    target = target or demo_target()
    recorder = Recorder(store, request, target=target.name, **recorder_options)
    scan = asyncio.run(ScanJob(target, request, on_event=recorder).run())
    return scan, recorder


def item(check_id: str, *findings: Finding, status: Status | None = None) -> ItemResult:
    """An item result whose status follows from its findings, as the engine's does."""
    if status is None:
        statuses = {f.status for f in findings}
        status = Status.FAIL if Status.FAIL in statuses else Status.PASS
    return ItemResult(check_id, status, None, list(findings))


def fail(resource_id: str, *, tags: dict[str, str] | None = None) -> Finding:
    return Finding.failed(resource_id, "bad", tags=tuple((tags or {}).items()))


def ok(resource_id: str) -> Finding:
    return Finding.passed(resource_id, "fine")


def scan_of(
    *results: ItemResult, scan_id: str = "s", hours: int = 0, score=None
) -> ScanResult:
    started = T0 + timedelta(hours=hours)
    return ScanResult(
        scan_id=scan_id,
        account=ACCOUNT,
        started_at=started,
        finished_at=started + timedelta(minutes=1),
        packages=["standard"],
        regions=["cn-hangzhou"],
        results=list(results),
        score=score,
    )
