"""No ECS cloud disk sits unattached."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-disk-not-idle",
    title="No ECS cloud disk is left unattached",
    category=Category.STABILITY,
    severity=Severity.LOW,
    description=("Flags cloud disks in the Available state, attached to no instance."),
    risk=(
        "Detached disks are paid for and forgotten; data on them is outside every "
        "snapshot policy tied to an instance and is easily released by mistake."
    ),
    remediation=Remediation(
        steps=(
            "Find out who owns the disk; attach it, or take a snapshot and release it.",
        ),
        console_path=("ECS", "Storage & Snapshots", "Block Storage"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/release-a-cloud-disk",
        command="aliyun ecs DescribeDisks --RegionId <region> --Status Available",
    ),
    needs=("ecs.disks",),
    references=("Cloud Config ecs-disk-idle-check",),
    resource_type="ACS::ECS::Disk",
)
def evaluate(inventory):
    for disk in inventory.records("ecs.disks"):
        disk_id = disk["DiskId"]
        where = {"region": disk.region, "name": disk.get("DiskName") or None}
        state = str(disk.get("Status", ""))
        if state.lower() == "available":
            yield Finding.failed(
                disk_id, f"Unattached {disk.get('Size', '?')} GiB disk", **where
            )
        else:
            yield Finding.passed(disk_id, state or "In use", **where)
