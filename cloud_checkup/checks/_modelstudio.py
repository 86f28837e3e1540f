"""Shared reading of Model Studio API keys: which keys a region listed, whether the
list was whole, and the keyword arguments of a finding on one key.

Only key metadata is read; ``apiKeyValue`` is never touched, so no finding can carry it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ._fields import as_int, as_list
from .base import Finding, Inventory, Record

API_KEYS = "modelstudio.api_keys"
API_KEY_TYPE = "ACS::ModelStudio::ApiKey"

Verdict = Callable[[Mapping[str, Any], str, dict[str, Any]], Finding]


def key_findings(inventory: Inventory, verdict: Verdict) -> Iterator[Finding]:
    """``verdict`` on every active API key, region by region, and a not-checked
    finding for each region whose answer held only part of its keys."""
    for record in inventory.records(API_KEYS):
        keys = [key for key in as_list(record.get("apiKeys")) if is_mapping(key)]
        for key in keys:
            if is_active(key):
                yield verdict(key, key_id(key), where(record, key))
        if not listed_fully(record, keys):
            yield Finding.unknown(
                f"modelstudio-api-keys/{record.region}",
                "Only the first page of API keys was returned; the others were not "
                "read",
                region=record.region,
                resource_type=API_KEY_TYPE,
            )


def is_mapping(value: Any) -> bool:
    return isinstance(value, Mapping)


def is_active(key: Mapping[str, Any]) -> bool:
    """False only for a key the API marks disabled (1); a key whose state is absent
    or unreadable may be in use, so it is judged."""
    return as_int(key.get("disabled")) != 1


def key_id(key: Mapping[str, Any]) -> str:
    return str(key.get("apiKeyId") or "")


def where(record: Record, key: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a finding on ``key``: its region, its description
    as the name (the key's value is never shown), and the resource type."""
    return {
        "region": record.region,
        "name": key.get("description") or key.get("workspaceName"),
        "resource_type": API_KEY_TYPE,
    }


def listed_fully(record: Record, keys: list[Any]) -> bool:
    """Whether the answer held every key: no next page token, and no total count
    (which may arrive as a string) larger than what was listed."""
    if str(record.get("nextToken") or "").strip():
        return False
    total = as_int(record.get("totalCount"))
    return total is None or total <= len(keys)


def permission_settings(key: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The key's ``auth`` settings, or None when the answer left them out."""
    auth = key.get("auth")
    return auth if isinstance(auth, Mapping) else None
