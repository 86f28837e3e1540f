"""RDS instances encrypt client connections with SSL."""

from __future__ import annotations

from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check
from ._rds import CONSOLE, instance_findings


@check(
    id="rds-instance-ssl-enabled",
    title="RDS instances have SSL encryption enabled for connections",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each instance's SSL settings and flags instances whose SSL "
        "encryption is off (SSLEnabled No/off). Engines without SSL are skipped."
    ),
    risk=(
        "Without SSL, queries, results and database passwords cross the network in "
        "clear text."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Data Security page, turn on SSL encryption.",
            "Configure clients to require SSL and verify the server certificate.",
        ),
        console_path=(*CONSOLE, "Data Security", "SSL"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-ssl-encryption-for-an-apsaradb-rds-for-mysql-instance",
        command="aliyun rds DescribeDBInstanceSSL --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.instance_ssl"),
    references=("CIS 2.0.0 6.1", "Cloud Config rds-instance-enabled-ssl"),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    return instance_findings(
        inventory, "rds.instance_ssl", "the SSL settings", _verdict
    )


def _verdict(instance_id, instance, ssl, where):
    if ssl is None:
        return None
    enabled = as_bool(ssl.get("SSLEnabled"))
    if enabled is None:
        return Finding.unknown(instance_id, "SSLEnabled was not returned", **where)
    if enabled or as_bool(ssl.get("ForceEncryption")):
        return Finding.passed(instance_id, "SSL encryption is on", **where)
    return Finding.failed(instance_id, "SSL encryption is off", **where)
