"""Generate a large, deterministic sandbox account for scale tests and the benchmark.

``generate(regions=20, resources=10_000, seed=1)`` returns a dataset mapping (format
``cloud-checkup-sandbox/1``) whose responses use Alibaba's own field names, in the
proportions of a typical production account: mostly instances and their disks, fewer
security groups (each with many rules), databases, buckets, RAM users, load
balancers, containers and AI assets, with good and bad settings mixed. It answers
every action the app calls. The same arguments always give the same account.

Each module here builds one family of products; regional builders run region by
region, then the account-wide ones, which may describe what the regions hold (the
billing centre lists the subscriptions of every region, Security Center the agent
of every instance).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from . import (
    ai,
    billing,
    compliance,
    compute,
    containers,
    databases,
    identity,
    kms,
    load_balancers,
    logs,
    monitoring,
    network,
    security_center,
    storage,
)
from ._common import ACCOUNT_ID, Account, Region, Services, spread

__all__ = ["ACCESS_KEY_ID", "ACCESS_KEY_SECRET", "ACCOUNT_ID", "generate", "region_ids"]

ACCESS_KEY_ID = "LTAI5tGeneratedAuditor01"
ACCESS_KEY_SECRET = "generated-sandbox-secret-not-real"

# Share of the resource budget per kind (they add up to the whole budget); disks come
# with instances (about 1.4 each). No share is below 0.2 %, so an account of 400
# resources holds at least one of each kind. Settings (rules, entries, listeners,
# alarm rules, subscriptions) are not resources and come on top.
REGIONAL_SHARES: dict[str, float] = {
    "instances": 0.25,
    "disks": 0.35,
    "security_groups": 0.05,
    "vpcs": 0.02,
    "load_balancers": 0.03,
    "rds": 0.04,
    "redis": 0.02,
    "mongodb": 0.01,
    "polardb": 0.01,
    "kms_keys": 0.01,
    "dsw": 0.01,
    "eas": 0.01,
    "dlc_jobs": 0.02,
    "gpdb": 0.01,
    "sls_projects": 0.01,
    "eips": 0.01,
    "scaling_groups": 0.003,
    "clb_acls": 0.003,
    "albs": 0.004,
    "nlbs": 0.002,
    "nat_gateways": 0.002,
    "deployment_sets": 0.002,
    "ack_clusters": 0.002,
    "cr_instances": 0.002,
    "elasticsearch": 0.002,
    "workspaces": 0.002,
    "eas_gateways": 0.002,
}
GLOBAL_SHARES: dict[str, float] = {
    "buckets": 0.05,
    "ram_users": 0.04,
    "ram_roles": 0.015,
    "custom_policies": 0.005,
    "api_keys": 0.004,
}

# In the order they run: later builders read what earlier ones left in the Region.
REGIONAL_BUILDERS: tuple[Callable[[Region], None], ...] = (
    network.vpcs,
    compute.build,
    databases.build,
    load_balancers.build,
    network.internet_access,
    containers.build,
    kms.build,
    ai.build,
    logs.build,
)
ACCOUNT_BUILDERS: tuple[Callable[[Account], None], ...] = (
    storage.build,
    identity.build,
    ai.api_keys,
    security_center.build,
    monitoring.build,
    billing.build,
    compliance.build,
)

_BASE_REGIONS = (
    "cn-hangzhou",
    "cn-shanghai",
    "cn-beijing",
    "cn-shenzhen",
    "cn-qingdao",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-chengdu",
    "cn-guangzhou",
    "cn-heyuan",
    "cn-hongkong",
    "ap-southeast-1",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-northeast-1",
    "ap-northeast-2",
    "us-west-1",
    "us-east-1",
    "eu-central-1",
    "eu-west-1",
    "me-east-1",
    "ap-southeast-6",
    "ap-southeast-7",
    "cn-fuzhou",
    "cn-nanjing",
)


def region_ids(count: int) -> list[str]:
    """``count`` real-looking region ids (real ones first, then numbered ones)."""
    regions = list(_BASE_REGIONS[:count])
    regions += [f"xx-generated-{n}" for n in range(1, count - len(regions) + 1)]
    return regions


def generate(regions: int = 20, resources: int = 10_000, seed: int = 1) -> dict:
    """A dataset of about ``resources`` resources spread over ``regions`` regions.

    Raises:
        ValueError: fewer than one region or a negative resource count.
    """
    if regions < 1 or resources < 0:
        raise ValueError("need at least one region and a non-negative resource count")
    rng = random.Random(seed)
    names = region_ids(regions)
    services: Services = {}
    for index, name in enumerate(names):
        counts = {
            kind: spread(resources * share, regions, index)
            for kind, share in REGIONAL_SHARES.items()
        }
        region = Region(rng, counts, services, name, index)
        for build in REGIONAL_BUILDERS:
            build(region)
    counts = {kind: round(resources * s) for kind, s in GLOBAL_SHARES.items()}
    account = Account(rng, counts, services, regions=names)
    for build in ACCOUNT_BUILDERS:
        build(account)
    return _dataset(names, services, f"generated-{regions}r-{resources}")


def _dataset(regions: list[str], services: Services, alias: str) -> dict[str, Any]:
    return {
        "format": "cloud-checkup-sandbox/1",
        "account": {"id": ACCOUNT_ID, "alias": alias},
        "identities": [
            {
                "access_key_id": ACCESS_KEY_ID,
                "access_key_secret": ACCESS_KEY_SECRET,
                "arn": f"acs:ram::{ACCOUNT_ID}:user/checkup-auditor",
            }
        ],
        "regions": regions,
        "services": services,
    }
