"""The security groups of GPU ECS instances open no AI or admin port to the Internet."""

from __future__ import annotations

from .._ai import (
    AI_SERVICE_PORTS,
    GPU_INSTANCES,
    gpu_instances,
    security_group_exposure,
    where,
)
from .._fields import as_list, dig
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::ECS::Instance"


@check(
    id="ecs-gpu-instance-no-public-ai-ports",
    title="GPU ECS instances' security groups open no AI or admin port to the Internet",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Follows each GPU instance to its security groups and flags rules that "
        "admit 0.0.0.0/0 or ::/0 to SSH, RDP or the ports of self-hosted AI tools "
        "(Jupyter 8888, Ollama 11434, vLLM 8000, Gradio 7860, ComfyUI 8188, "
        "Ray 8265, Milvus 19530 ...), with rule priorities and Drop rules applied."
    ),
    risk=(
        "Self-hosted AI components usually ship without authentication; Security "
        "Center's AI asset scan reports them as exposed when reachable from the "
        "Internet, which means free use of the GPUs and the models and data."
    ),
    remediation=Remediation(
        steps=(
            "Remove the rules that admit 0.0.0.0/0 or ::/0, or narrow them to known "
            "address ranges.",
            "Publish model endpoints through an authenticated gateway instead.",
        ),
        console_path=(
            "ECS",
            "Network & Security",
            "Security Groups",
            "<group>",
            "Rules",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/add-a-security-group-rule",
        command="aliyun ecs DescribeSecurityGroupAttribute --SecurityGroupId <id>",
    ),
    needs=("ecs.instances", "ecs.security_groups", "ecs.security_group_rules"),
    assets=GPU_INSTANCES,
    references=(
        "CIS 2.0.0 4.3",
        "CIS 2.0.0 4.4",
        "Cloud Config ecs-security-group-risky-ports-check-with-protocol",
    ),
    resource_type=_TYPE,
    applies_to="GPU ECS instances",
)
def evaluate(inventory):
    for instance in gpu_instances(inventory):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        groups = as_list(dig(instance, "SecurityGroupIds.SecurityGroupId"))
        if not groups:
            yield Finding.unknown(instance_id, "No security group was returned", **kw)
            continue
        exposed, unknown = security_group_exposure(inventory, groups, AI_SERVICE_PORTS)
        if exposed:
            yield Finding.failed(instance_id, "; ".join(exposed), **kw)
        elif unknown:
            text = "Could not read the rules of " + ", ".join(unknown)
            yield Finding.unknown(instance_id, text, **kw)
        else:
            text = "No listed port open in " + ", ".join(groups)
            yield Finding.passed(instance_id, text, **kw)
