"""The health score's edges: coverage, nothing judged, nothing applicable, tiers."""

from __future__ import annotations

from cloud_checkup.app.model import ItemResult
from cloud_checkup.app.score import INCOMPLETE, compute_score, tier
from cloud_checkup.checks import Status, catalogue
from cloud_checkup.checks.base import Finding

CATALOGUE = catalogue()
IDS = sorted(CATALOGUE)


def _result(check_id, *statuses):
    findings = [Finding(f"r{n}", s, "d") for n, s in enumerate(statuses)]
    worst = Status.FAIL if Status.FAIL in statuses else None
    status = worst or (statuses[0] if statuses else Status.NOT_APPLICABLE)
    return ItemResult(check_id, status, None, findings)


def test_a_scan_that_judged_nothing_scores_zero_and_is_incomplete():
    score = compute_score([], CATALOGUE, planned=10)
    assert score.value == 0 and score.tier == INCOMPLETE and score.coverage == 0


def test_nothing_applicable_is_a_clean_account():
    results = [ItemResult(i, Status.NOT_APPLICABLE) for i in IDS[:5]]
    score = compute_score(results, CATALOGUE)
    assert score.value == 100 and score.coverage == 1 and score.tier == "Excellent"


def test_coverage_counts_items_without_a_result_when_the_scan_was_cut_short():
    results = [_result(i, Status.PASS) for i in IDS[:3]]
    full = compute_score(results, CATALOGUE)
    cut = compute_score(results, CATALOGUE, planned=12)
    assert full.coverage == 1 and full.tier == tier(full.value)
    assert cut.coverage == 0.25 and cut.tier == INCOMPLETE
    assert cut.value == full.value  # the value judges what was read; the tier warns


def test_items_not_checked_lower_coverage_but_not_the_value():
    passing = [_result(i, Status.PASS) for i in IDS[:6]]
    unreadable = [ItemResult(i, Status.NOT_CHECKED, "denied") for i in IDS[6:8]]
    score = compute_score(passing + unreadable, CATALOGUE)
    assert score.coverage == 0.75 and score.tier != INCOMPLETE
    more_unreadable = [ItemResult(i, Status.NOT_CHECKED, "denied") for i in IDS[6:9]]
    assert compute_score(passing + more_unreadable, CATALOGUE).tier == INCOMPLETE
