"""GPU ECS instances require tokens for the instance metadata service."""

from __future__ import annotations

from .._ai import GPU_INSTANCES, gpu_instances, where
from .._instance_metadata import metadata_token_finding
from ..base import Category, Package, Remediation, Severity, check

_TYPE = "ACS::ECS::Instance"


@check(
    id="ecs-gpu-instance-metadata-token-required",
    title="GPU ECS instances enforce the security-hardened metadata mode (IMDSv2)",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Flags GPU instances whose metadata service accepts requests without a "
        "token (MetadataOptions.HttpTokens is not required). The AI asset's view "
        "of ecs-instance-metadata-imdsv2, with the same severity."
    ),
    risk=(
        "AI applications on GPU servers (notebooks, agents, model UIs that fetch "
        "URLs) are prone to server-side request forgery; in normal mode one forged "
        "request returns the instance RAM role's temporary credentials."
    ),
    remediation=Remediation(
        steps=(
            "Switch the instance's metadata access mode to security-hardened "
            "(tokens required) after checking that its software supports it.",
        ),
        console_path=("ECS", "Instances", "<instance>", "Instance Metadata"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/view-instance-metadata",
        command=(
            "aliyun ecs ModifyInstanceMetadataOptions --InstanceId <id> "
            "--HttpTokens required"
        ),
    ),
    needs=("ecs.instances",),
    assets=GPU_INSTANCES,
    references=("Cloud Config ecs-instance-meta-data-mode-check",),
    resource_type=_TYPE,
    applies_to="GPU ECS instances",
)
def evaluate(inventory):
    for instance in gpu_instances(inventory):
        kw = where(instance, "InstanceName", _TYPE)
        yield metadata_token_finding(instance["InstanceId"], instance, **kw)
