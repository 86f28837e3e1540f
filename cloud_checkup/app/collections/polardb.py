"""PolarDB (polardb 2017-08-01): clusters with their nodes, zones and deletion lock,
and the access, encryption, audit and backup settings of each."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_CLUSTERS = "polardb.clusters"


def _per_cluster(name: str, action: str) -> DetailCollection:
    return DetailCollection(
        name=name,
        product="polardb",
        action=action,
        parent=_CLUSTERS,
        param="DBClusterId",
        parent_field="DBClusterId",
        absent_codes=("InvalidDBClusterId.NotFound",),
    )


COLLECTIONS = [
    ListCollection(
        name=_CLUSTERS,
        product="polardb",
        action="DescribeDBClusters",
        items="Items.DBCluster",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        # Regions served by the central host return the same clusters.
        id_field="DBClusterId",
    ),
    _per_cluster("polardb.access_whitelists", "DescribeDBClusterAccessWhitelist"),
    _per_cluster("polardb.endpoints", "DescribeDBClusterEndpoints"),
    _per_cluster("polardb.ssl", "DescribeDBClusterSSL"),
    _per_cluster("polardb.tde", "DescribeDBClusterTDE"),
    _per_cluster("polardb.audit_log_collectors", "DescribeDBClusterAuditLogCollector"),
    _per_cluster("polardb.backup_policies", "DescribeBackupPolicy"),
]
