"""Pay-as-you-go GPU ECS instances have release protection."""

from __future__ import annotations

from .._ai import has_gpu, where
from .._fields import as_bool
from ..base import (
    Assets,
    Category,
    Finding,
    Package,
    Remediation,
    Severity,
    check,
)

_TYPE = "ACS::ECS::Instance"


_PAY_AS_YOU_GO_GPU = Assets(
    "ecs.instances",
    lambda instance: (
        has_gpu(instance)
        and str(instance.get("InstanceChargeType", "")).lower() == "postpaid"
    ),
)


@check(
    id="ecs-gpu-instance-deletion-protection",
    title="Pay-as-you-go GPU ECS instances have release protection enabled",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Flags pay-as-you-go GPU instances without release protection "
        "(DeletionProtection); subscription instances cannot be released by a "
        "single call and are skipped. The AI asset's view of "
        "ecs-instance-release-protection, with the same severity."
    ),
    risk=(
        "Releasing a GPU server by mistake destroys its local models and "
        "checkpoints, and scarce GPU types may not be available to recreate it."
    ),
    remediation=Remediation(
        steps=("Enable release protection on the instance.",),
        console_path=(
            "ECS",
            "Instances",
            "<instance>",
            "Instance Settings",
            "Release Protection",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/enable-or-disable-release-protection-for-ecs-instances",
        command=(
            "aliyun ecs ModifyInstanceAttribute --InstanceId <id> "
            "--DeletionProtection true"
        ),
    ),
    needs=("ecs.instances",),
    assets=_PAY_AS_YOU_GO_GPU,
    references=("Cloud Config ecs-instance-deletion-protection-enabled",),
    resource_type=_TYPE,
    applies_to="pay-as-you-go GPU ECS instances",
)
def evaluate(inventory):
    for instance in _PAY_AS_YOU_GO_GPU.records(inventory):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        protected = as_bool(instance.get("DeletionProtection"))
        if protected is None:
            yield Finding.unknown(instance_id, "Release protection not returned", **kw)
        elif protected:
            yield Finding.passed(instance_id, "Release protection on", **kw)
        else:
            yield Finding.failed(instance_id, "Release protection off", **kw)
