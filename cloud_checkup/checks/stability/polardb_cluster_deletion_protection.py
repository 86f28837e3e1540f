"""Pay-as-you-go PolarDB clusters are locked against deletion."""

from __future__ import annotations

from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="polardb-cluster-deletion-protection",
    title="Pay-as-you-go PolarDB clusters have deletion protection enabled",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Flags pay-as-you-go PolarDB clusters whose deletion lock is off "
        "(DeletionLock 0). Subscription clusters are not evaluated."
    ),
    risk=(
        "A mistaken delete removes the cluster and, by default, its backups with "
        "it: the data cannot be recovered."
    ),
    remediation=Remediation(
        steps=(
            "Enable cluster deletion protection in the cluster's basic information.",
        ),
        console_path=("PolarDB", "Clusters", "<cluster>", "Basic Information"),
        doc_url="https://www.alibabacloud.com/help/en/polardb/polardb-for-mysql/user-guide/enable-cluster-deletion-protection",
        command="aliyun polardb DescribeDBClusters --RegionId <region>",
    ),
    needs=("polardb.clusters",),
    references=("Cloud Config polardb-cluster-delete-protection-enabled",),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    for cluster in inventory.records("polardb.clusters"):
        if str(cluster.get("PayType", "")).lower() != "postpaid":
            continue
        cluster_id = cluster["DBClusterId"]
        where = {"region": cluster.region, "name": cluster.get("DBClusterDescription")}
        # DeletionLock is a number (0 or 1), sometimes sent as a string.
        lock = as_int(cluster.get("DeletionLock"))
        if lock is None:
            yield Finding.unknown(
                cluster_id, "The deletion lock was not returned", **where
            )
        elif lock:
            yield Finding.passed(cluster_id, "Deletion protection on", **where)
        else:
            yield Finding.failed(cluster_id, "Deletion protection off", **where)
