"""PolarDB clusters keep their data backups for a week."""

from __future__ import annotations

from .._databases import POLARDB, retention_verdict
from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check

# A week, as for RDS: level-1 backups can be kept from 3 to 14 days (7 by default),
# so a cluster set below a week loses restore points for a mistake noticed after a
# weekend. Level-2 backups (kept 30 days or more, -1 forever) also count.
_MIN_RETENTION_DAYS = 7
_FOREVER = -1


@check(
    id="polardb-cluster-backup-retention",
    title="PolarDB clusters keep backups for 7 days or more",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the backup policy of each PolarDB cluster (DescribeBackupPolicy: "
        "DataLevel1BackupRetentionPeriod and DataLevel2BackupRetentionPeriod, in "
        "days; 0 turns level 2 off, -1 keeps it forever) and flags clusters whose "
        "backups are kept for fewer than 7 days. Clusters on the advanced backup "
        "policy set retention per policy and cannot be judged from these fields."
    ),
    risk=(
        "A mistake noticed after the backups have expired cannot be undone: at the "
        "3-day minimum, a Friday error found on Tuesday is already unrecoverable."
    ),
    remediation=Remediation(
        steps=(
            "In the cluster's Backup and Restoration page, keep level-1 backups for "
            "7 days or more, or turn on level-2 backups.",
        ),
        console_path=(
            *POLARDB.console,
            "Settings and Management",
            "Backup and Restore",
        ),
        doc_url="https://www.alibabacloud.com/help/en/polardb/polardb-for-mysql/user-guide/backup-settings",
        command="aliyun polardb DescribeBackupPolicy --DBClusterId <cluster>",
    ),
    needs=("polardb.clusters", "polardb.backup_policies"),
    references=(
        "Cloud Config polardb-cluster-level-two-backup-retention",
        "Cloud Config: the level-1 backup retention period of a PolarDB cluster "
        "meets the requirement",
    ),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    return POLARDB.findings(
        inventory, "polardb.backup_policies", "the backup policy", _verdict
    )


def _verdict(cluster_id, cluster, policy, where):
    if policy is None:
        return None
    if str(policy.get("BackupPolicyLevel") or "").lower() == "advanced":
        text = "The advanced backup policy sets retention per policy: not judged"
        return Finding.unknown(cluster_id, text, **where)
    level_two = as_int(policy.get("DataLevel2BackupRetentionPeriod"))
    if level_two == _FOREVER:
        return Finding.passed(cluster_id, "Level-2 backups kept forever", **where)
    if level_two is not None and level_two >= _MIN_RETENTION_DAYS:
        text = f"Level-2 backups kept {level_two} days"
        return Finding.passed(cluster_id, text, **where)
    return retention_verdict(
        cluster_id,
        policy.get("DataLevel1BackupRetentionPeriod"),
        "DataLevel1BackupRetentionPeriod",
        _MIN_RETENTION_DAYS,
        where,
    )
