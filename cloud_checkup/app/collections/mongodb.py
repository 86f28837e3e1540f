"""ApsaraDB for MongoDB (dds 2015-12-01): replica set and sharded cluster instances,
their attributes, and the access, encryption, audit and backup settings of each."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "mongodb.instances"


def _per_instance(name: str, action: str, **kind: str) -> DetailCollection:
    return DetailCollection(
        name=name,
        product="dds",
        action=action,
        parent=_INSTANCES,
        param="DBInstanceId",
        parent_field="DBInstanceId",
        absent_codes=("InvalidDBInstanceId.NotFound",),
        only=kind,
    )


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
    # The body is kept whole: DBInstances.DBInstance is a list of one.
    _per_instance("mongodb.instance_attributes", "DescribeDBInstanceAttribute"),
    _per_instance("mongodb.security_ips", "DescribeSecurityIps"),
    # Endpoints: one action for replica sets (and standalone instances), another
    # for sharded clusters; each answers only for its own kind.
    _per_instance(
        "mongodb.replica_set_roles",
        "DescribeReplicaSetRole",
        DBInstanceType="replicate",
    ),
    _per_instance(
        "mongodb.sharding_network_addresses",
        "DescribeShardingNetworkAddress",
        DBInstanceType="sharding",
    ),
    _per_instance("mongodb.ssl", "DescribeDBInstanceSSL"),
    _per_instance("mongodb.tde", "DescribeDBInstanceTDEInfo"),
    _per_instance("mongodb.audit_policies", "DescribeAuditPolicy"),
    _per_instance("mongodb.backup_policies", "DescribeBackupPolicy"),
]
