"""ECS instances answer metadata reads only with a session token (IMDSv2)."""

from __future__ import annotations

from .._instance_metadata import metadata_token_finding
from ..base import Category, Remediation, Severity, check


@check(
    id="ecs-instance-metadata-imdsv2",
    title="ECS instances require IMDSv2 (security-hardened) metadata access",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each instance's metadata options and flags instances whose metadata "
        "service is on and still answers requests without a token "
        "(HttpTokens optional)."
    ),
    risk=(
        "Without tokens, a server-side request forgery in any application on the "
        "instance can read the instance RAM role's temporary credentials."
    ),
    remediation=Remediation(
        steps=(
            "Check that the software on the instance supports IMDSv2 tokens (recent "
            "Alibaba Cloud SDKs and cloud-init do).",
            "Set the instance's metadata access mode to security hardening "
            "(HttpTokens required).",
        ),
        console_path=(
            "ECS",
            "Instances",
            "<instance>",
            "Instance Settings",
            "Modify Instance Metadata Access Mode",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/view-instance-metadata",
        command=(
            "aliyun ecs DescribeInstances --RegionId <region> "
            "--InstanceIds '[\"<instance>\"]'"
        ),
    ),
    needs=("ecs.instances",),
    references=("Cloud Config ecs-instance-meta-data-mode-check",),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("ecs.instances"):
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        yield metadata_token_finding(instance["InstanceId"], instance, **where)
