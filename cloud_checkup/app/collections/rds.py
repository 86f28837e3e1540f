"""ApsaraDB RDS (rds 2014-08-15): instances, IP whitelists, backups and renewal."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "rds.instances"

COLLECTIONS = [
    ListCollection(
        name=_INSTANCES,
        product="rds",
        action="DescribeDBInstances",
        items="Items.DBInstance",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        # Regions served by the central host return the same instances.
        id_field="DBInstanceId",
    ),
    DetailCollection(
        name="rds.instance_ip_arrays",
        product="rds",
        action="DescribeDBInstanceIPArrayList",
        parent=_INSTANCES,
        param="DBInstanceId",
        parent_field="DBInstanceId",
        items="Items",
        unsupported_codes=("InstanceEngineType.NotSupport",),
    ),
    DetailCollection(
        name="rds.backup_policies",
        product="rds",
        action="DescribeBackupPolicy",
        parent=_INSTANCES,
        param="DBInstanceId",
        parent_field="DBInstanceId",
        items=None,
        unsupported_codes=("InstanceEngineType.NotSupport",),
    ),
    DetailCollection(
        name="rds.instance_auto_renewal",
        product="rds",
        action="DescribeInstanceAutoRenewalAttribute",
        parent=_INSTANCES,
        param="DBInstanceId",
        parent_field="DBInstanceId",
        items="Items",
    ),
]
