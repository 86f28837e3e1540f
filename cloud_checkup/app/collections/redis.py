"""ApsaraDB for Redis / Tair (r-kvstore 2015-01-01): instances, their attributes, and
the access, encryption, audit and backup settings of each."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "redis.instances"
_GONE = ("InvalidInstanceId.NotFound",)
# Answered for an engine version without the feature (SSL on some Redis versions).
_ENGINE_CODES = ("IncorrectEngineVersion",)


def _per_instance(
    name: str, action: str, unsupported_codes: tuple[str, ...] = ()
) -> DetailCollection:
    return DetailCollection(
        name=name,
        product="r-kvstore",
        action=action,
        parent=_INSTANCES,
        param="InstanceId",
        parent_field="InstanceId",
        absent_codes=_GONE,
        unsupported_codes=unsupported_codes,
    )


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
    # The body is kept whole: Instances.DBInstanceAttribute is a list of one.
    _per_instance("redis.instance_attributes", "DescribeInstanceAttribute"),
    _per_instance("redis.security_ips", "DescribeSecurityIps"),
    _per_instance("redis.net_info", "DescribeDBInstanceNetInfo"),
    _per_instance("redis.ssl", "DescribeInstanceSSL", _ENGINE_CODES),
    _per_instance("redis.tde", "DescribeInstanceTDEStatus", _ENGINE_CODES),
    _per_instance("redis.audit_log_config", "DescribeAuditLogConfig", _ENGINE_CODES),
    _per_instance("redis.backup_policies", "DescribeBackupPolicy"),
]
