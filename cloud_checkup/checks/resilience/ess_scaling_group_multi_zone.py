"""Auto Scaling groups can launch instances in more than one zone."""

from __future__ import annotations

from .._fields import as_list, dig
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ess-scaling-group-multi-zone",
    title="Auto Scaling groups span at least two vSwitches",
    category=Category.RESILIENCE,
    severity=Severity.HIGH,
    description=(
        "Flags active Auto Scaling groups attached to a single vSwitch. A vSwitch "
        "lives in one zone, so such a group can only launch instances in one zone. "
        "Attach vSwitches in different zones: two vSwitches in one zone also pass."
    ),
    risk=(
        "When the group's zone fails, or runs out of the instance type, the group "
        "cannot replace lost instances anywhere else."
    ),
    remediation=Remediation(
        steps=(
            "Add vSwitches in other zones to the scaling group.",
            "Set the scaling policy to balance instances across zones.",
        ),
        console_path=("Auto Scaling", "Scaling Groups", "<group>", "Basic Information"),
        doc_url="https://www.alibabacloud.com/help/en/auto-scaling/user-guide/modify-a-scaling-group",
        command="aliyun ess DescribeScalingGroups --RegionId <region>",
    ),
    needs=("ess.scaling_groups",),
    references=(
        "Cloud Config ess-scaling-group-attach-multi-switch",
        "Cloud Config ess-scaling-group-multi-vswitch-distribution",
    ),
    resource_type="ACS::ESS::ScalingGroup",
)
def evaluate(inventory):
    for group in inventory.records("ess.scaling_groups"):
        if str(group.get("LifecycleState", "Active")).lower() != "active":
            continue
        group_id = group["ScalingGroupId"]
        where = {"region": group.region, "name": group.get("ScalingGroupName")}
        switches = set(as_list(dig(group, "VSwitchIds.VSwitchId")))
        if group.get("VSwitchId"):
            switches.add(group["VSwitchId"])
        if len(switches) >= 2:
            yield Finding.passed(group_id, f"{len(switches)} vSwitches", **where)
        elif switches:
            yield Finding.failed(group_id, f"Only vSwitch {switches.pop()}", **where)
        else:
            yield Finding.failed(group_id, "No vSwitch (classic network)", **where)
