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
        "30 days and do not have auto-renewal turned on (AutoRenew of the "
        "instance's DescribeInstanceAutoRenewalAttribute record). An instance the "
        "answer holds no record of is not checked."
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
    renews = _auto_renews(renewal.record, instance_id)
    if renews is None:
        text = f"{words.capitalize()}; the answer gave no AutoRenew for the instance"
        return Finding.unknown(instance_id, text, **where)
    if renews:
        return Finding.passed(
            instance_id, f"{words.capitalize()}, auto-renews", **where
        )
    return Finding.failed(
        instance_id, f"{words.capitalize()}, no auto-renewal", **where
    )


def _auto_renews(answer, instance_id):
    """Whether the answer's record of the instance says it renews itself; None when
    the answer holds no such record, or the record no AutoRenew.

    A record of another instance says nothing about this one.
    """
    # AutoRenew arrives as the string "True" or "False".
    settings = [
        as_bool(item.get("AutoRenew"))
        for item in as_list(answer.get("Item"))
        if str(item.get("DBInstanceId") or "") == instance_id
    ]
    if any(settings):
        return True
    if not settings or None in settings:
        return None
    return False
