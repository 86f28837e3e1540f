"""PolarDB (polardb 2017-08-01): clusters with their nodes, zones and deletion lock."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="polardb.clusters",
        product="polardb",
        action="DescribeDBClusters",
        items="Items.DBCluster",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        # Regions served by the central host return the same clusters.
        id_field="DBClusterId",
    ),
]
