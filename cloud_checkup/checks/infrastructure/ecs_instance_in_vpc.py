"""ECS instances run in a VPC, not the legacy classic network."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-instance-in-vpc",
    title="No ECS instance runs on the legacy classic network",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each instance's network type and flags instances on the classic "
        "network instead of a VPC."
    ),
    risk=(
        "The classic network is shared with other tenants and cannot be isolated "
        "with VPC routing, network ACLs or flow logs."
    ),
    remediation=Remediation(
        steps=(
            "Plan a migration of the instance to a VPC (ECS offers a classic-to-VPC "
            "migration).",
            "Move dependent databases and load balancers into the same VPC.",
        ),
        console_path=("ECS", "Instances", "<instance>", "Network Information"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/migrate-ecs-instances-from-the-classic-network-to-a-vpc",
        command="aliyun ecs DescribeInstances --RegionId <region>",
    ),
    needs=("ecs.instances",),
    references=("CIS 2.0.0 3.1", "Cloud Config ecs-instances-in-vpc"),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("ecs.instances"):
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        network = str(instance.get("InstanceNetworkType") or "").lower()
        if not network:
            yield Finding.unknown(instance_id, "No network type returned", **where)
        elif network == "classic":
            yield Finding.failed(instance_id, "Classic network", **where)
        else:
            yield Finding.passed(instance_id, "VPC", **where)
