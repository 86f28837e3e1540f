"""Auto Scaling groups replace instances that fail their health check."""

from __future__ import annotations

from .._fields import as_list, dig
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ess-scaling-group-health-check",
    title="Auto Scaling groups have instance health checks enabled",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Flags active Auto Scaling groups whose health check type is NONE, so that "
        "unhealthy instances are never replaced."
    ),
    risk=(
        "A group without health checks keeps a stopped or broken instance in "
        "service: capacity silently shrinks until the next outage shows it."
    ),
    remediation=Remediation(
        steps=(
            "Set the group's health check type to ECS (and to LOAD_BALANCER when the "
            "group is attached to a load balancer).",
        ),
        console_path=("Auto Scaling", "Scaling Groups", "<group>", "Basic Information"),
        doc_url="https://www.alibabacloud.com/help/en/auto-scaling/user-guide/health-check",
        command="aliyun ess DescribeScalingGroups --RegionId <region>",
    ),
    needs=("ess.scaling_groups",),
    references=("Cloud Config ess-group-health-check",),
    resource_type="ACS::ESS::ScalingGroup",
)
def evaluate(inventory):
    for group in inventory.records("ess.scaling_groups"):
        if str(group.get("LifecycleState", "Active")).lower() != "active":
            continue
        group_id = group["ScalingGroupId"]
        where = {"region": group.region, "name": group.get("ScalingGroupName")}
        kinds = _health_check_types(group)
        if kinds is None:
            yield Finding.unknown(
                group_id, "The health check type was not returned", **where
            )
        elif kinds - {"none"}:
            yield Finding.passed(
                group_id, f"Health check {', '.join(sorted(kinds))}", **where
            )
        else:
            yield Finding.failed(group_id, "Health check type NONE", **where)


def _health_check_types(group):
    # Newer groups report a list (HealthCheckTypes), older ones a single value.
    listed = as_list(dig(group, "HealthCheckTypes.HealthCheckType"))
    single = group.get("HealthCheckType")
    if not listed and single in (None, ""):
        return None
    return {str(kind).lower() for kind in [*listed, single] if kind}
