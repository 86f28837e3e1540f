"""The AI allowance: claimed once, 3 months, a ledger of use, and what fits in it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from store_support import ACCOUNT, STANDARD, scan_of

from cloud_checkup.app.allowance import (
    FREE_AI_SCANS,
    Allowance,
    AllowanceError,
    AllowanceLedger,
    NextSteps,
    add_months,
    left_out_reason,
    plan_ai_scans,
)

CLAIMED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _finished_scan(store, scan_id: str) -> None:
    scan = scan_of(scan_id=scan_id)
    store.start_scan(scan_id, started_at=scan.started_at, request=STANDARD, planned=[])
    store.finish_scan(scan)


def test_three_calendar_months_end_on_the_last_day_of_a_short_month():
    assert add_months(CLAIMED, 3) == datetime(2027, 2, 28, 9, 0, tzinfo=UTC)
    assert add_months(datetime(2026, 1, 15), 3) == datetime(2026, 4, 15)


def test_claim_once_then_the_ledger_counts_each_scan(store):
    clock = Clock(CLAIMED)
    ledger = AllowanceLedger(store, clock)
    _finished_scan(store, "s1")
    _finished_scan(store, "s2")

    allowance = ledger.claim(ACCOUNT.id)
    clock.now = datetime(2026, 12, 4, tzinfo=UTC)
    ledger.record_usage("s1", 300)
    ledger.record_usage("s2", 50)
    ledger.record_usage("s2", 60)  # recorded again: replaced, not added

    assert allowance.granted == FREE_AI_SCANS
    assert ledger.remaining(ACCOUNT.id) == FREE_AI_SCANS - 360
    assert ledger.expiry(ACCOUNT.id) == datetime(2027, 2, 28, 9, 0, tzinfo=UTC)
    with pytest.raises(AllowanceError, match="already claimed"):
        ledger.claim(ACCOUNT.id)


def test_nothing_remains_after_expiry_or_without_a_claim(store):
    clock = Clock(CLAIMED)
    ledger = AllowanceLedger(store, clock)
    assert ledger.remaining(ACCOUNT.id) == 0

    ledger.claim(ACCOUNT.id)
    clock.now = datetime(2027, 2, 28, 9, 0, tzinfo=UTC)

    assert ledger.remaining(ACCOUNT.id) == 0


def test_usage_before_the_claim_does_not_count(store):
    clock = Clock(datetime(2026, 11, 1, tzinfo=UTC))
    ledger = AllowanceLedger(store, clock)
    _finished_scan(store, "early")
    ledger.record_usage("early", 400)

    clock.now = CLAIMED
    ledger.claim(ACCOUNT.id)

    assert ledger.remaining(ACCOUNT.id) == FREE_AI_SCANS


def test_within_the_allowance_every_item_is_scanned():
    plan = plan_ai_scans(10, ["a", "b", "c"], remaining=100, consent=False)

    assert plan.included == ("a", "b", "c")
    assert (plan.scans, plan.covered, plan.beyond_allowance) == (30, 30, 0)


def test_without_consent_only_what_the_allowance_covers_is_scanned():
    assets = {"a": 40, "b": 70, "c": 20}

    plan = plan_ai_scans(assets, ["a", "b", "c"], remaining=100, consent=False)

    assert plan.included == ("a", "c")
    assert plan.left_out == ("b",)
    assert plan.scans == 60


def test_with_consent_everything_is_scanned_and_the_excess_is_named():
    plan = plan_ai_scans(40, ["a", "b", "c"], remaining=100, consent=True)

    assert plan.left_out == ()
    assert (plan.scans, plan.covered, plan.beyond_allowance) == (120, 100, 20)


STEPS = NextSteps(claim="claim it (how)", consent="accept charges (how)")


def test_an_unclaimed_allowance_says_claim_it_or_accept_charges():
    reason = left_out_reason(None, CLAIMED, 4, STEPS)
    assert "has not been claimed" in reason
    assert "claim it (how), or accept charges (how)" in reason


def test_a_claimed_allowance_too_small_says_only_charges_help():
    allowance = Allowance(ACCOUNT.id, 1000, CLAIMED, add_months(CLAIMED, 3), 998)
    reason = left_out_reason(allowance, CLAIMED, 4, STEPS)
    assert "4 AI scans are needed and the free allowance has 2 left" in reason
    assert "accept charges (how)" in reason and "claim" not in reason


def test_an_expired_allowance_says_when_and_that_only_charges_help():
    allowance = Allowance(ACCOUNT.id, 1000, CLAIMED, add_months(CLAIMED, 3))
    reason = left_out_reason(allowance, datetime(2027, 3, 1, tzinfo=UTC), 4, STEPS)
    assert "expired on 2027-02-28" in reason
    assert "accept charges (how)" in reason and "claim" not in reason
