"""Made-up check items, results and a scan job that replays them, for window tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import qasync

from cloud_checkup.app.events import (
    Activity,
    CategoryProgress,
    ItemFinished,
    ScanStarted,
)
from cloud_checkup.app.model import Account, ItemResult, ScanResult
from cloud_checkup.app.runner import ScanError
from cloud_checkup.app.score import compute_score
from cloud_checkup.checks.base import (
    Category,
    Check,
    Finding,
    Remediation,
    Severity,
    Status,
)
from cloud_checkup.ui.garbage import GuiThreadGarbageCollector

ACCOUNT = Account(
    id="1111222233334444", alias="fake-shop", identity="acs:ram::1111:user/auditor"
)


def make_check(
    check_id: str,
    category: Category = Category.IDENTITY,
    severity: Severity = Severity.HIGH,
    *,
    title: str | None = None,
    top10: int | None = None,
    command: str | None = "aliyun ram GetAccountSummary",
) -> Check:
    return Check(
        id=check_id,
        title=title or f"Title of {check_id}",
        category=category,
        severity=severity,
        description=f"Description of {check_id}",
        risk=f"Risk of {check_id}",
        remediation=Remediation(
            steps=(f"First step for {check_id}", "Second step"),
            console_path=("RAM console", "Identities", "Users"),
            doc_url="https://www.alibabacloud.com/help/en/ram/",
            command=command,
        ),
        needs=(),
        evaluate=lambda inventory: [],
        top10=top10,
    )


def make_catalogue() -> dict[str, Check]:
    checks = [
        make_check("root-no-accesskey", top10=1, title="The root account has no key"),
        make_check("ram-mfa", severity=Severity.MEDIUM, top10=3),
        make_check("sg-ssh", Category.INFRASTRUCTURE, top10=2),
        make_check("oss-private", Category.INFRASTRUCTURE, Severity.LOW, command=None),
        make_check("rds-backup", Category.RESILIENCE, Severity.MEDIUM),
        make_check("ecs-expiry", Category.STABILITY, Severity.LOW),
    ]
    return {item.id: item for item in checks}


def make_results() -> list[ItemResult]:
    return [
        ItemResult(
            "root-no-accesskey",
            Status.FAIL,
            findings=[Finding.failed("1111222233334444", "root has an AccessKey")],
        ),
        ItemResult(
            "ram-mfa",
            Status.PASS,
            findings=[Finding.passed("alice", name="Alice Admin")],
        ),
        ItemResult(
            "sg-ssh",
            Status.FAIL,
            findings=[
                Finding.failed(
                    "sg-bp1open",
                    "22/22 open to 0.0.0.0/0",
                    region="cn-hangzhou",
                    name="web-servers",
                ),
                Finding.failed(
                    "sg-bp2open", "3389/3389 open to ::/0", region="cn-shanghai"
                ),
                Finding.passed("sg-bp3closed", region="cn-hangzhou"),
            ],
        ),
        ItemResult(
            "oss-private",
            Status.NOT_CHECKED,
            reason="oss:ListBuckets was denied",
            missing_actions=("oss:ListBuckets",),
        ),
        ItemResult("rds-backup", Status.NOT_APPLICABLE),
        ItemResult(
            "ecs-expiry",
            Status.FAIL,
            findings=[Finding.failed("i-bp1expiring", "expires in 3 days")],
        ),
    ]


def make_scan(results: Sequence[ItemResult], catalogue: dict[str, Check], **kw: Any):
    return ScanResult(
        scan_id="scan-fake",
        account=ACCOUNT,
        started_at=datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
        finished_at=datetime(2026, 12, 4, 10, 1, tzinfo=UTC),
        packages=["standard"],
        regions=["cn-hangzhou", "cn-shanghai"],
        results=list(results),
        score=compute_score(results, catalogue),
        **kw,
    )


class FakeJob:
    """A scan job that replays prepared results, item by item, through the loop."""

    def __init__(
        self,
        on_event: Callable[[Any], None],
        catalogue: dict[str, Check],
        results: Sequence[ItemResult],
        *,
        error: Exception | None = None,
        delay: float = 0.0,
    ):
        self._on_event = on_event
        self._catalogue = catalogue
        self._results = results
        self._error = error
        self._delay = delay
        self.cancelled = False

    async def run(self) -> ScanResult:
        await asyncio.sleep(0)
        if self._error is not None:
            raise self._error
        totals = Counter(self._catalogue[r.check_id].category for r in self._results)
        self._on_event(ScanStarted("scan-fake", dict(totals), ("cn-hangzhou",)))
        done: list[ItemResult] = []
        for result in self._results:
            if self.cancelled:
                break
            await asyncio.sleep(self._delay)
            self._on_event(Activity(f"Reading {result.check_id}"))
            done.append(result)
            self._on_event(ItemFinished(result))
            self._report_progress(
                done, self._catalogue[result.check_id].category, totals
            )
        return make_scan(done, self._catalogue, cancelled=self.cancelled)

    def _report_progress(self, done, category, totals) -> None:
        in_category = [
            r for r in done if self._catalogue[r.check_id].category is category
        ]
        failed = Counter(
            self._catalogue[r.check_id].severity
            for r in in_category
            if r.status is Status.FAIL
        )
        self._on_event(
            CategoryProgress(category, len(in_category), totals[category], dict(failed))
        )

    def cancel(self) -> None:
        self.cancelled = True


def wait_for_signal(
    loop: asyncio.AbstractEventLoop,
    signal: Any,
    action: Callable[[], Any] | None = None,
    timeout: float = 30.0,
) -> tuple[Any, ...]:
    """Run the loop, doing ``action`` from inside it, until ``signal`` is emitted.

    Actions run inside the loop because that is where the window's slots run in the
    app: a button press starts its scan task on the running asyncio loop.
    """
    future = loop.create_future()

    def on_signal(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(on_signal)
    try:
        if action is not None:
            loop.call_soon(action)
        return loop.run_until_complete(asyncio.wait_for(future, timeout))
    finally:
        signal.disconnect(on_signal)


class FakeTarget:
    name = "Fake account"


def scan_error(message: str) -> ScanError:
    return ScanError(message)


@contextlib.contextmanager
def qasync_loop(qapp) -> Iterator[qasync.QEventLoop]:
    """A qasync loop on the test QApplication, set as the current asyncio loop."""
    # As in the app: Qt objects in reference cycles must be freed on the GUI thread,
    # never by a collection that happens to run on the sandbox's thread.
    collector = GuiThreadGarbageCollector()
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        collector.stop()
