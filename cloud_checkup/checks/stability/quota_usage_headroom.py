"""Quotas of key products keep room to scale out and recover."""

from __future__ import annotations

import json

from ..base import Category, Finding, Remediation, Severity, check

_THRESHOLD = 0.8
# The collections of app/collections/quotas.py, one per product code.
_QUOTAS = ("quotas.ecs", "quotas.vpc")


@check(
    id="quota-usage-below-80-percent",
    title="ECS and VPC quotas are less than 80% used",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the ECS and VPC quotas from Quota Center and flags those whose usage "
        "has reached 80% of the quota. Quotas without a usage figure are skipped."
    ),
    risk=(
        "A quota at its limit makes the next scale-out, failover or recovery fail "
        "exactly when capacity is needed, and raising it takes a request and time."
    ),
    remediation=Remediation(
        steps=(
            "Request a quota increase in Quota Center for the quotas near the limit.",
            "Set a quota alarm so that you hear of the next one in advance.",
        ),
        console_path=("Quota Center", "Product Quotas", "<product>"),
        doc_url="https://www.alibabacloud.com/help/en/quota-center/user-guide/submit-an-application-to-increase-a-quota",
        command="aliyun quotas ListProductQuotas --ProductCode ecs",
    ),
    needs=_QUOTAS,
    references=(
        "Cloud Governance Center: resource quota usage",
        "Cloud Config vswitch-available-ip-count",
    ),
    resource_type="ACS::Quotas::Quota",
)
def evaluate(inventory):
    for collection in _QUOTAS:
        for quota in inventory.records(collection):
            finding = _verdict(quota)
            if finding is not None:
                yield finding


def _verdict(quota):
    limit = _number(quota.get("TotalQuota"))
    used = _number(quota.get("TotalUsage"))
    if not limit or used is None:
        return None
    region = _dimension_region(quota.get("Dimensions"))
    resource_id = f"{quota.get('ProductCode')}/{quota.get('QuotaActionCode')}"
    if region:
        resource_id += f"@{region}"
    where = {"region": region, "name": quota.get("QuotaName")}
    share = used / limit
    words = f"{used:g} of {limit:g} used ({share:.0%})"
    if share >= _THRESHOLD:
        return Finding.failed(resource_id, words, **where)
    return Finding.passed(resource_id, words, **where)


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _dimension_region(dimensions):
    # Dimensions come as an object or as JSON inside a string: {"regionId": "..."}.
    if isinstance(dimensions, str):
        try:
            dimensions = json.loads(dimensions)
        except ValueError:
            return None
    if isinstance(dimensions, dict):
        return dimensions.get("regionId") or None
    return None
