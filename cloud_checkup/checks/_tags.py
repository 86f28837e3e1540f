"""Reading a resource's tags, for standby markers and exceptions by tag."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._fields import as_list, dig

Tags = tuple[tuple[str, str], ...]


def resource_tags(record: Mapping[str, Any]) -> Tags:
    """The ``(key, value)`` tags of a resource, keys and values as given.

    Reads ECS-style ``Tags.Tag: [{TagKey, TagValue}]`` and the plain ``Tags:
    [{Key, Value}]`` form other products use; entries without a key are dropped.
    """
    raw = record.get("Tags")
    entries = dig(raw, "Tag") if isinstance(raw, Mapping) else raw
    tags = []
    for entry in as_list(entries):
        if not isinstance(entry, Mapping):
            continue
        key = _spelled(entry, "TagKey", "Key")
        value = _spelled(entry, "TagValue", "Value")
        if key:
            tags.append((str(key), "" if value is None else str(value)))
    return tuple(tags)


def _spelled(entry: Mapping[str, Any], *names: str) -> Any:
    """The value under the first of ``names`` the entry has: a tag is spelled one
    way per product, and the other spelling is not read at all."""
    for name in names:
        if name in entry:
            return entry[name]
    return None


def tag_matching(
    tags: Tags, keys: frozenset[str], values: frozenset[str]
) -> str | None:
    """``key=value`` of the first tag whose key and value (any case) are listed."""
    for key, value in tags:
        if key.lower() in keys and value.lower() in values:
            return f"{key}={value}"
    return None
