"""PolarDB clusters record the SQL run on them (SQL Explorer and Audit)."""

from __future__ import annotations

from .._databases import POLARDB, switch_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="polardb-cluster-audit-log-enabled",
    title="PolarDB clusters have SQL audit (SQL Explorer) enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the SQL collector of each PolarDB cluster "
        "(DescribeDBClusterAuditLogCollector: CollectorStatus, Enable or Disabled) "
        "and flags clusters whose SQL collection, the source of audit logs and SQL "
        "Explorer, is disabled."
    ),
    risk=(
        "Without SQL audit nobody can tell which statements read or changed the "
        "data, for an investigation or a compliance audit."
    ),
    remediation=Remediation(
        steps=(
            "Open the cluster's SQL Explorer and Audit page and turn on SQL "
            "Explorer and Audit with a retention period that meets your audit "
            "requirements.",
        ),
        console_path=(*POLARDB.console, "Logs and Audit", "SQL Explorer and Audit"),
        doc_url="https://www.alibabacloud.com/help/en/polardb/latest/sql-explorer",
        command=(
            "aliyun polardb DescribeDBClusterAuditLogCollector --DBClusterId <cluster>"
        ),
    ),
    needs=("polardb.clusters", "polardb.audit_log_collectors"),
    references=("Cloud Config polardb-cluster-enabled-auditing",),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    return switch_findings(
        inventory,
        POLARDB,
        "polardb.audit_log_collectors",
        "CollectorStatus",
        "SQL audit",
    )
