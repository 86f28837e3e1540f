"""RDS instances record SQL statements (SQL audit)."""

from __future__ import annotations

from .._details import not_returned
from ..base import Category, Finding, Remediation, Severity, check
from ._rds import CONSOLE, audit_enabled, instance_findings


@check(
    id="rds-instance-sql-audit-enabled",
    title="RDS instances have SQL audit (SQL Explorer) enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each instance's SQL collector policy and flags instances whose SQL "
        "audit is off."
    ),
    risk=(
        "Without SQL audit nobody can tell which statements read or changed the "
        "data, for an investigation or a compliance audit."
    ),
    remediation=Remediation(
        steps=(
            "Open the instance's SQL Explorer and Audit page and turn on SQL "
            "Explorer (audit) with a retention period of at least 180 days.",
        ),
        console_path=(*CONSOLE, "Autonomy Services", "SQL Explorer and Audit"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/use-the-sql-explorer-and-audit-feature",
        command="aliyun rds DescribeSQLCollectorPolicy --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.sql_collector_policies"),
    references=("CIS 2.0.0 6.3", "Cloud Config rds-instance-enabled-auditing"),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    return instance_findings(
        inventory, "rds.sql_collector_policies", "the SQL audit policy", _verdict
    )


def _verdict(instance_id, instance, policy, where):
    if policy is None:
        return None
    status = policy.get("SQLCollectorStatus")
    if not status:
        return not_returned(instance_id, "SQLCollectorStatus", **where)
    if audit_enabled(policy):
        return Finding.passed(instance_id, "SQL audit is on", **where)
    return Finding.failed(instance_id, f"SQL audit is {status}", **where)
