"""What a report says, worked out once from a scan so that HTML, JSON and CSV agree.

Every exporter reads a ``Report``: the scan's items joined with their catalogue
metadata, ordered for reading, with the Top 10 and the changes since a previous scan.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from cloud_checkup.app.compare import ItemChange, item_change
from cloud_checkup.app.model import ItemResult, ScanResult, Score, as_utc
from cloud_checkup.app.score import compute_score
from cloud_checkup.checks import catalogue as default_catalogue
from cloud_checkup.checks.base import Category, Check, Finding, Severity, Status

logger = logging.getLogger(__name__)

# Reading order of an item's status inside a category: what needs action first.
_STATUS_ORDER = {
    Status.FAIL: 0,
    Status.NOT_CHECKED: 1,
    Status.EXCEPTED: 2,
    Status.PASS: 3,
    Status.NOT_APPLICABLE: 4,
}
_CATEGORY_ORDER = list(Category)


@dataclass(frozen=True)
class Change:
    """An item's change since the previous scan, with the resources that moved."""

    kind: ItemChange
    previous_status: Status | None
    new_resources: tuple[Finding, ...] = ()
    fixed_resources: tuple[Finding, ...] = ()

    @cached_property
    def new_keys(self) -> frozenset[tuple[str, str | None]]:
        """(resource id, region) of each newly failing resource."""
        return frozenset(resource_key(f) for f in self.new_resources)


@dataclass(frozen=True)
class Item:
    """One item of the report: a scan result beside its catalogue metadata.

    ``check`` is ``None`` for an id this version's catalogue no longer knows (an old
    scan); such an item keeps its result but has no title, category or remediation.
    """

    result: ItemResult
    check: Check | None
    change: Change | None = None

    @property
    def check_id(self) -> str:
        return self.result.check_id

    @property
    def title(self) -> str:
        return self.check.title if self.check else self.result.check_id

    @property
    def category(self) -> Category | None:
        return self.check.category if self.check else None

    @property
    def severity(self) -> Severity | None:
        return self.check.severity if self.check else None

    @property
    def status(self) -> Status:
        return self.result.status

    def findings_with(self, status: Status | str) -> list[Finding]:
        wanted = Status(status)
        return [f for f in self.result.findings if f.status is wanted]

    @property
    def failed(self) -> list[Finding]:
        return self.findings_with(Status.FAIL)

    @property
    def judged_count(self) -> int:
        """How many resources got a pass or fail verdict."""
        return sum(f.status in (Status.PASS, Status.FAIL) for f in self.result.findings)


@dataclass(frozen=True)
class Top10Entry:
    """One of the Top 10 configuration risks and this account's status on it."""

    rank: int
    check: Check
    item: Item | None  # None when this scan did not run the item


@dataclass(frozen=True)
class CategorySection:
    category: Category | None  # None gathers ids missing from the catalogue
    items: list[Item]
    score: int | None


@dataclass
class Report:
    """Everything the exporters show, in reading order."""

    scan: ScanResult
    score: Score
    items: list[Item]
    sections: list[CategorySection]
    top10: list[Top10Entry]
    previous: ScanResult | None = None
    previous_score: Score | None = None
    counts: dict[Status, int] = field(default_factory=dict)
    failed_by_severity: dict[Severity, int] = field(default_factory=dict)

    @property
    def duration(self) -> timedelta | None:
        if self.scan.finished_at is None:
            return None
        return as_utc(self.scan.finished_at) - as_utc(self.scan.started_at)

    @property
    def not_checked(self) -> list[Item]:
        return [i for i in self.items if i.status is Status.NOT_CHECKED]

    def changed(self, kind: ItemChange) -> list[Item]:
        return [i for i in self.items if i.change and i.change.kind is kind]

    @property
    def resource_moves(self) -> list[Item]:
        """Items failing in both scans whose set of failing resources changed."""
        return [
            i
            for i in self.changed(ItemChange.UNCHANGED)
            if i.change.new_resources or i.change.fixed_resources
        ]


def build_report(
    scan: ScanResult,
    *,
    catalogue: Mapping[str, Check] | None = None,
    previous: ScanResult | None = None,
) -> Report:
    """Join ``scan`` with the catalogue (the registered checks by default).

    Raises:
        ValueError: ``previous`` is a scan of another account.
    """
    checks = default_catalogue() if catalogue is None else catalogue
    if previous is not None and previous.account.id != scan.account.id:
        raise ValueError(
            f"the previous scan is of account {previous.account.id}, "
            f"not {scan.account.id}"
        )
    unknown = [r.check_id for r in scan.results if r.check_id not in checks]
    if unknown:
        logger.info("%d result(s) have no catalogue entry: %s", len(unknown), unknown)

    items = sorted(
        (Item(r, checks.get(r.check_id), _change(r, previous)) for r in scan.results),
        key=_reading_order,
    )
    score = scan.score or compute_score(scan.results, checks)
    previous_score = None
    if previous is not None:
        previous_score = previous.score or compute_score(previous.results, checks)
    return Report(
        scan=scan,
        score=score,
        items=items,
        sections=_sections(items, score),
        top10=_top10(items, checks),
        previous=previous,
        previous_score=previous_score,
        counts=_count_statuses(items),
        failed_by_severity=_count_failed_by_severity(items),
    )


def _reading_order(item: Item) -> tuple:
    category = (
        _CATEGORY_ORDER.index(item.category) if item.category else len(_CATEGORY_ORDER)
    )
    severity = item.severity.rank if item.severity else len(Severity)
    return (category, _STATUS_ORDER[item.status], severity, item.check_id)


def _sections(items: list[Item], score: Score) -> list[CategorySection]:
    sections = []
    for category in [*_CATEGORY_ORDER, None]:
        members = [i for i in items if i.category is category]
        if members:
            category_score = score.categories.get(category) if category else None
            sections.append(CategorySection(category, members, category_score))
    return sections


def _top10(items: list[Item], checks: Mapping[str, Check]) -> list[Top10Entry]:
    by_id = {i.check_id: i for i in items}
    ranked = sorted((c for c in checks.values() if c.top10), key=lambda c: c.top10)
    return [Top10Entry(c.top10, c, by_id.get(c.id)) for c in ranked]


def _count_statuses(items: list[Item]) -> dict[Status, int]:
    counts = dict.fromkeys(Status, 0)
    for item in items:
        counts[item.status] += 1
    return counts


def _count_failed_by_severity(items: list[Item]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for item in items:
        if item.status is Status.FAIL and item.severity:
            counts[item.severity] += 1
    return counts


def failed_by_category(report: Report) -> dict[Category, dict[Severity, int]]:
    """Failing items per category and severity, every category present."""
    table = {category: dict.fromkeys(Severity, 0) for category in Category}
    for item in report.items:
        if item.status is Status.FAIL and item.category and item.severity:
            table[item.category][item.severity] += 1
    return table


def _change(result: ItemResult, previous: ScanResult | None) -> Change | None:
    if previous is None:
        return None
    before = previous.result(result.check_id)
    if before is None:
        # The previous scan did not include the item (another package, or an item
        # added since): whether its failures are new is unknown.
        return Change(ItemChange.NOT_COMPARED, None)
    kind = item_change(result.status, before.status)
    if kind is ItemChange.NOT_COMPARED:  # it could not be checked then
        return Change(kind, before.status)
    return Change(
        kind,
        before.status,
        new_resources=_missing_from(result.failed, before.failed),
        fixed_resources=_missing_from(before.failed, result.failed),
    )


def _missing_from(
    findings: list[Finding], others: list[Finding]
) -> tuple[Finding, ...]:
    # The same resource id can exist in two regions, so the region is part of the key.
    known = {resource_key(f) for f in others}
    return tuple(f for f in findings if resource_key(f) not in known)


def resource_key(finding: Finding) -> tuple[str, str | None]:
    return (finding.resource_id, finding.region)


def utc_timestamp(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, as the result JSON has it."""
    if moment is None:
        return None
    return as_utc(moment).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
