"""No ECS instance is scheduled to release itself."""

from __future__ import annotations

from .._fields import parse_time
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-instance-no-auto-release",
    title="No ECS instance has an automatic release time set",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Flags pay-as-you-go ECS instances with an automatic release time. Release "
        "protection does not stop a scheduled release."
    ),
    risk=(
        "A release time set for a test and forgotten deletes the instance and its "
        "disks on the day, whether or not it has become production since."
    ),
    remediation=Remediation(
        steps=(
            "Clear the automatic release time of instances that must stay.",
            "Keep scheduled release only for instances meant to be temporary, and "
            "tag them as such.",
        ),
        console_path=("ECS", "Instances", "<instance>", "Release Settings"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/release-an-instance",
        command="aliyun ecs DescribeInstances --RegionId <region>",
    ),
    needs=("ecs.instances",),
    references=("Cloud Config ecs-instance-deletion-protection-enabled",),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("ecs.instances"):
        if str(instance.get("InstanceChargeType", "")).lower() != "postpaid":
            continue
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        # An absent or empty AutoReleaseTime means no release is scheduled.
        release = instance.get("AutoReleaseTime")
        if not release:
            yield Finding.passed(instance_id, "No automatic release", **where)
            continue
        moment = parse_time(release)
        when = moment.strftime("%Y-%m-%d %H:%M UTC") if moment else str(release)
        yield Finding.failed(instance_id, f"Released automatically at {when}", **where)
