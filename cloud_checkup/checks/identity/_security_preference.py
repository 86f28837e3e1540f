"""One setting of the RAM security preference, read the same way by several items."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .._fields import dig
from ..base import Finding, Inventory

RESOURCE = "security-preference"


def preference_findings(
    inventory: Inventory, path: str, verdict: Callable[[Any], Finding]
) -> Iterable[Finding]:
    """The verdict on the value at ``path`` of ``GetSecurityPreference``."""
    for record in inventory.records("ram.security_preference"):
        value = dig(record, path)
        if value is None:
            yield Finding.unknown(RESOURCE, f"The preference did not include {path}")
        else:
            yield verdict(value)
