"""Automatic snapshots outlive the disk they were taken of."""

from __future__ import annotations

from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-disk-auto-snapshots-kept-on-release",
    title="Automatic snapshots are kept when their disk is released",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Flags disks with an automatic snapshot policy whose automatic snapshots are "
        "set to be deleted together with the disk."
    ),
    risk=(
        "Releasing the disk, or the instance it belongs to, by mistake also deletes "
        "the snapshots that were meant to recover it."
    ),
    remediation=Remediation(
        steps=(
            "Change the disk's attribute so that automatic snapshots are retained "
            "when the disk is released.",
        ),
        console_path=(
            "ECS",
            "Storage & Snapshots",
            "Block Storage",
            "<disk>",
            "Modify Disk Property",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/modify-the-attributes-of-a-disk",
        command=(
            "aliyun ecs ModifyDiskAttribute --DiskId <disk> --DeleteAutoSnapshot false"
        ),
    ),
    needs=("ecs.disks",),
    references=("Cloud Config ecs-disk-retain-auto-snapshot",),
    resource_type="ACS::ECS::Disk",
)
def evaluate(inventory):
    for disk in inventory.records("ecs.disks"):
        if not disk.get("AutoSnapshotPolicyId"):
            continue  # no automatic snapshots to keep
        disk_id = disk["DiskId"]
        where = {"region": disk.region, "name": disk.get("DiskName") or None}
        deleted = as_bool(disk.get("DeleteAutoSnapshot"))
        if deleted is None:
            yield Finding.unknown(disk_id, "The setting was not returned", **where)
        elif deleted:
            yield Finding.failed(
                disk_id, "Automatic snapshots are deleted with the disk", **where
            )
        else:
            yield Finding.passed(disk_id, "Automatic snapshots kept", **where)
