"""ApsaraDB for Redis / Tair (r-kvstore 2015-01-01): instances and their attributes."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "redis.instances"

COLLECTIONS = [
    ListCollection(
        name=_INSTANCES,
        product="r-kvstore",
        action="DescribeInstances",
        items="Instances.KVStoreInstance",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        # Regions served by the central host return the same instances.
        id_field="InstanceId",
    ),
    DetailCollection(
        # The body is kept whole: Instances.DBInstanceAttribute is a list of one.
        name="redis.instance_attributes",
        product="r-kvstore",
        action="DescribeInstanceAttribute",
        parent=_INSTANCES,
        param="InstanceId",
        parent_field="InstanceId",
        items=None,
        absent_codes=("InvalidInstanceId.NotFound",),
    ),
]
