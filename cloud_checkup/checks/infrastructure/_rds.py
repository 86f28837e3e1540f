"""Per-instance RDS reads: one finding per instance, engines without the feature
skipped (``InstanceEngineType.NotSupport``) without affecting the others."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._resources import detail_findings
from ..base import Finding, Inventory, Record

CONSOLE = ("ApsaraDB RDS", "Instances", "<instance>")


def where(instance: Record) -> dict[str, Any]:
    return {"region": instance.region, "name": instance.get("DBInstanceDescription")}


def instance_findings(
    inventory: Inventory,
    collection: str,
    what: str,
    verdict: Callable[[str, Record, Mapping[str, Any] | None, dict], Finding | None],
    include: Callable[[Record], bool] = lambda instance: True,
) -> Iterable[Finding]:
    return detail_findings(
        inventory,
        "rds.instances",
        collection,
        id_field="DBInstanceId",
        what=what,
        verdict=verdict,
        where=where,
        include=include,
    )


def audit_enabled(policy: Mapping[str, Any] | None) -> bool:
    """SQL audit (SQL Explorer) is on: ``SQLCollectorStatus`` Enable."""
    status = str((policy or {}).get("SQLCollectorStatus") or "").lower()
    return status.startswith("enable")
