"""RDS instances encrypt their data files with TDE."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check
from ._rds import CONSOLE, instance_findings


@check(
    id="rds-instance-tde-enabled",
    title="RDS instances have transparent data encryption (TDE) enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each instance's TDE status and flags instances where TDE is "
        "Disabled. Engines without TDE are skipped."
    ),
    risk=(
        "Unencrypted data files and backups expose the database to anyone who gets "
        "a copy of the storage."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Data Security page, turn on TDE, preferably with "
            "your own KMS key.",
            "TDE cannot be turned off again: test the application first.",
        ),
        console_path=(*CONSOLE, "Data Security", "TDE"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-tde-for-an-apsaradb-rds-for-mysql-instance",
        command="aliyun rds DescribeDBInstanceTDE --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.instance_tde"),
    references=("CIS 2.0.0 6.5", "Cloud Config rds-instance-enabled-tde"),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    return instance_findings(inventory, "rds.instance_tde", "the TDE status", _verdict)


def _verdict(instance_id, instance, tde, where):
    if tde is None:
        return None
    status = str(tde.get("TDEStatus") or "")
    if not status:
        return Finding.unknown(instance_id, "TDEStatus was not returned", **where)
    if status.lower() == "enabled":
        return Finding.passed(instance_id, "TDE is enabled", **where)
    return Finding.failed(instance_id, f"TDE is {status}", **where)
