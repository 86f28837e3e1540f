"""The least-privilege RAM policy for a selection of check items."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cloud_checkup.checks.base import Check

from .cloud.readonly import is_read
from .engine import required_actions

# Read once per scan to name the account; not tied to any one item.
ALWAYS_NEEDED = ("ram:GetAccountAlias",)


def ram_policy(checks: Iterable[Check]) -> dict[str, Any]:
    """A RAM policy document allowing exactly the read actions the checks need."""
    actions = sorted(set(required_actions(checks)) | set(ALWAYS_NEEDED))
    writes = [a for a in actions if not is_read(*a.split(":", 1))]
    if writes:
        raise ValueError(f"the policy would grant non-read actions: {writes}")
    return {
        "Version": "1",
        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}],
    }
