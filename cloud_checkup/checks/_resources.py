"""Walking a list collection with one per-resource read each, the usual item shape.

Each resource read either gives a record, says the resource has none of this
(absent), says the call does not apply to its kind (unsupported: skipped), or failed
(the resource is reported as not checked, so the item can never pass).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ._details import read_detail, unreadable
from .base import Finding, Inventory, Record

Verdict = Callable[
    [str, Record, Mapping[str, Any] | None, dict[str, Any]], Finding | None
]


def detail_findings(
    inventory: Inventory,
    parent: str,
    collection: str,
    *,
    id_field: str,
    what: str,
    verdict: Verdict,
    where: Callable[[Record], dict[str, Any]],
    include: Callable[[Record], bool] = lambda record: True,
) -> Iterable[Finding]:
    """One finding per resource of ``parent`` that ``include`` keeps.

    ``verdict(resource_id, parent_record, detail_or_None_if_absent, where)`` decides;
    it may return None to leave a resource out.
    """
    for record in inventory.records(parent):
        if not include(record):
            continue
        resource_id = str(record.get(id_field) or "")
        if not resource_id:
            continue
        place = where(record)
        detail = read_detail(inventory, collection, resource_id)
        if detail.unsupported:
            continue
        if detail.unreadable:
            yield unreadable(resource_id, what, detail, **place)
            continue
        finding = verdict(resource_id, record, detail.record, place)
        if finding is not None:
            yield finding
