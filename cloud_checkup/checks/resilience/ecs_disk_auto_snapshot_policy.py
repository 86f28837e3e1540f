"""In-use ECS disks are covered by an automatic snapshot policy."""

from __future__ import annotations

from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-disk-auto-snapshot-policy",
    title="In-use ECS disks have an automatic snapshot policy",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Flags cloud disks attached to an instance that have no automatic snapshot "
        "policy applied."
    ),
    risk=(
        "Without regular snapshots a deleted file, a corrupted file system or an "
        "encrypted-by-ransomware disk cannot be rolled back."
    ),
    remediation=Remediation(
        steps=(
            "Create an automatic snapshot policy with a daily time point and a "
            "retention that fits your recovery needs.",
            "Apply it to the disk (or to all disks of the instance).",
        ),
        console_path=(
            "ECS",
            "Storage & Snapshots",
            "Snapshots",
            "Automatic Snapshot Policies",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/create-an-automatic-snapshot-policy",
        command="aliyun ecs DescribeDisks --RegionId <region>",
    ),
    needs=("ecs.disks",),
    references=("Cloud Config ecs-disk-auto-snapshot-policy",),
    resource_type="ACS::ECS::Disk",
)
def evaluate(inventory):
    for disk in inventory.records("ecs.disks"):
        if str(disk.get("Status", "")).lower() != "in_use":
            continue
        disk_id = disk["DiskId"]
        where = {"region": disk.region, "name": disk.get("DiskName") or None}
        policy = disk.get("AutoSnapshotPolicyId")
        if policy and as_bool(disk.get("EnableAutoSnapshot")) is not False:
            yield Finding.passed(disk_id, f"Snapshot policy {policy}", **where)
        else:
            yield Finding.failed(disk_id, "No automatic snapshot policy", **where)
