"""AnalyticDB for PostgreSQL instances encrypt connections with SSL."""

from __future__ import annotations

from .._ai import detail_or_unknown, where
from .._fields import as_bool
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::GPDB::DBInstance"


@check(
    id="gpdb-instance-ssl-enabled",
    title="AnalyticDB for PostgreSQL vector databases have SSL enabled",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description="Flags AnalyticDB for PostgreSQL instances with SSL encryption off.",
    risk=(
        "Without SSL, queries, embeddings and the documents returned to the AI "
        "application cross the network in the clear."
    ),
    remediation=Remediation(
        steps=("Enable SSL encryption for the instance and connect with sslmode.",),
        console_path=(
            "AnalyticDB for PostgreSQL",
            "Instances",
            "<instance>",
            "Data Security",
            "SSL",
        ),
        doc_url="https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/user-guide/configure-ssl-encryption",
        command="aliyun gpdb DescribeDBInstanceSSL --DBInstanceId <id>",
    ),
    needs=("gpdb.instances", "gpdb.ssl"),
    references=(
        "Cloud Config platform security best practices (encryption in transit)",
    ),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("gpdb.instances"):
        instance_id = instance["DBInstanceId"]
        kw = where(instance, "DBInstanceDescription", _TYPE)
        ssl, unknown = detail_or_unknown(
            inventory, "gpdb.ssl", instance_id, "the SSL setting", **kw
        )
        if unknown or ssl is None:
            if unknown:
                yield unknown
            continue
        enabled = as_bool(ssl.get("SSLEnabled"))
        if enabled is None:
            yield Finding.unknown(instance_id, "The SSL setting was not returned", **kw)
        elif enabled:
            yield Finding.passed(instance_id, "SSL enabled", **kw)
        else:
            yield Finding.failed(instance_id, "SSL disabled", **kw)
