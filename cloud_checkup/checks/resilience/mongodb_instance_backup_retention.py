"""MongoDB instances keep their full backups for a month."""

from __future__ import annotations

from .._databases import MONGODB, retention_verdict
from ..base import Category, Remediation, Severity, check

# Thirty days: Alibaba's own default for instances created since September 2021
# (older instances were given 7). A document store is usually the system of record,
# and corruption from a bad release or migration often surfaces weeks later.
_MIN_RETENTION_DAYS = 30


@check(
    id="mongodb-instance-backup-retention",
    title="MongoDB instances keep backups for 30 days or more",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the backup policy of each ApsaraDB for MongoDB instance "
        "(DescribeBackupPolicy: BackupRetentionPeriod, in days) and flags instances "
        "that keep their full backups for fewer than 30 days, the product's "
        "default since September 2021."
    ),
    risk=(
        "Data corrupted or deleted by a release, a migration or an attacker is often "
        "noticed weeks later; by then short-lived backups hold only the damage."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Backup and Restoration page, open the backup policy "
            "and keep full backups for 30 days or more.",
            "Consider turning on log backup as well, for point-in-time restores.",
        ),
        console_path=(*MONGODB.console, "Backup and Restoration", "Backup Policy"),
        doc_url="https://www.alibabacloud.com/help/en/mongodb/api-modifybackuppolicy",
        command="aliyun dds DescribeBackupPolicy --DBInstanceId <instance>",
    ),
    needs=("mongodb.instances", "mongodb.backup_policies"),
    references=(
        "Alibaba Cloud Well-Architected Framework: stability, backup and recovery",
    ),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    return MONGODB.findings(
        inventory, "mongodb.backup_policies", "the backup policy", _verdict
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
