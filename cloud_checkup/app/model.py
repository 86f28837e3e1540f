"""A scan's results: what the engine makes and the store and reports read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from cloud_checkup.checks.base import Category, Finding, Status


@dataclass(frozen=True)
class Account:
    id: str
    alias: str | None
    identity: str  # the ARN of the identity that scanned


@dataclass(frozen=True)
class ExceptionNote:
    """An accepted risk as it applied to a scan, kept with the scan's results.

    The scan keeps its own copy, so an old report still shows why a failure was
    accepted after the exception itself is edited or removed.
    """

    exception_id: int | None
    scope: str  # "resource i-123", "tag env=staging", "every resource"
    reason: str
    created_by: str
    created_at: datetime
    expires_on: date | None = None
    resource_id: str | None = None
    tag: tuple[str, str] | None = None

    def covers(self, finding: Finding) -> bool:
        if self.resource_id is not None:
            return finding.resource_id == self.resource_id
        if self.tag is not None:
            return self.tag in finding.tags
        return True


@dataclass
class ItemResult:
    """The status of one check item after a scan, with its per-resource findings.

    Attributes:
        exceptions: the recorded exceptions that covered some of its failures.
    """

    check_id: str
    status: Status
    reason: str | None = None
    findings: list[Finding] = field(default_factory=list)
    missing_actions: tuple[str, ...] = ()
    exceptions: tuple[ExceptionNote, ...] = ()

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.status is Status.FAIL]


@dataclass(frozen=True)
class Score:
    """The health score, and how much of the selection it rests on.

    Attributes:
        coverage: the share of applicable items the score could judge (0 to 1);
            below ``score.MIN_COVERAGE`` the tier is "Incomplete".
    """

    value: int
    tier: str
    categories: dict[Category, int | None]
    dimensions: dict[str, int | None]
    coverage: float = 1.0


@dataclass
class ScanResult:
    """One scan of one account.

    Attributes:
        cancelled: the scan stopped before every selected item ran (cancelled, or
            interrupted and not resumed); ``score`` then rests on what finished.
        not_reached: the selected items a stopped scan never ran; they have no
            result, so without this list they would simply be missing.
    """

    scan_id: str
    account: Account
    started_at: datetime
    finished_at: datetime | None
    packages: list[str]
    regions: list[str]
    results: list[ItemResult]
    score: Score | None = None
    api_calls: int = 0
    cancelled: bool = False
    tool_version: str = ""
    not_reached: tuple[str, ...] = ()

    def result(self, check_id: str) -> ItemResult | None:
        return next((r for r in self.results if r.check_id == check_id), None)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive time (as older history rows hold) is UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
