"""Pay-as-you-go Redis instances cannot be released by one mistaken call."""

from __future__ import annotations

from .._fields import as_bool
from .._resilience import read_attribute
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="redis-instance-release-protection",
    title="Pay-as-you-go Redis instances have release protection enabled",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the attributes of each pay-as-you-go ApsaraDB for Redis (Tair) "
        "instance and flags those without release protection."
    ),
    risk=(
        "Releasing the instance by mistake drops the cache (and any data kept only "
        "in it); the application falls back on the database, often too slowly."
    ),
    remediation=Remediation(
        steps=("Enable release protection in the instance's basic information.",),
        console_path=(
            "ApsaraDB for Redis",
            "Instances",
            "<instance>",
            "Instance Information",
        ),
        doc_url="https://www.alibabacloud.com/help/en/redis/user-guide/enable-release-protection-for-an-instance",
        command=(
            "aliyun r-kvstore ModifyInstanceAttribute --InstanceId <instance> "
            "--InstanceReleaseProtection true"
        ),
    ),
    needs=("redis.instances", "redis.instance_attributes"),
    references=("Cloud Config redis-instance-release-protection",),
    resource_type="ACS::REDIS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("redis.instances"):
        if str(instance.get("ChargeType", "")).lower() != "postpaid":
            continue
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        attribute = read_attribute(
            inventory,
            "redis.instance_attributes",
            instance_id,
            "Instances.DBInstanceAttribute",
            "the release protection setting",
            **where,
        )
        if attribute is None or isinstance(attribute, Finding):
            if attribute is not None:
                yield attribute
            continue
        protected = as_bool(attribute.get("InstanceReleaseProtection"))
        if protected is None:
            yield Finding.unknown(instance_id, "The setting was not returned", **where)
        elif protected:
            yield Finding.passed(instance_id, "Release protection on", **where)
        else:
            yield Finding.failed(instance_id, "Release protection off", **where)
