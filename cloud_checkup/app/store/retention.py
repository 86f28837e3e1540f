"""How long scans are kept: the user's retention rule, and which scans it lets go.

Pure functions over the history's rows (``ScanSummary``); the ``Store`` deletes what
they choose. A rule never takes what the history still needs: the newest scan of each
account, a scan still running, and any scan a kept re-check verifies; the store adds
the scans it alone can tell are needed: each account's latest full checkup of each
package set (the next scan is compared with it) and the scans offered for resuming.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..model import as_utc
from .records import ScanStatus, ScanSummary


class Keep(enum.StrEnum):
    EVERYTHING = "everything"
    DAYS = "days"  # scans started within the last ``count`` days
    LAST = "last"  # the newest ``count`` scans of each account


@dataclass(frozen=True)
class RetentionRule:
    """Which scans to keep; ``count`` is days or scans, by ``keep``.

    Raises:
        ValueError: a count below 1 for a rule that needs one.
    """

    keep: Keep = Keep.EVERYTHING
    count: int = 0

    def __post_init__(self) -> None:
        if self.keep is not Keep.EVERYTHING and self.count < 1:
            raise ValueError(
                f"a retention rule needs a count of 1 or more, not {self.count}"
            )

    @classmethod
    def newer_than(cls, days: int) -> RetentionRule:
        return cls(Keep.DAYS, days)

    @classmethod
    def last(cls, scans: int) -> RetentionRule:
        return cls(Keep.LAST, scans)

    def to_json(self) -> dict[str, Any]:
        return {"keep": self.keep.value, "count": self.count}

    @classmethod
    def from_json(cls, document: Any) -> RetentionRule:
        """The rule a settings file holds.

        Raises:
            ValueError: the document is not a rule.
        """
        if not isinstance(document, dict):
            raise ValueError("a retention rule is an object with 'keep' and 'count'")
        count = document.get("count", 0)
        if not isinstance(count, int) or isinstance(count, bool):
            raise ValueError(f"a retention rule's count is a number, not {count!r}")
        return cls(Keep(document.get("keep", Keep.EVERYTHING.value)), count)


def beyond(
    scans: Sequence[ScanSummary], rule: RetentionRule, now: datetime
) -> list[ScanSummary]:
    """The scans ``rule`` alone lets go, before what the history needs is kept.

    ``scans`` come newest first, as ``Store.scans`` returns them.
    """
    if rule.keep is Keep.DAYS:
        cutoff = _days_before(now, rule.count)
        if cutoff is None:
            return []
        return [s for s in scans if as_utc(s.started_at) < cutoff]
    if rule.keep is Keep.LAST:
        seen: dict[str | None, int] = {}
        going = []
        for scan in scans:
            owner = _owner(scan)
            seen[owner] = seen.get(owner, 0) + 1
            if seen[owner] > rule.count:
                going.append(scan)
        return going
    return []


def to_prune(
    scans: Sequence[ScanSummary],
    rule: RetentionRule,
    now: datetime,
    needed: Collection[str] = (),
) -> list[ScanSummary]:
    """The scans a rule deletes: ``beyond`` it, less those the history needs.

    Args:
        scans: every scan, newest first.
        needed: ids the store needs kept besides (comparison baselines, scans the
            app offers to resume).
    """
    candidates = beyond(scans, rule, now)
    if not candidates:
        return []
    # A scan dated ahead by a wrong clock is "newest" until that date comes; the
    # newest scan of the present is needed all the same.
    present = [s for s in scans if as_utc(s.started_at) <= now]
    kept = (
        ({s.scan_id for s in scans} - {s.scan_id for s in candidates})
        | set(needed)
        | _newest(scans)
        | _newest(present)
        | {s.scan_id for s in scans if s.status is ScanStatus.RUNNING}
    )
    kept = _with_verified(kept, scans)
    return [s for s in candidates if s.scan_id not in kept]


def with_rechecks(
    chosen: Iterable[str], scans: Sequence[ScanSummary]
) -> list[ScanSummary]:
    """The chosen scans and every re-check of them (of those too), in ``scans``' order.

    A re-check holds only the items it ran again and is read against the scan it
    verifies, so it cannot outlive that scan.
    """
    going = set(chosen)
    grown = True
    while grown:
        more = {s.scan_id for s in scans if s.rechecks in going} - going
        going |= more
        grown = bool(more)
    return [s for s in scans if s.scan_id in going]


def _with_verified(kept: set[str], scans: Sequence[ScanSummary]) -> set[str]:
    """``kept`` and every scan a kept re-check verifies, transitively."""
    verifies = {s.scan_id: s.rechecks for s in scans if s.rechecks}
    pending = list(kept)
    while pending:
        verified = verifies.get(pending.pop())
        if verified is not None and verified not in kept:
            kept.add(verified)
            pending.append(verified)
    return kept


def _newest(scans: Sequence[ScanSummary]) -> set[str]:
    """Each account's newest scan."""
    newest: dict[str | None, str] = {}
    for scan in scans:
        newest.setdefault(_owner(scan), scan.scan_id)
    return set(newest.values())


def _owner(scan: ScanSummary) -> str | None:
    """The account a scan belongs to; before it was identified, its target."""
    return scan.account_id or scan.target


def _days_before(now: datetime, days: int) -> datetime | None:
    """``days`` before ``now``; None when that is before the calendar's first day,
    as a huge count in preferences.json or on the command line asks: no scan is
    that old."""
    try:
        return now - timedelta(days=days)
    except OverflowError:
        return None
