"""ECS instances do not run on retired instance families."""

from __future__ import annotations

import re

from ..base import Category, Finding, Remediation, Severity, check

# Generation I families and other families Alibaba Cloud has retired from sale.
_RETIRED = re.compile(r"^ecs\.(t1|s1|s2|s3|m1|m2|c1|c2|n1|n2|e3)\.", re.IGNORECASE)


@check(
    id="ecs-instance-type-family-current",
    title="ECS instances do not use a retired instance family",
    category=Category.STABILITY,
    severity=Severity.LOW,
    description=(
        "Flags ECS instances whose instance type belongs to a retired family "
        "(Generation I families such as ecs.t1, ecs.s2, ecs.m1, and ecs.n1, "
        "ecs.n2, ecs.e3)."
    ),
    risk=(
        "Retired families run on old hardware: capacity to restart or migrate the "
        "instance can run out, and the type cannot be bought again after a release."
    ),
    remediation=Remediation(
        steps=(
            "Change the instance type to a current family (for example g7, c7, r7 "
            "or u1) during a maintenance window.",
        ),
        console_path=("ECS", "Instances", "<instance>", "Change Instance Type"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/retired-instance-types",
        command="aliyun ecs DescribeInstances --RegionId <region>",
    ),
    needs=("ecs.instances",),
    references=("Cloud Config ecs-instance-type-family-not-deprecated",),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("ecs.instances"):
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        instance_type = str(instance.get("InstanceType") or "")
        if not instance_type:
            yield Finding.unknown(instance_id, "The type was not returned", **where)
        elif _RETIRED.match(instance_type):
            yield Finding.failed(instance_id, f"Retired type {instance_type}", **where)
        else:
            yield Finding.passed(instance_id, instance_type, **where)
