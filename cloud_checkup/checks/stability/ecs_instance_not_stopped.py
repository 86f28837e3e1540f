"""No ECS instance is left stopped, unless it is tagged as a deliberate standby."""

from __future__ import annotations

from .._tags import resource_tags, tag_matching
from ..base import Category, Finding, Remediation, Severity, check

# A stopped instance carrying one of these tags is a cold standby kept on purpose.
STANDBY_TAG_KEYS = frozenset({"role"})
STANDBY_TAG_VALUES = frozenset({"dr-standby", "standby", "cold-standby"})


@check(
    id="ecs-instance-not-stopped",
    title="No ECS instance is left in the stopped state",
    category=Category.STABILITY,
    severity=Severity.LOW,
    description=(
        "Flags stopped ECS instances. A stopped instance is either forgotten (and "
        "may still be charged) or a standby that has never been started to prove it "
        "works. Instances tagged role=dr-standby, role=standby or "
        "role=cold-standby (key and value in any case) are deliberate cold "
        "standbys and pass."
    ),
    risk=(
        "Stopped instances hide idle spending and stale standby servers that fail "
        "the day they are needed; in economical mode their resources are not even "
        "guaranteed on restart."
    ),
    remediation=Remediation(
        steps=(
            "Release instances that are no longer needed (after a snapshot).",
            "Tag a stopped instance kept as a cold standby role=dr-standby, and start "
            "and test it in every disaster-recovery drill.",
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
        yield _verdict(instance)


def _verdict(instance):
    instance_id = instance["InstanceId"]
    tags = resource_tags(instance)
    where = {"region": instance.region, "name": instance.get("InstanceName")}
    state = str(instance.get("Status", ""))
    if state.lower() != "stopped":
        return Finding.passed(instance_id, state or "Not stopped", tags=tags, **where)
    standby = tag_matching(tags, STANDBY_TAG_KEYS, STANDBY_TAG_VALUES)
    if standby:
        text = f"Stopped cold standby (tag {standby}): start it in DR drills"
        return Finding.passed(instance_id, text, tags=tags, **where)
    mode = str(instance.get("StoppedMode") or "")
    charged = "still charged" if mode == "KeepCharging" else "not charged for vCPUs"
    text = f"Stopped ({charged}); if kept on purpose, tag it role=dr-standby"
    return Finding.failed(instance_id, text, tags=tags, **where)
