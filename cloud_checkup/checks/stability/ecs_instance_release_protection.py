"""Pay-as-you-go ECS instances are protected against accidental release."""

from __future__ import annotations

from .._details import not_returned
from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ecs-instance-release-protection",
    title="Pay-as-you-go ECS instances have release protection enabled",
    category=Category.STABILITY,
    severity=Severity.LOW,
    description=(
        "Flags pay-as-you-go ECS instances without release (deletion) protection. "
        "Subscription instances cannot be released by mistake and are not evaluated."
    ),
    risk=(
        "One wrong click or script can release a running instance together with its "
        "system disk; the data cannot be recovered."
    ),
    remediation=Remediation(
        steps=(
            "Turn on release protection on the instance.",
            "Keep it off only for instances that Auto Scaling creates and removes.",
        ),
        console_path=(
            "ECS",
            "Instances",
            "<instance>",
            "Instance Settings",
            "Release Protection",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/enable-or-disable-release-protection-for-ecs-instances",
        command=(
            "aliyun ecs ModifyInstanceAttribute --InstanceId <instance> "
            "--DeletionProtection true"
        ),
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
        protected = as_bool(instance.get("DeletionProtection"))
        if protected is None:
            yield not_returned(instance_id, "DeletionProtection", **where)
        elif protected:
            yield Finding.passed(instance_id, "Release protection on", **where)
        else:
            yield Finding.failed(instance_id, "Release protection off", **where)
