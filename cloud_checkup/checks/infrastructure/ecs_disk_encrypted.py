"""ECS cloud disks are encrypted."""

from __future__ import annotations

from .._details import not_returned
from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-disk-encrypted",
    title="ECS cloud disks are encrypted",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description="Flags system and data disks, attached or not, that are not encrypted.",
    risk=(
        "Unencrypted disks and the snapshots taken from them expose their data to "
        "anyone who obtains a copy, including through shared snapshots or images."
    ),
    remediation=Remediation(
        steps=(
            "Turn on default encryption for new cloud disks in the ECS console.",
            "For existing disks, create an encrypted copy from a snapshot and swap it "
            "in during a maintenance window.",
        ),
        console_path=("ECS", "Storage & Snapshots", "Block Storage"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/encrypt-cloud-disks",
        command="aliyun ecs DescribeDisks --RegionId <region> --Encrypted false",
    ),
    needs=("ecs.disks",),
    references=(
        "CIS 2.0.0 4.1",
        "CIS 2.0.0 4.2",
        "Cloud Config ecs-disk-encrypted",
    ),
    resource_type="ACS::ECS::Disk",
)
def evaluate(inventory):
    for disk in inventory.records("ecs.disks"):
        disk_id = disk["DiskId"]
        where = {"region": disk.region, "name": disk.get("DiskName") or None}
        encrypted = as_bool(disk.get("Encrypted"))
        if encrypted is None:
            yield not_returned(disk_id, "Encrypted", **where)
        elif encrypted:
            yield Finding.passed(disk_id, "Encrypted", **where)
        else:
            yield Finding.failed(
                disk_id, f"{disk.get('Type', 'Disk')} disk not encrypted", **where
            )
