"""Reading zones, list-of-one attribute bodies and on/off switches for HA items."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ._details import Detail, not_returned, read_detail, unreadable
from ._fields import as_list, dig
from ._fields import is_on as is_on  # HA items read switches through this module
from .base import Finding

# A multi-zone deployment named as one pseudo-zone: cn-hangzhou-MAZ6(h,i).
_MULTI_ZONE = re.compile(
    r"^(?P<region>.+)-MAZ\d*\((?P<letters>[^)]*)\)$", re.IGNORECASE
)
# What some APIs send in a zone field that holds no zone: no evidence of a zone.
_PLACEHOLDERS = frozenset({"null", "none", "nil", "undefined"})


def zones(values: Iterable[Any]) -> set[str]:
    """The zone ids named by zone fields.

    Handles comma-separated lists (``cn-hangzhou-i,cn-hangzhou-j``) and the
    multi-zone form RDS and Redis report (``cn-hangzhou-MAZ6(h,i)``). Empty values
    and placeholders (``"null"``, ``"None"``) name no zone: one real zone beside a
    placeholder is one zone, never two.
    """
    found: set[str] = set()
    for value in values:
        for part in _split(value):
            match = _MULTI_ZONE.match(part)
            if match:
                letters = [x.strip() for x in match["letters"].split(",")]
                found.update(f"{match['region']}-{x}" for x in letters if _named(x))
            else:
                found.add(part)
    return found


def _split(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    # A comma inside MAZ(...) is not a separator between zones.
    parts = re.split(r",(?![^(]*\))", value)
    return [part.strip() for part in parts if _named(part.strip())]


def _named(text: str) -> bool:
    return bool(text) and text.lower() not in _PLACEHOLDERS


def zone_unread(
    resource_id: str, field: str, value: Any, **where: Any
) -> Finding | None:
    """The NOT_CHECKED finding for a resource whose ``field`` (its primary zone)
    names no zone, or None when it names one.

    Without the primary zone nothing is known of where the resource runs.
    """
    if zones([value]):
        return None
    if value is None or str(value).strip() == "":
        return not_returned(resource_id, field, **where)
    return Finding.unknown(resource_id, f"{field} names no zone: {value!r}", **where)


def zone_words(found: set[str]) -> str:
    return ", ".join(sorted(found)) or "no zone"


def single_attribute(detail: Detail, path: str) -> Mapping[str, Any] | None:
    """The one element of an attribute body that wraps it in a list of one.

    ``DescribeDBInstanceAttribute`` and its kin answer ``Items.DBInstanceAttribute:
    [{...}]``; None when the read failed or the list came back empty.
    """
    if detail.record is None:
        return None
    items = as_list(dig(detail.record, path))
    first = items[0] if items else None
    return first if isinstance(first, Mapping) else None


def read_attribute(
    inventory: Any, collection: str, key: str, path: str, what: str, **where: Any
) -> Mapping[str, Any] | Finding | None:
    """The attribute of ``key`` in ``collection``, or why there is none.

    Returns the attribute mapping, a NOT_CHECKED finding when it could not be read,
    or None when the resource is gone or does not support the call (nothing to
    judge).
    """
    detail = read_detail(inventory, collection, key)
    if detail.absent or detail.unsupported:
        return None
    attribute = single_attribute(detail, path)
    if attribute is None:
        return unreadable(key, what, detail, **where)
    return attribute
