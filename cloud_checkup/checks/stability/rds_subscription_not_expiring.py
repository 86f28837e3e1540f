"""Subscription RDS instances do not run out within 30 days unrenewed."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._expiry import expiry_detail
from .._fields import as_bool, as_list
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="rds-subscription-not-expiring",
    title="Subscription RDS instances are not about to expire without auto-renewal",
    category=Category.STABILITY,
    severity=Severity.HIGH,
    description=(
        "For subscription (Prepaid) RDS instances, flags those that expire within "
        "30 days and do not have auto-renewal turned on."
    ),
    risk=(
        "An expired database is locked and then released: the application stops and "
        "the data is deleted once the retention period ends."
    ),
    remediation=Remediation(
        steps=(
            "Renew the instance, or turn on auto-renewal for it.",
            "If the instance is being retired, keep a backup that outlives it.",
        ),
        console_path=("Expenses", "Renewal Management"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/renew-an-apsaradb-rds-for-mysql-instance",
        command=(
            "aliyun rds DescribeInstanceAutoRenewalAttribute --DBInstanceId <instance>"
        ),
    ),
    needs=("rds.instances", "rds.instance_auto_renewal"),
    references=("Cloud Config rds-instance-expired-check",),
    resource_type="ACS::RDS::DBInstance",
    applies_to="subscription RDS instances",
)
def evaluate(inventory):
    for instance in inventory.records("rds.instances"):
        if str(instance.get("PayType", "")).lower() != "prepaid":
            continue
        yield _verdict(inventory, instance)


def _verdict(inventory, instance):
    instance_id = instance["DBInstanceId"]
    where = {"region": instance.region, "name": instance.get("DBInstanceDescription")}
    soon, words = expiry_detail(instance.get("ExpireTime"), inventory.now)
    if soon is None:
        return Finding.unknown(instance_id, words, **where)
    if not soon:
        return Finding.passed(instance_id, words.capitalize(), **where)
    renewal = read_detail(inventory, "rds.instance_auto_renewal", instance_id)
    if renewal.record is None:
        return unreadable(instance_id, "the auto-renewal setting", renewal, **where)
    # AutoRenew arrives as the string "True" or "False".
    renews = any(
        as_bool(i.get("AutoRenew")) for i in as_list(renewal.record.get("Item"))
    )
    if renews:
        return Finding.passed(
            instance_id, f"{words.capitalize()}, auto-renews", **where
        )
    return Finding.failed(
        instance_id, f"{words.capitalize()}, no auto-renewal", **where
    )
