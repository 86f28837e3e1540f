"""Container Service for Kubernetes (cs 2015-12-15, ROA): ACK clusters, their
add-ons, node pools, cluster checks and the kubeconfigs issued for them.

The per-cluster answers are kept whole: their lists (``addons``, ``nodepools``,
``checks``) sit at the top of the body. Kubeconfig states are paged (at most 50 a
page), so each state becomes a record of its own.
"""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_CLUSTERS = "cs.clusters"

COLLECTIONS = [
    # master_url and meta_data arrive as JSON inside strings.
    ListCollection(
        name=_CLUSTERS,
        product="cs",
        action="DescribeClustersV1",
        path="/api/v1/clusters",
        items="clusters",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        page_param="page_number",
        size_param="page_size",
        id_field="cluster_id",
    ),
    DetailCollection(
        name="cs.cluster_addons",
        product="cs",
        action="ListClusterAddonInstances",
        parent=_CLUSTERS,
        param="cluster_id",
        parent_field="cluster_id",
        path="/clusters/{cluster_id}/addon_instances",
        items=None,
        absent_codes=("ErrorClusterNotFound",),
    ),
    DetailCollection(
        name="cs.cluster_node_pools",
        product="cs",
        action="DescribeClusterNodePools",
        parent=_CLUSTERS,
        param="cluster_id",
        parent_field="cluster_id",
        path="/clusters/{cluster_id}/nodepools",
        items=None,
        absent_codes=("ErrorClusterNotFound",),
    ),
    DetailCollection(
        name="cs.cluster_checks",
        product="cs",
        action="ListClusterChecks",
        parent=_CLUSTERS,
        param="cluster_id",
        parent_field="cluster_id",
        path="/clusters/{cluster_id}/checks",
        items=None,
        absent_codes=("ErrorClusterNotFound",),
    ),
    DetailCollection(
        # The certificates' states only: the kubeconfigs themselves are never read.
        # The API reference says the call also needs ram:ListUsers and ram:ListRoles
        # (to tell deleted and frozen accounts apart).
        name="cs.cluster_kubeconfig_states",
        product="cs",
        action="ListClusterKubeconfigStates",
        also_authorized=("ram:ListUsers", "ram:ListRoles"),
        parent=_CLUSTERS,
        param="cluster_id",
        parent_field="cluster_id",
        path="/clusters/{cluster_id}/kubeconfig/states",
        items="states",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        page_param="pageNumber",
        size_param="pageSize",
        absent_codes=("ErrorClusterNotFound",),
    ),
]
