"""Redis (Tair) instances keep an audit log of the commands run on them."""

from __future__ import annotations

from .._databases import REDIS, switch_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="redis-instance-audit-log-enabled",
    title="Redis instances have the audit log enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Reads the audit log settings of each ApsaraDB for Redis (Tair) instance "
        "(DescribeAuditLogConfig: DbAudit, true or false) and flags instances whose "
        "audit log is off. Versions without the audit log (IncorrectEngineVersion) "
        "are skipped."
    ),
    risk=(
        "Without an audit log nobody can tell who ran FLUSHALL, CONFIG or KEYS on "
        "the instance, or which client read the data, for an investigation or an "
        "audit."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Logs page, turn on the audit log (it is billed by "
            "Simple Log Service) and choose a retention period.",
        ),
        console_path=(*REDIS.console, "Logs", "Audit Logs"),
        doc_url="https://www.alibabacloud.com/help/en/redis/developer-reference/api-r-kvstore-2015-01-01-modifyauditlogconfig-redis",
        command="aliyun r-kvstore DescribeAuditLogConfig --InstanceId <instance>",
    ),
    needs=("redis.instances", "redis.audit_log_config"),
    references=(
        "Cloud Config Redis application best practices: audit logs are enabled "
        "for Redis instances",
    ),
    resource_type="ACS::REDIS::Instance",
)
def evaluate(inventory):
    return switch_findings(
        inventory, REDIS, "redis.audit_log_config", "DbAudit", "audit log"
    )
