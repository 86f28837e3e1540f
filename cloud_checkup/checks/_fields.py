"""Reading Alibaba's response fields the way they really arrive.

Booleans come as ``true``, ``"true"``, ``"True"`` or ``"1"``; times with or without
seconds; XML documents turned into dicts give a lone element instead of a list of one.
Checks read fields through these helpers so that each quirk is handled once.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

_TRUE_WORDS = frozenset({"true", "1", "yes", "on", "enable", "enabled"})
# Switches name their states in words that differ by product and API: on/off (CLB),
# Enable/Disable (Redis SSL), Enabled/Disabled (TDE), Open/Closed (MongoDB SSL).
_ON_WORDS = _TRUE_WORDS | {"open", "opened"}
_OFF_WORDS = frozenset(
    {"false", "0", "no", "off", "disable", "disabled", "close", "closed"}
)
_LONG_FRACTION = re.compile(r"(\.\d{7,})")
_EPOCH_MS_THRESHOLD = 100_000_000_000
# Fewer digits are a compact date (20261210), not seconds since 1970.
_EPOCH_MIN_DIGITS = 9
# Allow-list spellings of "everyone" that are not a network with a /0 prefix.
_EVERY_ADDRESS_WORDS = frozenset({"0.0.0.0", "::", "*"})


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


def is_on(value: Any) -> bool | None:
    """The state of a switch in any of its spellings and cases, or a boolean; None
    when the field is absent or holds a word that names neither state."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _ON_WORDS:
        return True
    if text in _OFF_WORDS:
        return False
    return None


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

    ECS gives ``2026-12-10T04:04Z`` (no seconds), RAM ``2026-01-23T12:33:18Z``, ACK
    ``2026-01-23T20:33:18+08:00``, others fractions of a second or epoch milliseconds
    (a number or a string of digits). Times without a zone are taken as UTC.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.isdigit() and len(text) >= _EPOCH_MIN_DIGITS:
        return _from_epoch(int(text))
    # fromisoformat takes at most six digits of a fraction; Go services send nine.
    text = _LONG_FRACTION.sub(lambda m: m.group(1)[:7], text.replace("/", "-"))
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def time_unreadable(value: Any) -> bool:
    """A time field that holds something, but nothing ``parse_time`` can read."""
    return value not in (None, "") and parse_time(value) is None


def _from_epoch(number: float) -> datetime | None:
    # Ten digits are seconds until the year 2286; thirteen are milliseconds.
    seconds = number / 1000 if abs(number) >= _EPOCH_MS_THRESHOLD else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def admits_every_address(entry: Any) -> bool:
    """True for an allow-list entry that lets every address in, IPv4 or IPv6.

    Alibaba's allow lists write it ``0.0.0.0/0``, ``0.0.0.0``, ``::/0``, ``0::0/0``
    or ``*``; any spelling of a network with a zero-length prefix counts.
    """
    text = str(entry or "").strip()
    if text in _EVERY_ADDRESS_WORDS:
        return True
    try:
        return ipaddress.ip_network(text, strict=False).prefixlen == 0
    except ValueError:
        return False
