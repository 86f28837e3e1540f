"""Reading each Elasticsearch cluster's description, for the Elasticsearch items."""

from __future__ import annotations

from collections.abc import Iterable

from .._ai import detail_or_unknown
from ..base import Finding, Inventory, Record

CLUSTER_TYPE = "ACS::Elasticsearch::Instance"


def described_clusters(
    inventory: Inventory,
) -> Iterable[tuple[str, dict, Record | None, Finding | None]]:
    """(instance id, finding keywords, description or None, NOT_CHECKED finding)."""
    for cluster in inventory.records("elasticsearch.instances"):
        instance_id = str(cluster["instanceId"])
        kw = {
            "region": cluster.region,
            "name": cluster.get("description"),
            "resource_type": CLUSTER_TYPE,
        }
        detail, unknown = detail_or_unknown(
            inventory,
            "elasticsearch.instance_details",
            instance_id,
            "the cluster description",
            **kw,
        )
        yield instance_id, kw, detail, unknown
