"""No subscription resource of any product runs out within 30 days unrenewed."""

from __future__ import annotations

from .._expiry import expiry_detail
from ..base import Category, Finding, Remediation, Severity, check

_GONE_STATES = frozenset({"released", "release"})
# Billing-centre product codes whose expiry a dedicated item already judges, with the
# product's own auto-renewal setting: ecs-subscription-not-expiring and
# rds-subscription-not-expiring. Reporting them here too would fail one instance twice.
DEDICATED_PRODUCTS = frozenset({"ecs", "rds"})


@check(
    id="subscription-not-expiring",
    title="No subscription resource expires within 30 days without auto-renewal",
    category=Category.STABILITY,
    severity=Severity.HIGH,
    description=(
        "Reads every subscription instance of the account from the billing centre "
        "and flags those that end within 30 days and are not set to auto-renew. "
        "Covers the products without an expiry item of their own (Redis, EIP, "
        "bandwidth plans, Security Center ...); ECS and RDS instances are judged by "
        "ecs-subscription-not-expiring and rds-subscription-not-expiring instead."
    ),
    risk=(
        "An expired resource is stopped and later released: a forgotten bandwidth "
        "plan or database takes the service down without warning."
    ),
    remediation=Remediation(
        steps=(
            "Renew the resource, or turn on auto-renewal for it.",
            "If it is being retired, make sure nothing still depends on it.",
        ),
        console_path=("Expenses", "Renewal Management"),
        doc_url="https://www.alibabacloud.com/help/en/user-center/user-guide/renewal-management",
        command=(
            "aliyun bssopenapi QueryAvailableInstances --SubscriptionType Subscription"
        ),
    ),
    needs=("bss.subscriptions",),
    references=(
        "Cloud Config ecs-instance-expired-check",
        "Cloud Config eip-address-expired-check",
        "Cloud Config slb-instance-expired-check",
    ),
    resource_type="ACS::BSS::Instance",
    applies_to="subscription resources of products without an expiry item of their own",
)
def evaluate(inventory):
    for instance in inventory.records("bss.subscriptions"):
        if str(instance.get("Status", "")).lower() in _GONE_STATES:
            continue
        if str(instance.get("SubscriptionType", "")).lower() != "subscription":
            continue
        if str(instance.get("ProductCode", "")).lower() in DEDICATED_PRODUCTS:
            continue
        yield _verdict(instance, inventory.now)


def _verdict(instance, now):
    product = instance.get("ProductCode") or "?"
    resource_id = f"{product}:{instance.get('InstanceID')}"
    where = {
        "region": instance.get("Region") or None,
        "name": instance.get("InstanceID"),
    }
    soon, words = expiry_detail(instance.get("EndTime"), now)
    if soon is None:
        return Finding.unknown(resource_id, words, **where)
    if not soon:
        return Finding.passed(resource_id, words.capitalize(), **where)
    # RenewStatus: AutoRenewal, ManualRenewal or NotRenewal.
    renewal = str(instance.get("RenewStatus") or "")
    if not renewal:
        text = f"{words.capitalize()}; RenewStatus was not returned"
        return Finding.unknown(resource_id, text, **where)
    if renewal.lower() == "autorenewal":
        return Finding.passed(
            resource_id, f"{words.capitalize()}, auto-renews", **where
        )
    return Finding.failed(
        resource_id, f"{words.capitalize()}, no auto-renewal", **where
    )
