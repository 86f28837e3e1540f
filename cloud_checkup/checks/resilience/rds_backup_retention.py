"""RDS instances keep a week of data backups and back up their logs."""

from __future__ import annotations

from .._details import Shortfalls, read_detail, unreadable
from .._fields import as_bool, as_int
from ..base import Category, Remediation, Severity, check

_MIN_RETENTION_DAYS = 7


@check(
    id="rds-backup-retention",
    title="RDS instances keep backups for 7 days or more and back up logs",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each RDS instance's backup policy and checks that data backups are "
        "kept for at least 7 days and that log backup is on, so that the database "
        "can be restored to a point in time."
    ),
    risk=(
        "With short retention or no log backup, a mistake noticed a few days late, "
        "or data lost between two backups, cannot be recovered."
    ),
    remediation=Remediation(
        steps=(
            "Open the instance's backup settings.",
            "Set the data backup retention to 7 days or more.",
            "Turn on log backup.",
        ),
        console_path=(
            "ApsaraDB RDS",
            "Instances",
            "<instance>",
            "Backup and Restoration",
        ),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-automatic-backup",
        command="aliyun rds DescribeBackupPolicy --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.backup_policies"),
    references=(
        "Cloud Config rds-backup-policy-required",
        "Cloud Config rds-instance-enabled-log-backup",
    ),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    for instance in inventory.records("rds.instances"):
        if str(instance.get("DBInstanceType", "Primary")).lower() != "primary":
            continue
        instance_id = instance["DBInstanceId"]
        where = {
            "region": instance.region,
            "name": instance.get("DBInstanceDescription"),
        }
        policy = read_detail(inventory, "rds.backup_policies", instance_id)
        if policy.unsupported:
            continue
        if policy.record is None:
            yield unreadable(instance_id, "the backup policy", policy, **where)
            continue
        yield _shortfalls(policy.record).finding(
            instance_id, "Backups and log backups kept", **where
        )


def _shortfalls(policy):
    found = Shortfalls()
    days = as_int(policy.get("BackupRetentionPeriod"))
    if days is None:
        found.unsaid.append("BackupRetentionPeriod")
    elif days < _MIN_RETENTION_DAYS:
        found.gaps.append(f"data backups kept {days} days")
    # EnableBackupLog arrives as "True"/"False" (or "1"/"0"), not as a boolean.
    log_backup = as_bool(policy.get("EnableBackupLog"))
    if log_backup is None:
        found.unsaid.append("EnableBackupLog")
    elif not log_backup:
        found.gaps.append("log backup is off")
    return found
