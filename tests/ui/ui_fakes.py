"""Made-up check items, results and a scan job that replays them, for window tests."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import qasync

from cloud_checkup.app.events import (
    Activity,
    CategoryProgress,
    ItemFinished,
    ScanFinished,
    ScanStarted,
)
from cloud_checkup.app.exceptions import apply_exceptions
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


def make_scan(
    results: Sequence[ItemResult],
    catalogue: dict[str, Check],
    *,
    scan_id: str = "scan-fake",
    started_at: datetime = datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
    **kw: Any,
):
    return ScanResult(
        scan_id=scan_id,
        account=ACCOUNT,
        started_at=started_at,
        finished_at=started_at + timedelta(minutes=1),
        packages=["standard"],
        regions=["cn-hangzhou", "cn-shanghai"],
        results=list(results),
        score=compute_score(results, catalogue),
        **kw,
    )


# Each replayed scan starts an hour after the one before, as a real history would.
_SCAN_HOURS = itertools.count()


class FakeJob:
    """A scan job that replays prepared results, item by item, through the loop.

    Like the window's real job it applies the account's exceptions (from
    ``options.exceptions``), re-checks only ``request.check_ids`` and keeps the
    items of ``options.resume``.
    """

    def __init__(
        self,
        on_event: Callable[[Any], None],
        catalogue: dict[str, Check],
        results: Sequence[ItemResult],
        *,
        error: Exception | None = None,
        delay: float = 0.0,
        request: Any = None,
        options: Any = None,
    ):
        self._on_event = on_event
        self._catalogue = catalogue
        self._results = results
        self._error = error
        self._delay = delay
        self._request = request
        self._options = options
        self.cancelled = False

    async def run(self) -> ScanResult:
        await asyncio.sleep(0)
        if self._error is not None:
            raise self._error
        judge = await self._judge()
        resume = getattr(self._options, "resume", None)
        done: list[ItemResult] = list(resume.completed) if resume else []
        wanted = getattr(self._request, "check_ids", None)
        planned = [
            r
            for r in self._results
            if (wanted is None or r.check_id in wanted)
            and r.check_id not in {d.check_id for d in done}
        ]
        totals = Counter(
            self._catalogue[r.check_id].category for r in [*done, *planned]
        )
        scan_id = resume.scan_id if resume else uuid.uuid4().hex
        self._on_event(ScanStarted(scan_id, dict(totals), ("cn-hangzhou",)))
        for result in planned:
            if self.cancelled:
                break
            await asyncio.sleep(self._delay)
            self._on_event(Activity(f"Reading {result.check_id}"))
            result = judge(result)
            done.append(result)
            self._on_event(ItemFinished(result))
            self._report_progress(
                done, self._catalogue[result.check_id].category, totals
            )
        started = datetime(2026, 12, 4, 10, 0, tzinfo=UTC) + timedelta(
            hours=next(_SCAN_HOURS)
        )
        scan = make_scan(
            done,
            self._catalogue,
            scan_id=scan_id,
            started_at=started,
            cancelled=self.cancelled,
        )
        self._on_event(ScanFinished(scan))
        return scan

    async def _judge(self) -> Callable[[ItemResult], ItemResult]:
        loader = getattr(self._options, "exceptions", None)
        if loader is None:
            return lambda result: result
        exceptions = [e for e in await loader() if e.account_id == ACCOUNT.id]
        now = datetime(2026, 12, 4, tzinfo=UTC)
        return lambda result: apply_exceptions([result], exceptions, now)[0]

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
    def __init__(self, name: str = "Fake account") -> None:
        self.name = name


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


class MemoryKeyring:
    """An in-memory keyring backend for the window's profile tests."""

    priority = 1

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


def available_preflight(assets: int = 4, items: int = 5):
    """A preflight that finds CSPM on, and ``assets`` AI assets for each of the first
    ``items`` AI items of the catalogue."""
    from cloud_checkup.app.ai_package import AiEstimate, AiPackageStatus
    from cloud_checkup.app.runner import AiPreflight
    from cloud_checkup.checks import Package, catalogue

    ai_items = [i for i, c in catalogue().items() if c.package is Package.AI]

    async def preflight(target, request):
        await asyncio.sleep(0)
        return AiPreflight(
            AiPackageStatus(True, "Cloud security posture management is on."),
            AiEstimate(dict.fromkeys(ai_items[:items], assets), assets),
        )

    return preflight


async def cspm_off_preflight(target, request):
    from cloud_checkup.app.ai_package import AiPackageStatus
    from cloud_checkup.app.runner import AiPreflight

    await asyncio.sleep(0)
    return AiPreflight(
        AiPackageStatus(
            False,
            "Security Center's cloud security posture management (CSPM) "
            "pay-as-you-go module is off.",
        )
    )


def connection_result(profile_name: str, *, root: bool = False, failure=None):
    from cloud_checkup.app.connection import (
        CallerIdentity,
        ConnectionResult,
        root_account_warning,
    )

    if failure is not None:
        return ConnectionResult(profile_name, None, failure, "The secret is wrong.")
    kind = "Account" if root else "RAMUser"
    arn = "acs:ram::1111:root" if root else "acs:ram::1111:user/auditor"
    identity = CallerIdentity(ACCOUNT.id, kind, arn, "2000")
    return ConnectionResult(
        profile_name,
        identity,
        None,
        f"Connected to account {ACCOUNT.id}.",
        warning=root_account_warning(kind),
        elapsed=0.2,
    )


def run_until(loop, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the loop until ``condition()`` holds (background tasks settle)."""

    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    loop.run_until_complete(asyncio.wait_for(poll(), timeout))


def settle(loop, *runners, timeout: float = 10.0) -> None:
    """Run the loop until every given ``TaskRunner`` has nothing left to do."""
    run_until(loop, lambda: not any(r.busy for r in runners), timeout)
