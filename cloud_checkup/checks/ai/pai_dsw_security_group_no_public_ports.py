"""The security groups of PAI-DSW instances open no AI or admin port to the Internet."""

from __future__ import annotations

from .._ai import AI_SERVICE_PORTS, security_group_exposure, where
from .._fields import dig
from ..base import (
    Assets,
    Category,
    Finding,
    Package,
    Remediation,
    Severity,
    check,
)

_TYPE = "ACS::PAI::DSWInstance"

# Instances outside a VPC have no security group; pai-dsw-instance-in-vpc flags them.
_WITH_GROUP = Assets(
    "pai-dsw.instances", lambda instance: bool(dig(instance, "UserVpc.SecurityGroupId"))
)


@check(
    id="pai-dsw-security-group-no-public-ports",
    title="PAI-DSW instances' security groups open no AI or admin port to the Internet",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Follows each DSW instance to the security group of its VPC attachment and "
        "flags rules that admit 0.0.0.0/0 or ::/0 to SSH, RDP, Jupyter, TensorBoard, "
        "Gradio, Ollama, vLLM and other AI tool ports (Drop rules and priorities "
        "applied)."
    ),
    risk=(
        "A notebook port open to the Internet exposes code execution, data and the "
        "notebook's credentials to anyone who finds it."
    ),
    remediation=Remediation(
        steps=(
            "Remove the rules that admit 0.0.0.0/0 or ::/0, or narrow them to the "
            "office or VPN address ranges.",
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
    needs=("pai-dsw.instances", "ecs.security_groups", "ecs.security_group_rules"),
    references=("Security Center AI assets: exposure analysis",),
    assets=_WITH_GROUP,
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in _WITH_GROUP.records(inventory):
        group = dig(instance, "UserVpc.SecurityGroupId")
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        exposed, unknown = security_group_exposure(inventory, [group], AI_SERVICE_PORTS)
        if exposed:
            yield Finding.failed(instance_id, "; ".join(exposed), **kw)
        elif unknown:
            text = "Could not read the rules of " + ", ".join(unknown)
            yield Finding.unknown(instance_id, text, **kw)
        else:
            yield Finding.passed(instance_id, f"{group} opens no listed port", **kw)
