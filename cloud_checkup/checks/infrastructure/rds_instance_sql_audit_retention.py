"""RDS SQL audit logs are kept for more than six months."""

from __future__ import annotations

from .._details import read_detail
from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check
from ._rds import CONSOLE, audit_enabled, instance_findings

_MIN_DAYS = 180


@check(
    id="rds-instance-sql-audit-retention",
    title="RDS SQL audit logs are kept for at least 180 days",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "For instances with SQL audit on, reads the audit log retention "
        "(DescribeSQLCollectorRetention ConfigValue, in days) and flags retention "
        "below 180 days."
    ),
    risk=(
        "Intrusions are often found months later; by then short-lived audit logs "
        "are gone."
    ),
    remediation=Remediation(
        steps=(
            "In SQL Explorer and Audit, open the service settings and set the "
            "storage duration to 180 days or more.",
        ),
        console_path=(*CONSOLE, "Autonomy Services", "SQL Explorer and Audit"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/use-the-sql-explorer-and-audit-feature",
        command="aliyun rds DescribeSQLCollectorRetention --DBInstanceId <instance>",
    ),
    needs=(
        "rds.instances",
        "rds.sql_collector_policies",
        "rds.sql_collector_retention",
    ),
    references=("CIS 2.0.0 6.4", "Cloud Config rds-instance-sql-collector-retention"),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    def audited(instance):
        policy = read_detail(
            inventory, "rds.sql_collector_policies", instance["DBInstanceId"]
        )
        # An unreadable policy lets the retention read decide, so that the item
        # can never pass on data it could not read.
        return policy.unreadable or audit_enabled(policy.record)

    return instance_findings(
        inventory,
        "rds.sql_collector_retention",
        "the SQL audit retention",
        _verdict,
        include=audited,
    )


def _verdict(instance_id, instance, retention, where):
    if retention is None:
        return None
    days = as_int(retention.get("ConfigValue"))
    if days is None:
        return Finding.unknown(instance_id, "The retention was not returned", **where)
    if days < _MIN_DAYS:
        return Finding.failed(instance_id, f"Audit logs kept {days} days", **where)
    return Finding.passed(instance_id, f"Audit logs kept {days} days", **where)
