"""Properties of the health score on generated results, against the real formula.

Fixing a failure or excepting it never lowers the score; a new failure never raises
it. Results are generated per item of the real catalogue, with the item status the
engine derives from the findings.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from cloud_checkup.app.engine import _item_status  # the engine's own status rule
from cloud_checkup.app.exceptions import apply_exceptions, new_exception
from cloud_checkup.app.model import ItemResult
from cloud_checkup.app.score import compute_score
from cloud_checkup.checks import catalogue
from cloud_checkup.checks.base import Finding, Status

CATALOGUE = catalogue()
NOW = datetime(2026, 12, 4, tzinfo=UTC)
READ = (Status.PASS, Status.FAIL, Status.NOT_APPLICABLE)
# Findings of resources that could not be read are part of every property's domain.
ANY_FINDING = (*READ, Status.NOT_CHECKED)
PROPERTY = settings(max_examples=300, deadline=None, database=None)


def _result(check_id: str, statuses: list[Status]) -> ItemResult:
    findings = [Finding(f"r{n}", s, "detail") for n, s in enumerate(statuses)]
    return ItemResult(check_id, _item_status(findings), None, findings)


def scans(finding_statuses=READ):
    item = st.tuples(
        st.sampled_from(sorted(CATALOGUE)),
        st.lists(st.sampled_from(finding_statuses), min_size=0, max_size=5),
    )
    return st.lists(item, min_size=1, max_size=12, unique_by=lambda pair: pair[0]).map(
        lambda items: [_result(check_id, statuses) for check_id, statuses in items]
    )


def _score(results: list[ItemResult]) -> int:
    return compute_score(results, CATALOGUE).value


def _failures(results: list[ItemResult]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, result in enumerate(results)
        for j, finding in enumerate(result.findings)
        if finding.status is Status.FAIL
    ]


def _with_finding(results, at: tuple[int, int], status: Status) -> list[ItemResult]:
    i, j = at
    statuses = [f.status for f in results[i].findings]
    statuses[j] = status
    return [*results[:i], _result(results[i].check_id, statuses), *results[i + 1 :]]


@PROPERTY
@given(scans(ANY_FINDING), st.data())
def test_fixing_a_failure_never_lowers_the_score(results, data):
    failures = _failures(results)
    if not failures:
        return
    at = data.draw(st.sampled_from(failures))

    assert _score(_with_finding(results, at, Status.PASS)) >= _score(results)


@PROPERTY
@given(scans(ANY_FINDING), st.data())
def test_excepting_a_failure_never_lowers_the_score(results, data):
    failures = _failures(results)
    if not failures:
        return
    i, j = data.draw(st.sampled_from(failures))
    exception = new_exception(
        "acct",
        results[i].check_id,
        "accepted",
        now=NOW,
        resource_id=results[i].findings[j].resource_id,
    )

    assert _score(apply_exceptions(results, [exception], NOW)) >= _score(results)


@PROPERTY
@given(scans(ANY_FINDING), st.data())
def test_a_new_failure_never_raises_the_score(results, data):
    i = data.draw(st.integers(0, len(results) - 1))
    statuses = [f.status for f in results[i].findings] + [Status.FAIL]
    worse = [*results[:i], _result(results[i].check_id, statuses), *results[i + 1 :]]

    assert _score(worse) <= _score(results)


@PROPERTY
@given(scans(ANY_FINDING), st.data())
def test_a_passing_resource_turning_failing_never_raises_the_score(results, data):
    passing = [
        (i, j)
        for i, r in enumerate(results)
        for j, f in enumerate(r.findings)
        if f.status is Status.PASS
    ]
    if not passing:
        return
    at = data.draw(st.sampled_from(passing))

    assert _score(_with_finding(results, at, Status.FAIL)) <= _score(results)


# Counter-examples hypothesis once found with unreadable resources, kept as cases.


def test_counter_example_a_new_failure_raises_the_score():
    before = [
        _result("ecs-disk-auto-snapshot-policy", [Status.FAIL]),
        _result("ram-user-no-administrator-access", [Status.PASS, Status.NOT_CHECKED]),
    ]
    after = [
        before[0],
        _result(
            "ram-user-no-administrator-access",
            [Status.PASS, Status.NOT_CHECKED, Status.FAIL],
        ),
    ]

    assert _score(after) <= _score(before)


def test_counter_example_fixing_a_failure_lowers_the_score():
    unreadable = [Status.PASS, Status.NOT_CHECKED]
    security_group = "ecs-security-group-no-public-remote-admin"
    before = [
        _result("actiontrail-multi-region-logging", [Status.FAIL]),
        _result(security_group, [Status.FAIL, *unreadable]),
    ]
    after = [before[0], _result(security_group, [Status.PASS, *unreadable])]

    assert _score(after) >= _score(before)
