"""ApsaraDB RDS (rds 2014-08-15): per-instance SSL, TDE, SQL audit and parameters."""

from __future__ import annotations

from .base import DetailCollection

_INSTANCES = "rds.instances"
# Engines without the feature answer these codes; only that instance is affected.
_ENGINE_CODES = (
    "InstanceEngineType.NotSupport",
    "InvaildEngineInRegion.ValueNotSupported",
    "UnsupportedEngine",
)


def _per_instance(name: str, action: str, items: str | None = None) -> DetailCollection:
    return DetailCollection(
        name=name,
        product="rds",
        action=action,
        parent=_INSTANCES,
        param="DBInstanceId",
        parent_field="DBInstanceId",
        items=items,
        unsupported_codes=_ENGINE_CODES,
    )


COLLECTIONS = [
    _per_instance("rds.instance_ssl", "DescribeDBInstanceSSL"),
    _per_instance("rds.instance_tde", "DescribeDBInstanceTDE"),
    _per_instance("rds.sql_collector_policies", "DescribeSQLCollectorPolicy"),
    _per_instance("rds.sql_collector_retention", "DescribeSQLCollectorRetention"),
    _per_instance("rds.instance_parameters", "DescribeParameters"),
]
