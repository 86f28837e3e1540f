"""Subscription ECS instances do not run out within 30 days unrenewed."""

from __future__ import annotations

from .._details import not_returned, read_detail, unreadable
from .._expiry import expiry_detail
from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check

# The fields of an auto-renewal record that say whether the instance renews.
_RENEWAL_FIELDS = ("AutoRenewEnabled", "RenewalStatus")


@check(
    id="ecs-subscription-not-expiring",
    title="Subscription ECS instances are not about to expire without auto-renewal",
    category=Category.STABILITY,
    severity=Severity.HIGH,
    description=(
        "For subscription (PrePaid) ECS instances, flags those that expire within "
        "30 days and do not have auto-renewal turned on."
    ),
    risk=(
        "An expired instance is stopped and, after a grace period, released with "
        "its disks: the service goes down and its data can be lost."
    ),
    remediation=Remediation(
        steps=(
            "Renew the instance, or turn on auto-renewal for it.",
            "If the instance is no longer needed, take a snapshot before it expires.",
        ),
        console_path=("Expenses", "Renewal Management"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/enable-auto-renewal",
        command=(
            "aliyun ecs DescribeInstanceAutoRenewAttribute --RegionId <region> "
            "--InstanceId <instance>"
        ),
    ),
    needs=("ecs.instances", "ecs.instance_auto_renew"),
    references=(
        "Cloud Config ecs-instance-expired-check",
        "Cloud Config ecs-instance-auto-renewal-enabled",
    ),
    resource_type="ACS::ECS::Instance",
    applies_to="subscription ECS instances",
)
def evaluate(inventory):
    for instance in inventory.records("ecs.instances"):
        if str(instance.get("InstanceChargeType", "")).lower() != "prepaid":
            continue
        yield _verdict(inventory, instance)


def _verdict(inventory, instance):
    instance_id = instance["InstanceId"]
    where = {"region": instance.region, "name": instance.get("InstanceName")}
    soon, words = expiry_detail(instance.get("ExpiredTime"), inventory.now)
    if soon is None:
        return Finding.unknown(instance_id, words, **where)
    if not soon:
        return Finding.passed(instance_id, words.capitalize(), **where)
    renew = read_detail(inventory, "ecs.instance_auto_renew", instance_id)
    if renew.record is None:
        return unreadable(instance_id, "the auto-renewal setting", renew, **where)
    renews = _auto_renews(renew.record)
    if renews is None:
        return not_returned(instance_id, *_RENEWAL_FIELDS, **where)
    if renews:
        return Finding.passed(
            instance_id, f"{words.capitalize()}, auto-renews", **where
        )
    return Finding.failed(
        instance_id, f"{words.capitalize()}, no auto-renewal", **where
    )


def _auto_renews(attribute):
    """Whether the instance renews itself; None when the record holds neither field
    that says so (an absent setting is no evidence that it lapses)."""
    enabled = as_bool(attribute.get("AutoRenewEnabled"))
    status = str(attribute.get("RenewalStatus") or "").strip().lower()
    if enabled is None and not status:
        return None
    return bool(enabled) or status == "autorenewal"
