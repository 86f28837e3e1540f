"""What changed between two scans of an account: new, fixed and unchanged failures.

Changes are given per item and per resource. A failure that is now excepted is not
"fixed", and one whose item could not be checked this time (or was not re-run) is
"unverified": the scan says nothing about it. Likewise a failure is "new" only if the
previous scan checked the item; otherwise it is "not compared".
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from cloud_checkup.checks.base import Category, Finding, Status

from .model import ItemResult, ScanResult

T = TypeVar("T")

# Statuses of an item whose resources were all read: a failure missing from its
# findings is gone (the resource was fixed or deleted).
_FULLY_READ = {Status.PASS, Status.FAIL, Status.NOT_APPLICABLE, Status.EXCEPTED}


class ItemChange(enum.StrEnum):
    """How an item, or one of its resources, moved since the previous scan."""

    NEW = "new"  # fails now; the previous scan checked it and it did not fail
    FIXED = "fixed"  # failed before, passes (or has nothing to check) now
    UNCHANGED = "unchanged"  # the same verdict as before
    EXCEPTED = "excepted"  # failed before, now covered by an exception
    UNVERIFIED = "unverified"  # failed before, could not be checked now
    NOT_COMPARED = "not_compared"  # the previous scan did not check it


def item_change(now: Status, before: Status | None) -> ItemChange:
    """How an item moved, from its status now and in the previous scan (``None``:
    the previous scan did not run it)."""
    if before is None:
        return ItemChange.NOT_COMPARED
    if now is Status.FAIL:
        if before is Status.NOT_CHECKED:
            return ItemChange.NOT_COMPARED
        return ItemChange.UNCHANGED if before is Status.FAIL else ItemChange.NEW
    if before is not Status.FAIL:
        return ItemChange.UNCHANGED
    return _after_failure(now)


@dataclass(frozen=True)
class ResourceChange:
    """One failing resource of one item, as the scan that shows it described it."""

    check_id: str
    resource_id: str
    region: str | None = None
    name: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Changes(Generic[T]):
    """Failures sorted by what happened to them since the previous scan."""

    new: tuple[T, ...] = ()
    fixed: tuple[T, ...] = ()
    unchanged: tuple[T, ...] = ()
    excepted: tuple[T, ...] = ()
    unverified: tuple[T, ...] = ()
    not_compared: tuple[T, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """``current`` against ``previous``: changes per item (check ids) and per resource.

    Attributes:
        score_change: current minus previous health score; ``None`` if one has none.
        category_changes: the same per category, where both scans scored it.
    """

    current_scan_id: str
    previous_scan_id: str
    items: Changes[str]
    resources: Changes[ResourceChange]
    score_change: int | None
    category_changes: dict[Category, int] = field(default_factory=dict)


def compare(current: ScanResult, previous: ScanResult) -> Comparison:
    return Comparison(
        current_scan_id=current.scan_id,
        previous_scan_id=previous.scan_id,
        items=_item_changes(current, previous),
        resources=_resource_changes(current, previous),
        score_change=_score_change(current, previous),
        category_changes=_category_changes(current, previous),
    )


def _item_changes(current: ScanResult, previous: ScanResult) -> Changes[str]:
    before = {r.check_id: r.status for r in previous.results}
    buckets: dict[str, list[str]] = {name: [] for name in _BUCKETS}
    for result in current.results:
        if result.status is Status.FAIL:
            change = item_change(result.status, before.get(result.check_id))
            buckets[change].append(result.check_id)
    now = {r.check_id: r.status for r in current.results}
    for check_id, status in before.items():
        if status is Status.FAIL and now.get(check_id) is not Status.FAIL:
            buckets[_after_failure(now.get(check_id))].append(check_id)
    return Changes(**{name: tuple(ids) for name, ids in buckets.items()})


_BUCKETS = tuple(change.value for change in ItemChange)


def _after_failure(status: Status | None) -> ItemChange:
    """What became of a failure given the item's (or resource's) status now."""
    if status is Status.EXCEPTED:
        return ItemChange.EXCEPTED
    if status in (Status.PASS, Status.NOT_APPLICABLE):
        return ItemChange.FIXED
    return ItemChange.UNVERIFIED


def _resource_changes(
    current: ScanResult, previous: ScanResult
) -> Changes[ResourceChange]:
    now_items = {r.check_id: r for r in current.results}
    checked_before = {
        r.check_id for r in previous.results if r.status is not Status.NOT_CHECKED
    }
    before = dict(_failures(previous))
    now = {key: f for key, f in _findings(current)}
    buckets: dict[str, list[ResourceChange]] = {name: [] for name in _BUCKETS}
    for key, finding in now.items():
        if finding.status is Status.FAIL:
            if key in before:
                bucket = ItemChange.UNCHANGED
            elif key[0] in checked_before:
                bucket = ItemChange.NEW
            else:
                bucket = ItemChange.NOT_COMPARED
            buckets[bucket].append(_change(key[0], finding))
    for key, finding in before.items():
        if key in now and now[key].status is Status.FAIL:
            continue
        bucket = _resource_fate(now.get(key), now_items.get(key[0]))
        buckets[bucket].append(_change(key[0], finding))
    return Changes(**{name: tuple(changes) for name, changes in buckets.items()})


def _resource_fate(finding: Finding | None, item: ItemResult | None) -> ItemChange:
    if finding is not None:
        return _after_failure(finding.status)
    if item is not None and item.status in _FULLY_READ:
        return ItemChange.FIXED
    return ItemChange.UNVERIFIED


def _findings(scan: ScanResult) -> Iterator[tuple[tuple[str, str], Finding]]:
    for result in scan.results:
        for finding in result.findings:
            yield (result.check_id, finding.resource_id), finding


def _failures(scan: ScanResult) -> Iterator[tuple[tuple[str, str], Finding]]:
    return ((k, f) for k, f in _findings(scan) if f.status is Status.FAIL)


def _change(check_id: str, finding: Finding) -> ResourceChange:
    return ResourceChange(
        check_id, finding.resource_id, finding.region, finding.name, finding.detail
    )


def _scores_comparable(current: ScanResult, previous: ScanResult) -> bool:
    """Both scans have a score of the whole scan: a stopped one's rests on the items
    it finished, and a difference with it would be no change of the account."""
    scans = (current, previous)
    return all(s.score is not None and not s.cancelled for s in scans)


def _score_change(current: ScanResult, previous: ScanResult) -> int | None:
    if not _scores_comparable(current, previous):
        return None
    return current.score.value - previous.score.value


def _category_changes(current: ScanResult, previous: ScanResult) -> dict[Category, int]:
    if not _scores_comparable(current, previous):
        return {}
    changes = {}
    for category, value in current.score.categories.items():
        before = previous.score.categories.get(category)
        if value is not None and before is not None:
            changes[category] = value - before
    return changes
