"""The AI package's free allowance: 1,000 AI scans per account, for 3 months.

Scanning one AI check item on one AI asset is one AI scan. The allowance is claimed
once per account, is valid for three calendar months from the claim, and the ledger
counts what each scan actually used. Past the allowance, further AI scans may be
billed by Security Center, so they need the user's consent.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

FREE_AI_SCANS = 1000
VALIDITY_MONTHS = 3


class AllowanceError(Exception):
    """The allowance cannot be claimed or used; the message says why."""


@dataclass(frozen=True)
class Allowance:
    """One account's claimed allowance and how much of it its scans used."""

    account_id: str
    granted: int
    claimed_at: datetime
    expires_at: datetime
    used: int = 0

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    def remaining(self, now: datetime) -> int:
        if self.expired(now):
            return 0
        return max(0, self.granted - self.used)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, or the month's last day (31 Nov -> 30 Nov)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def allowance_expiry(claimed_at: datetime) -> datetime:
    return add_months(claimed_at, VALIDITY_MONTHS)


@dataclass(frozen=True)
class AiScanPlan:
    """Which AI items a run will scan, and how many AI scans that makes.

    Attributes:
        covered: AI scans the allowance pays for.
        beyond_allowance: AI scans past the allowance (only with consent); these may
            be billed.
        left_out: items not scanned because the allowance does not cover them and
            the user did not consent to charges.
    """

    included: tuple[str, ...]
    left_out: tuple[str, ...]
    scans: int
    covered: int
    beyond_allowance: int


def ai_scan_count(assets: int | Mapping[str, int], items: Iterable[str]) -> int:
    return sum(_assets_for(assets, item) for item in items)


def plan_ai_scans(
    assets: int | Mapping[str, int],
    items: Iterable[str],
    remaining: int,
    consent: bool,
) -> AiScanPlan:
    """Which AI items fit: all with consent, else those the allowance covers, in order.

    Args:
        assets: the number of AI assets each item scans; an ``int`` for all items.
        items: AI check ids, most wanted first.
        remaining: AI scans left in the allowance (0 if none was claimed).
        consent: the user accepted that scans past the allowance may be billed.
    """
    items = list(items)
    remaining = max(0, remaining)
    if consent:
        scans = ai_scan_count(assets, items)
        covered = min(scans, remaining)
        return AiScanPlan(tuple(items), (), scans, covered, scans - covered)

    included, left_out, budget = [], [], remaining
    for item in items:
        cost = _assets_for(assets, item)
        # Later, cheaper items may still fit after a costly one is left out.
        if cost <= budget:
            included.append(item)
            budget -= cost
        else:
            left_out.append(item)
    scans = remaining - budget
    return AiScanPlan(tuple(included), tuple(left_out), scans, scans, 0)


@dataclass(frozen=True)
class NextSteps:
    """How the user of one front end claims the allowance, or agrees to billed scans.

    Each is the end of a sentence: "To scan it, <claim>, or <consent>."
    """

    claim: str
    consent: str


def left_out_reason(
    allowance: Allowance | None,
    now: datetime,
    scans: int,
    steps: NextSteps,
    what: str = "it",
) -> str:
    """Why AI items needing ``scans`` AI scans were left out, and what to do about it.

    The words follow the allowance's case: never claimed (claim it, or consent),
    expired or too small (only consent helps: it is claimed once per account).
    """
    if allowance is None:
        why = "the free allowance of AI scans has not been claimed"
        todo = f"{steps.claim}, or {steps.consent}"
    elif allowance.expired(now):
        why = (
            f"the free allowance of AI scans expired on {allowance.expires_at:%Y-%m-%d}"
        )
        todo = steps.consent
    else:
        left = allowance.remaining(now)
        why = f"{scans} AI scans are needed and the free allowance has {left} left"
        todo = steps.consent
    return (
        f"Not scanned, as the free allowance does not cover {what}: {why}. "
        f"To scan {what}, {todo}."
    )


def _assets_for(assets: int | Mapping[str, int], item: str) -> int:
    count = assets if isinstance(assets, int) else assets.get(item, 0)
    if count < 0:
        raise ValueError(f"a negative number of AI assets for {item}")
    return count


class AllowanceLedger:
    """The allowance of each account, kept in the store."""

    def __init__(
        self, store: Store, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ):
        self._store = store
        self._clock = clock

    def claim(self, account_id: str) -> Allowance:
        """Claim the free allowance for ``account_id``; once per account.

        Raises:
            AllowanceError: the account has claimed it before.
        """
        now = self._clock()
        if self._store.allowance_claim(account_id) is not None:
            raise AllowanceError(
                f"The free AI allowance of account {account_id} was already claimed."
            )
        self._store.insert_allowance_claim(
            account_id, FREE_AI_SCANS, now, allowance_expiry(now)
        )
        return self.allowance(account_id)

    def allowance(self, account_id: str) -> Allowance | None:
        claim = self._store.allowance_claim(account_id)
        if claim is None:
            return None
        granted, claimed_at, expires_at = claim
        used = self._store.ai_scans_used(account_id, claimed_at, expires_at)
        return Allowance(account_id, granted, claimed_at, expires_at, used)

    def remaining(self, account_id: str) -> int:
        allowance = self.allowance(account_id)
        return allowance.remaining(self._clock()) if allowance else 0

    def expiry(self, account_id: str) -> datetime | None:
        allowance = self.allowance(account_id)
        return allowance.expires_at if allowance else None

    def record_usage(self, scan_id: str, count: int) -> None:
        """Record the AI scans ``scan_id`` made; recording again replaces the count."""
        if count < 0:
            raise ValueError("a scan cannot use a negative number of AI scans")
        self._store.record_ai_usage(scan_id, count, self._clock())
