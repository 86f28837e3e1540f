"""Reading ACK clusters: JSON-in-string fields, add-ons and per-cluster reads.

``DescribeClustersV1`` returns ``master_url`` and ``meta_data`` as JSON inside a
string; add-ons, node pools and cluster checks come from one ROA read per cluster.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ._fields import as_list
from ._resources import detail_findings
from .base import Finding, Inventory, Record

CLUSTERS = "cs.clusters"


def json_field(record: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    """A field holding a JSON object in a string; None when absent or unreadable."""
    value = record.get(name)
    if isinstance(value, Mapping):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, Mapping) else None


def where(cluster: Record) -> dict[str, Any]:
    # ACK names the region in snake case, which the collector does not look for.
    region = cluster.get("region_id") or cluster.region
    return {"region": region, "name": cluster.get("name")}


def addon_names(addons: Iterable[Mapping[str, Any]] | None) -> set[str]:
    """Names of the installed add-ons (``ListClusterAddonInstances``)."""
    return {
        str(a.get("name", "")).strip().lower()
        for a in addons or ()
        if isinstance(a, Mapping)
    }


def cluster_findings(
    inventory: Inventory,
    collection: str,
    what: str,
    verdict: Callable[[str, Record, Any, dict[str, Any]], Finding | None],
) -> Iterable[Finding]:
    """One finding per cluster from its per-cluster read in ``collection``."""
    return detail_findings(
        inventory,
        CLUSTERS,
        collection,
        id_field="cluster_id",
        what=what,
        verdict=verdict,
        where=where,
    )


def addon_findings(
    inventory: Inventory, verdict: Callable[[set[str]], tuple[bool, str]]
) -> Iterable[Finding]:
    """One finding per cluster from the names of its add-ons."""

    def decide(cluster_id, cluster, addons, place):
        ok, text = verdict(addon_names(as_list((addons or {}).get("addons"))))
        status = Finding.passed if ok else Finding.failed
        return status(cluster_id, text, **place)

    return cluster_findings(inventory, "cs.cluster_addons", "the add-ons", decide)
