"""MongoDB instances keep an audit log of the operations run on them."""

from __future__ import annotations

from .._databases import MONGODB, switch_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="mongodb-instance-audit-log-enabled",
    title="MongoDB instances have the audit log enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Reads the audit policy of each ApsaraDB for MongoDB instance "
        "(DescribeAuditPolicy: LogAuditStatus, Enable or Disabled) and flags "
        "instances whose audit log is disabled."
    ),
    risk=(
        "Without an audit log nobody can tell who read, changed or dropped which "
        "collection, for an investigation or a compliance audit."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Audit Logs page, turn on the audit log (it is billed "
            "by Simple Log Service) and choose a retention period.",
        ),
        console_path=(*MONGODB.console, "Data Security", "Audit Logs"),
        doc_url="https://help.aliyun.com/en/mongodb/user-guide/enable-the-audit-log-feature-1",
        command="aliyun dds DescribeAuditPolicy --DBInstanceId <instance>",
    ),
    needs=("mongodb.instances", "mongodb.audit_policies"),
    references=("Cloud Config mongodb-instance-log-audit",),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    return switch_findings(
        inventory, MONGODB, "mongodb.audit_policies", "LogAuditStatus", "audit log"
    )
