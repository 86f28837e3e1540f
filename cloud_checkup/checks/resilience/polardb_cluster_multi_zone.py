"""PolarDB clusters have nodes in more than one zone."""

from __future__ import annotations

from .._fields import as_list, dig
from .._resilience import zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="polardb-cluster-multi-zone",
    title="PolarDB clusters have nodes in at least two zones",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each PolarDB cluster's zones and the zones of its nodes, and flags "
        "clusters whose nodes all run in one zone."
    ),
    risk=(
        "If the primary and every read-only node share a zone, a zone outage stops "
        "the database until the zone recovers."
    ),
    remediation=Remediation(
        steps=(
            "Add a read-only node in a second zone, or change the cluster's secondary "
            "zone, so that failover can move to another zone.",
        ),
        console_path=("PolarDB", "Clusters", "<cluster>", "Basic Information"),
        doc_url="https://www.alibabacloud.com/help/en/polardb/polardb-for-mysql/user-guide/multi-zone-deployment-and-changing-the-primary-zone",
        command="aliyun polardb DescribeDBClusterAttribute --DBClusterId <cluster>",
    ),
    needs=("polardb.clusters",),
    references=("Cloud Config polardb-cluster-multi-zone",),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    for cluster in inventory.records("polardb.clusters"):
        cluster_id = cluster["DBClusterId"]
        where = {"region": cluster.region, "name": cluster.get("DBClusterDescription")}
        nodes = as_list(dig(cluster, "DBNodes.DBNode"))
        found = zones([cluster.get("ZoneId"), *(n.get("ZoneId") for n in nodes)])
        if len(found) >= 2:
            yield Finding.passed(cluster_id, f"Zones {zone_words(found)}", **where)
        elif found:
            yield Finding.failed(
                cluster_id, f"All nodes in {zone_words(found)}", **where
            )
        else:
            yield Finding.unknown(cluster_id, "No zone was returned", **where)
