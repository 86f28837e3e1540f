"""Automatic snapshot policies in use keep snapshots for a week or more."""

from __future__ import annotations

from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check

_MIN_RETENTION_DAYS = 7


@check(
    id="ecs-snapshot-policy-retention",
    title="Automatic snapshot policies keep snapshots for 7 days or more",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the automatic snapshot policies applied to disks and flags those "
        "that keep snapshots for fewer than 7 days. Policies that keep snapshots "
        "until deleted (-1) pass."
    ),
    risk=(
        "With a short retention, corruption or ransomware noticed a few days late "
        "has already reached every remaining snapshot."
    ),
    remediation=Remediation(
        steps=(
            "Edit the policy and set the retention to 7 days or more (or until "
            "manually deleted), weighing the snapshot storage cost.",
        ),
        console_path=(
            "ECS",
            "Storage & Snapshots",
            "Snapshots",
            "Automatic Snapshot Policies",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/modify-an-automatic-snapshot-policy",
        command="aliyun ecs DescribeAutoSnapshotPolicyEx --RegionId <region>",
    ),
    needs=("ecs.auto_snapshot_policies",),
    references=("Cloud Config ecs-snapshot-retention-days",),
    resource_type="ACS::ECS::AutoSnapshotPolicy",
)
def evaluate(inventory):
    for policy in inventory.records("ecs.auto_snapshot_policies"):
        if as_int(policy.get("DiskNums")) == 0:
            continue  # applied to no disk: nothing depends on it
        policy_id = policy["AutoSnapshotPolicyId"]
        where = {"region": policy.region, "name": policy.get("AutoSnapshotPolicyName")}
        days = as_int(policy.get("RetentionDays"))
        if days is None:
            yield Finding.unknown(policy_id, "The retention was not returned", **where)
        elif days == -1:
            yield Finding.passed(policy_id, "Kept until deleted", **where)
        elif days >= _MIN_RETENTION_DAYS:
            yield Finding.passed(policy_id, f"Kept {days} days", **where)
        else:
            yield Finding.failed(policy_id, f"Kept only {days} days", **where)
