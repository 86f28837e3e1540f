"""Reading CloudMonitor alarm rules: which resources a rule watches, whom it tells."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._fields import as_bool

ALL_RESOURCES = "_ALL"


def is_enabled(rule: Mapping[str, Any]) -> bool:
    return bool(as_bool(rule.get("EnableState")))


def watched_resources(rule: Mapping[str, Any]) -> set[str] | None:
    """The instance ids a rule watches, ``{"_ALL"}`` for every instance.

    ``Resources`` is JSON inside a string: ``[{"instanceId":"i-1"}]`` or
    ``[{"resource":"_ALL"}]``. None when it cannot be read.
    """
    raw = rule.get("Resources")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else []
        except ValueError:
            return None
    if not isinstance(raw, list):
        return None
    found: set[str] = set()
    for entry in raw:
        if not isinstance(entry, Mapping):
            continue
        if entry.get("resource") == ALL_RESOURCES:
            found.add(ALL_RESOURCES)
        instance_id = entry.get("instanceId") or entry.get("InstanceId")
        if instance_id:
            found.add(str(instance_id))
    return found


def contact_group_names(rule: Mapping[str, Any]) -> list[str]:
    """The contact groups a rule notifies (``ContactGroups`` is comma-separated)."""
    raw = rule.get("ContactGroups") or ""
    return [name.strip() for name in str(raw).split(",") if name.strip()]
