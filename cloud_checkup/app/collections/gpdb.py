"""AnalyticDB for PostgreSQL (gpdb 2016-05-03): instances used as vector databases,
with their whitelists, endpoints and SSL."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "gpdb.instances"


def _per_instance(name: str, action: str, items: str | None) -> DetailCollection:
    return DetailCollection(
        name=name,
        product="gpdb",
        action=action,
        parent=_INSTANCES,
        param="DBInstanceId",
        parent_field="DBInstanceId",
        items=items,
        absent_codes=("InvalidDBInstanceId.NotFound",),
    )


COLLECTIONS = [
    ListCollection(
        name=_INSTANCES,
        product="gpdb",
        action="DescribeDBInstances",
        items="Items.DBInstance",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="DBInstanceId",
    ),
    _per_instance("gpdb.ip_arrays", "DescribeDBInstanceIPArrayList", "Items"),
    _per_instance("gpdb.net_info", "DescribeDBInstanceNetInfo", "DBInstanceNetInfos"),
    _per_instance("gpdb.ssl", "DescribeDBInstanceSSL", None),
]
