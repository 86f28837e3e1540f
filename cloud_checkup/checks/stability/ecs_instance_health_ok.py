"""No ECS instance reports an impaired health status."""

from __future__ import annotations

from .._fields import dig
from ..base import Category, Finding, Remediation, Severity, check

# Health states that say nothing about the instance (it is stopped or starting).
_NOT_JUDGED = frozenset({"notapplicable", "initializing", "insufficientdata"})


@check(
    id="ecs-instance-health-ok",
    title="ECS instances report a healthy status",
    category=Category.STABILITY,
    severity=Severity.HIGH,
    description=(
        "Reads the full status of each ECS instance and flags running instances "
        "whose health status is not Ok (for example Impaired or Warning)."
    ),
    risk=(
        "An impaired instance is failing on its host: it may hang or restart at "
        "any moment, taking its share of the service with it."
    ),
    remediation=Remediation(
        steps=(
            "Read the instance's health details and system events.",
            "Move traffic away and redeploy or restart the instance in a "
            "maintenance window; open a ticket if the state persists.",
        ),
        console_path=("ECS", "Instances", "<instance>", "Health Status"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/view-the-health-status-of-an-instance",
        command="aliyun ecs DescribeInstancesFullStatus --RegionId <region>",
    ),
    needs=("ecs.instance_full_status",),
    references=("Cloud Config ecs-instance-status-no-stopped",),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for status in inventory.records("ecs.instance_full_status"):
        instance_id = status["InstanceId"]
        health = str(dig(status, "HealthStatus.Name", "") or "")
        if health.lower() in _NOT_JUDGED:
            continue
        if not health:
            yield Finding.unknown(
                instance_id, "The health status was not returned", region=status.region
            )
        elif health.lower() == "ok":
            yield Finding.passed(instance_id, "Healthy", region=status.region)
        else:
            yield Finding.failed(instance_id, f"Health {health}", region=status.region)
