"""ApsaraDB for MongoDB (dds 2015-12-01): instances and their attributes."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "mongodb.instances"

COLLECTIONS = [
    ListCollection(
        name=_INSTANCES,
        product="dds",
        action="DescribeDBInstances",
        items="DBInstances.DBInstance",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        # Regions served by the central host return the same instances.
        id_field="DBInstanceId",
        # Without DBInstanceType the action lists replica sets and standalone
        # instances only; sharded clusters are listed when asked for.
        variants=({"DBInstanceType": "replicate"}, {"DBInstanceType": "sharding"}),
    ),
    DetailCollection(
        # The body is kept whole: DBInstances.DBInstance is a list of one.
        name="mongodb.instance_attributes",
        product="dds",
        action="DescribeDBInstanceAttribute",
        parent=_INSTANCES,
        param="DBInstanceId",
        parent_field="DBInstanceId",
        items=None,
        absent_codes=("InvalidDBInstanceId.NotFound",),
    ),
]
