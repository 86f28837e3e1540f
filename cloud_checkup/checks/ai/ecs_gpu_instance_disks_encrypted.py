"""The cloud disks of GPU ECS instances are encrypted."""

from __future__ import annotations

from collections import defaultdict

from .._ai import GPU_INSTANCES, gpu_instances, where
from .._fields import as_bool
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::ECS::Instance"


@check(
    id="ecs-gpu-instance-disks-encrypted",
    title="Cloud disks of GPU ECS instances are encrypted",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Flags GPU instances with an unencrypted system or data disk: the disks "
        "that hold model weights, checkpoints and training data. The AI asset's "
        "view of ecs-disk-encrypted, with the same severity."
    ),
    risk=(
        "Snapshots and images made from unencrypted disks carry the models and "
        "data in the clear to wherever they are shared or copied."
    ),
    remediation=Remediation(
        steps=(
            "Create encrypted disks (or copy an encrypted snapshot) and move the "
            "data; turn on account-wide default disk encryption.",
        ),
        console_path=("ECS", "Storage & Snapshots", "Block Storage"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/encryption-overview",
        command="aliyun ecs DescribeDisks --RegionId <region> --InstanceId <id>",
    ),
    needs=("ecs.instances", "ecs.disks"),
    assets=GPU_INSTANCES,
    references=("CIS 2.0.0 4.2", "Cloud Config ecs-disk-encrypted"),
    resource_type=_TYPE,
    applies_to="GPU ECS instances",
)
def evaluate(inventory):
    disks_by_instance = defaultdict(list)
    for disk in inventory.records("ecs.disks"):
        disks_by_instance[disk.get("InstanceId")].append(disk)
    for instance in gpu_instances(inventory):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        disks = disks_by_instance.get(instance_id, [])
        if not disks:
            yield Finding.unknown(instance_id, "No disk was returned", **kw)
            continue
        # Encrypted arrives as a JSON boolean or as "true"/"false".
        states = {d["DiskId"]: as_bool(d.get("Encrypted")) for d in disks}
        plain = sorted(d for d, encrypted in states.items() if encrypted is False)
        unsaid = sorted(d for d, encrypted in states.items() if encrypted is None)
        if plain:
            yield Finding.failed(instance_id, "Unencrypted: " + ", ".join(plain), **kw)
        elif unsaid:
            text = "Encrypted was not returned for " + ", ".join(unsaid)
            yield Finding.unknown(instance_id, text, **kw)
        else:
            yield Finding.passed(instance_id, f"{len(disks)} disks encrypted", **kw)
