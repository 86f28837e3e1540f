"""Alibaba Cloud's per-action API rate limits, in one table the sandbox can enforce.

Alibaba counts calls per account, per region and per action in fixed windows (a call
throttled in minute T succeeds again in minute T+1) and answers the excess with
``Throttling.User`` and ``x-acs-retry-after``. Figures come from the products' quota
pages as collected in ``shared/reference/alibaba-api-behaviour.md`` section 1; where
Alibaba publishes none, the row says ``assumed`` and why. Enforcement is off by default
(``Faults(rate_limits=True)``, ``--faults limits=alibaba``) and on in the benchmark.
"""

from __future__ import annotations

import fnmatch
import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimit:
    """``calls`` per ``window`` seconds, per (account, region, action).

    Attributes:
        source: where the figure comes from, or why it is assumed.
    """

    calls: float
    window: float
    source: str = "assumed"

    @property
    def per_second(self) -> float:
        return self.calls / self.window


_ECS_ASSUMED = (
    "assumed: ECS Describe* quotas are unpublished; visible rows are 500-2000/60 s"
)
_DEFAULT_ASSUMED = "assumed: no quota page found; typical read quota of 100/1 s"

# (product, action pattern) -> limit; the first matching row wins.
RATE_LIMITS: list[tuple[str, str, RateLimit]] = [
    ("ram", "*", RateLimit(100, 1, "RAM API quota: reads 100/1 s")),
    ("ims", "*", RateLimit(100, 1, "assumed: as RAM (no IMS quota page)")),
    ("sts", "GetCallerIdentity", RateLimit(100, 1, "STS API quota: 100/1 s")),
    ("actiontrail", "LookupEvents", RateLimit(2, 1, "ActionTrail limits: 2/s")),
    ("actiontrail", "*", RateLimit(100, 1, "ActionTrail: DescribeTrails 100/1 s")),
    ("cms", "DescribeMetric*", RateLimit(50, 1, "CloudMonitor quota: 50/1 s")),
    ("cms", "*", RateLimit(50, 1, "assumed: as CloudMonitor's metric reads")),
    ("sas", "*", RateLimit(10, 1, "Security Center quota: most Describe* 10/1 s")),
    ("vpc", "DescribeNetworkAcls", RateLimit(30, 60, "VPC quota: 30/60 s")),
    ("vpc", "*", RateLimit(600, 60, "assumed: as VPC's visible VPN reads, 600/60 s")),
    ("ecs", "DescribeSnapshots", RateLimit(1000, 60, "ECS quota: 1000/60 s")),
    ("ecs", "*", RateLimit(1000, 60, _ECS_ASSUMED)),
    ("r-kvstore", "DescribeSecurityIps", RateLimit(200, 60, "Redis quota: 200/60 s")),
    ("r-kvstore", "*", RateLimit(100, 1, "Redis: DescribeInstanceConfig 100/1 s")),
    ("dds", "DescribeAuditPolicy", RateLimit(30, 60, "MongoDB API: 30 per minute")),
    ("resourcecenter", "*", RateLimit(20, 1, "Resource Center quota: 20/1 s")),
    ("oss", "*", RateLimit(100, 1, "assumed: OSS meta-operation QPS is unpublished")),
    ("*", "*", RateLimit(100, 1, _DEFAULT_ASSUMED)),
]  # fmt: skip


@functools.lru_cache(maxsize=1024)
def limit_for(product: str, action: str) -> RateLimit | None:
    """The rate limit the sandbox enforces on ``product:action`` (looked up once)."""
    for row_product, pattern, limit in RATE_LIMITS:
        if fnmatch.fnmatchcase(product, row_product) and fnmatch.fnmatchcase(
            action, pattern
        ):
            return limit
    return None
