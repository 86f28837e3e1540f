"""The billing centre: every subscription of the account, with its expiry and
renewal, as the regions' products describe them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._common import Account, from_now, past_time


@dataclass(frozen=True)
class _Source:
    """Where a product lists its resources, and the fields that tell a subscription
    (``pay`` holding ``prepaid``) and when it ends."""

    product: str
    action: str
    items: str
    id_field: str
    pay: str
    prepaid: str
    ends: str
    code: str  # the billing centre's product code


_SOURCES = (
    _Source("ecs", "DescribeInstances", "Instances.Instance", "InstanceId",
            "InstanceChargeType", "PrePaid", "ExpiredTime", "ecs"),
    _Source("rds", "DescribeDBInstances", "Items.DBInstance", "DBInstanceId",
            "PayType", "Prepaid", "ExpireTime", "rds"),
    _Source("r-kvstore", "DescribeInstances", "Instances.KVStoreInstance",
            "InstanceId", "ChargeType", "PrePaid", "EndTime", "redisa"),
    _Source("dds", "DescribeDBInstances", "DBInstances.DBInstance", "DBInstanceId",
            "ChargeType", "PrePaid", "ExpireTime", "dds"),
    _Source("polardb", "DescribeDBClusters", "Items.DBCluster", "DBClusterId",
            "PayType", "Prepaid", "ExpireTime", "polardb"),
)  # fmt: skip
_RENEWAL = {"AutoRenewal": 0.5, "ManualRenewal": 0.4, "NotRenewal": 0.1}


def build(a: Account) -> None:
    subscriptions = [*_from_regions(a), *_account_wide(a)]
    a.put(
        "bssopenapi",
        "QueryAvailableInstances",
        {"Success": True, "Code": "Success", "Data": {"InstanceList": subscriptions}},
    )


def _from_regions(a: Account) -> Iterator[dict[str, Any]]:
    for source in _SOURCES:
        for resource in a.listed(source.product, source.action, source.items):
            if resource.get(source.pay) == source.prepaid:
                yield _subscription(
                    a,
                    source.code,
                    resource[source.id_field],
                    resource["RegionId"],
                    resource[source.ends],
                )


def _account_wide(a: Account) -> Iterator[dict[str, Any]]:
    """Products with no expiry item of their own: Security Center and WAF."""
    home = a.regions[0]
    for code, instance_id in (("sas", "sas-generated"), ("waf", "waf-generated")):
        yield _subscription(a, code, instance_id, home, from_now(a.rng.randint(5, 300)))


def _subscription(
    a: Account, code: str, instance_id: str, region: str, ends: str
) -> dict[str, Any]:
    return {
        "InstanceID": instance_id,
        "ProductCode": code,
        "SubscriptionType": "Subscription",
        "Region": region,
        "Status": "Normal",
        "SubStatus": "Normal",
        "CreateTime": past_time(a.rng, seconds=True),
        "EndTime": ends,
        "RenewStatus": a.pick(_RENEWAL),
        "RenewalDuration": 1,
        "RenewalDurationUnit": "M",
    }
