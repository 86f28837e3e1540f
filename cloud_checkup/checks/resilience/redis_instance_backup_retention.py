"""Redis (Tair) instances keep their automatic backups for a week."""

from __future__ import annotations

from .._databases import REDIS, retention_verdict
from ..base import Category, Remediation, Severity, check

# A week, as for RDS: a cache is rebuilt from its source of truth, so it needs
# restore points for a mistake noticed within the working week, not a long archive.
# Seven days is also the product's default.
_MIN_RETENTION_DAYS = 7


@check(
    id="redis-instance-backup-retention",
    title="Redis instances keep backups for 7 days or more",
    category=Category.RESILIENCE,
    severity=Severity.LOW,
    description=(
        "Reads the backup policy of each ApsaraDB for Redis (Tair) instance "
        "(DescribeBackupPolicy: BackupRetentionPeriod, in days) and flags instances "
        "that keep their automatic backups for fewer than 7 days."
    ),
    risk=(
        "A flush or a bad write noticed after the backups have expired cannot be "
        "undone; an instance used as a store, not only a cache, loses that data."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Backup and Recovery page, open the backup settings "
            "and keep backups for 7 days or more.",
        ),
        console_path=(*REDIS.console, "Backup and Recovery", "Backup Settings"),
        doc_url="https://www.alibabacloud.com/help/en/redis/developer-reference/api-r-kvstore-2015-01-01-modifybackuppolicy-redis",
        command="aliyun r-kvstore DescribeBackupPolicy --InstanceId <instance>",
    ),
    needs=("redis.instances", "redis.backup_policies"),
    references=("Cloud Config redis-backup-policy-required",),
    resource_type="ACS::REDIS::Instance",
)
def evaluate(inventory):
    return REDIS.findings(
        inventory, "redis.backup_policies", "the backup policy", _verdict
    )


def _verdict(instance_id, instance, policy, where):
    if policy is None:
        return None
    return retention_verdict(
        instance_id,
        policy.get("BackupRetentionPeriod"),
        "BackupRetentionPeriod",
        _MIN_RETENTION_DAYS,
        where,
    )
