"""Reading Alibaba's response fields the way they really arrive.

Booleans come as ``true``, ``"true"``, ``"True"`` or ``"1"``; times with or without
seconds; XML documents turned into dicts give a lone element instead of a list of one.
Checks read fields through these helpers so that each quirk is handled once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

_TRUE_WORDS = frozenset({"true", "1", "yes", "on", "enable", "enabled"})
_TIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%MZ",
    "%Y-%m-%dT%H:%M:%S.%fZ",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
)


def dig(data: Mapping[str, Any] | None, path: str, default: Any = None) -> Any:
    """The value at a dotted ``path`` (``"BucketInfo.Bucket.Versioning"``)."""
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return default
        value = value[part]
    return value


def as_list(value: Any) -> list[Any]:
    """A list for a list, a lone element or nothing (XML turned into dicts)."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    return [value]


def as_bool(value: Any) -> bool | None:
    """True/False from a boolean or its string forms; None when the field is absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return str(value).strip().lower() in _TRUE_WORDS


def as_int(value: Any) -> int | None:
    """An integer from a number or a numeric string; None when there is none."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def parse_time(value: Any) -> datetime | None:
    """A UTC datetime from the time formats Alibaba APIs use; None when unreadable.

    ECS gives ``2026-12-10T04:04Z`` (no seconds), RAM ``2026-01-23T12:33:18Z``; times
    without a zone are taken as UTC.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in _TIME_FORMATS:
        try:
            parsed = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None
