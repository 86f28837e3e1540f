"""The health score: 0-100 from failures, their severity, their reach and dimensions.

The formula (also shown in the report, see ``FORMULA``):

- Each evaluated item weighs by severity: high 10, medium 4, low 1. An item counts
  once at least one of its resources was read (``pass``, ``fail``, ``excepted``, and a
  ``not_checked`` item with some resources read); an item with nothing read, or
  ``not_applicable``, is left out. Resources that could not be read are neither
  credited nor charged (the item still shows ``not_checked``).
- A failing item costs its weight times ``0.5 + 0.5 * share``, where ``share`` is the
  share of the item's checked resources that fail: one bad resource out of fifty costs
  about half the weight, all of them cost all of it. Excepted items cost nothing.
- A category's score is ``100 * (1 - cost / weight)`` over its items; a dimension's
  (security, stability, AI) likewise over its categories' items.
- The health score is the mean of the dimension scores, rounded; each high-severity
  failure also caps it (one caps at 89, i.e. below Excellent, three or more at 74).
- Coverage is the share of applicable items the score could judge. Below 75% the
  tier is "Incomplete": a score resting on a few items (missing permissions, a
  cancelled scan) is not a verdict on the account. With nothing judged at all the
  score is 0, not 100; with nothing applicable it is 100.

Fixing or excepting a failure never lowers the score; a new failure never raises it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cloud_checkup.checks.base import Category, Check, Severity, Status

from .model import ItemResult, Score

WEIGHTS = {Severity.HIGH: 10, Severity.MEDIUM: 4, Severity.LOW: 1}
MIN_COVERAGE = 0.75
INCOMPLETE = "Incomplete"
TIERS = ((90, "Excellent"), (75, "Good"), (60, "Fair"), (0, "At risk"))
HIGH_FAILURE_CAPS = ((3, 74), (1, 89))

FORMULA = (
    "Each evaluated item weighs 10 (high), 4 (medium) or 1 (low); an item counts once "
    "at least one of its resources was read. A failing item costs its weight times "
    "(0.5 + 0.5 x the share of its read resources that fail); excepted items cost "
    "nothing; items with nothing read, or not applicable, are left out. "
    "Category and dimension scores are 100 x (1 - cost / weight); the health score is "
    "the mean of the security, stability and AI dimension scores, capped at 89 by one "
    "high-severity failure and at 74 by three or more. Tiers: Excellent 90+, Good 75+, "
    "Fair 60+, At risk below 60; Incomplete when fewer than 75% of the applicable "
    "items could be judged."
)

_EVALUATED = {Status.PASS, Status.FAIL, Status.EXCEPTED}
_READ = {Status.PASS, Status.FAIL, Status.EXCEPTED}


def counts_in_score(result: ItemResult) -> bool:
    """Evaluated, or not fully checked but with some resources read."""
    if result.status in _EVALUATED:
        return True
    return result.status is Status.NOT_CHECKED and any(
        f.status in _READ for f in result.findings
    )


def tier(value: int) -> str:
    return next(name for floor, name in TIERS if value >= floor)


def item_cost(result: ItemResult, severity: Severity) -> float:
    if result.status is not Status.FAIL:
        return 0.0
    judged = [f for f in result.findings if f.status in (Status.PASS, Status.FAIL)]
    failing = [f for f in judged if f.status is Status.FAIL]
    share = len(failing) / len(judged) if judged else 1.0
    return WEIGHTS[severity] * (0.5 + 0.5 * share)


def _ratio(items: Iterable[tuple[ItemResult, Check]]) -> int | None:
    weight = cost = 0.0
    for result, item in items:
        weight += WEIGHTS[item.severity]
        cost += item_cost(result, item.severity)
    if not weight:
        return None
    return round(100 * (1 - cost / weight))


def _mean(values: Iterable[int | None], *, nothing_judged: int) -> int:
    """The mean of the judged dimensions; nothing judged is no sign of health."""
    scored = [value for value in values if value is not None]
    return round(sum(scored) / len(scored)) if scored else nothing_judged


def compute_score(
    results: Iterable[ItemResult],
    catalogue: Mapping[str, Check],
    *,
    planned: int | None = None,
) -> Score:
    """The score of ``results``.

    Args:
        planned: how many items the scan selected, when some have no result (a
            cancelled scan); by default every selected item has one.
    """
    results = [r for r in results if r.check_id in catalogue]
    evaluated = [(r, catalogue[r.check_id]) for r in results if counts_in_score(r)]
    categories = {
        category: _ratio((r, c) for r, c in evaluated if c.category is category)
        for category in Category
    }
    dimension_names = dict.fromkeys(category.dimension for category in Category)
    dimensions = {
        name: _ratio((r, c) for r, c in evaluated if c.category.dimension == name)
        for name in dimension_names
    }
    applicable = (planned if planned is not None else len(results)) - sum(
        1 for r in results if r.status is Status.NOT_APPLICABLE
    )
    coverage = len(evaluated) / applicable if applicable > 0 else 1.0
    value = _mean(dimensions.values(), nothing_judged=0 if applicable > 0 else 100)
    high_failures = sum(
        1
        for result, item in evaluated
        if result.status is Status.FAIL and item.severity is Severity.HIGH
    )
    for count, cap in HIGH_FAILURE_CAPS:
        if high_failures >= count:
            value = min(value, cap)
            break
    name = tier(value) if coverage >= MIN_COVERAGE else INCOMPLETE
    return Score(value, name, categories, dimensions, round(coverage, 3))
