"""No ECS instance is left stopped."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-instance-not-stopped",
    title="No ECS instance is left in the stopped state",
    category=Category.STABILITY,
    severity=Severity.LOW,
    description=(
        "Flags stopped ECS instances. A stopped instance is either forgotten (and "
        "may still be charged) or a standby that has never been started to prove it "
        "works."
    ),
    risk=(
        "Stopped instances hide idle spending and stale standby servers that fail "
        "the day they are needed; in economical mode their resources are not even "
        "guaranteed on restart."
    ),
    remediation=Remediation(
        steps=(
            "Release instances that are no longer needed (after a snapshot).",
            "Start and test standby instances regularly, or replace them with an "
            "image and a launch template.",
        ),
        console_path=("ECS", "Instances"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/economical-mode",
        command="aliyun ecs DescribeInstances --RegionId <region> --Status Stopped",
    ),
    needs=("ecs.instances",),
    references=("Cloud Config ecs-instance-status-no-stopped",),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("ecs.instances"):
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        state = str(instance.get("Status", ""))
        if state.lower() != "stopped":
            yield Finding.passed(instance_id, state or "Not stopped", **where)
            continue
        mode = str(instance.get("StoppedMode") or "")
        charged = "still charged" if mode == "KeepCharging" else "not charged for vCPUs"
        yield Finding.failed(instance_id, f"Stopped ({charged})", **where)
