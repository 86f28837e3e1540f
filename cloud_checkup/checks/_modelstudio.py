"""Shared reading of Model Studio API keys: which keys are active, and the keyword
arguments of a finding on one key.

Only key metadata is read; ``apiKeyValue`` is never touched, so no finding can carry it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ._fields import as_int
from .base import Assets, Finding, Inventory, Record

API_KEYS = "modelstudio.api_keys"
API_KEY_TYPE = "ACS::ModelStudio::ApiKey"

Verdict = Callable[[Mapping[str, Any], str, dict[str, Any]], Finding]


def key_findings(inventory: Inventory, verdict: Verdict) -> Iterator[Finding]:
    """``verdict`` on every active API key of every region."""
    for key in ACTIVE_KEYS.records(inventory):
        yield verdict(key, key_id(key), where(key))


def is_active(key: Mapping[str, Any]) -> bool:
    """False only for a key the API marks disabled (1); a key whose state is absent
    or unreadable may be in use, so it is judged."""
    return as_int(key.get("disabled")) != 1


ACTIVE_KEYS = Assets(API_KEYS, is_active)


def key_id(key: Mapping[str, Any]) -> str:
    return str(key.get("apiKeyId") or "")


def where(key: Record) -> dict[str, Any]:
    """The keyword arguments of a finding on ``key``: its region, its description
    as the name (the key's value is never shown), and the resource type."""
    return {
        "region": key.region,
        "name": key.get("description") or key.get("workspaceName"),
        "resource_type": API_KEY_TYPE,
    }


def permission_settings(key: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The key's ``auth`` settings, or None when the answer left them out."""
    auth = key.get("auth")
    return auth if isinstance(auth, Mapping) else None
