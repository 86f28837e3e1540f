"""Route a request by its Alibaba Cloud hostname to a product, region or OSS bucket.

One table maps each endpoint prefix to the product code used as a dataset key.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

DOMAIN = ".aliyuncs.com"

# Endpoint prefix -> product code (the RAM action prefix and the dataset key).
ENDPOINT_PREFIXES: dict[str, str] = {
    "ecs": "ecs",
    "vpc": "vpc",
    "slb": "slb",
    "alb": "alb",
    "nlb": "nlb",
    "ess": "ess",
    "rds": "rds",
    "polardb": "polardb",
    "r-kvstore": "r-kvstore",
    "mongodb": "dds",
    "gpdb": "gpdb",
    "ram": "ram",
    "ims": "ims",
    "sts": "sts",
    "actiontrail": "actiontrail",
    "kms": "kms",
    "metrics": "cms",
    "tds": "sas",
    "cs": "cs",
    "pai-dsw": "pai-dsw",
    "aiworkspace": "aiworkspace",
    "pai-eas": "eas",
    "pai-dlc": "pai-dlc",
    "bailian": "bailian",
    "modelstudio": "modelstudio",
    "elasticsearch": "elasticsearch",
    "green-cip": "green",
    "cr": "cr",
    "resourcecenter": "resourcecenter",
    "config": "config",
    "quotas": "quotas",
    "hbr": "hbr",
    "business": "bssopenapi",
}

# Products with one account-wide endpoint; the dataset keeps them under "global".
GLOBAL_PRODUCTS = frozenset(
    {"ram", "ims", "sts", "resourcecenter", "quotas", "bssopenapi", "oss", "config"}
)

PRODUCT_CODES = frozenset(ENDPOINT_PREFIXES.values()) | {"sls", "oss"}

_REGION = r"[a-z]{2}(?:-[a-z0-9]+)+"
_OSS_SERVICE_RE = re.compile(rf"^oss-(?P<region>{_REGION})(?:-internal)?$")
_OSS_BUCKET_RE = re.compile(
    rf"^(?P<bucket>[a-z0-9][a-z0-9-]{{1,61}}[a-z0-9])\.oss-(?P<region>{_REGION})"
    r"(?:-internal)?$"
)
_SLS_RE = re.compile(
    rf"^(?:(?P<project>[a-z0-9][a-z0-9-]{{1,61}}[a-z0-9])\.)?(?P<region>{_REGION})\.log$"
)


@dataclass(frozen=True)
class Route:
    """Where a hostname points.

    Attributes:
        kind: ``openapi``, ``oss_service`` (ListBuckets), ``oss_bucket``, or ``sls``
            (Simple Log Service's REST API).
        region: the region named by the host, or None for a central host.
        project: the SLS project named by the host, if any.
    """

    host: str
    kind: str
    product: str
    region: str | None = None
    bucket: str | None = None
    project: str | None = None

    @property
    def is_oss(self) -> bool:
        return self.kind.startswith("oss")

    @property
    def is_sls(self) -> bool:
        return self.kind == "sls"


@functools.lru_cache(maxsize=4096)
def route_host(host: str) -> Route | None:
    """Return the route for an Alibaba Cloud hostname, or None if it is not one.

    Cached: a scan sends thousands of requests to a few hundred hostnames.
    """
    host = host.lower().rsplit(":", 1)[0] if ":" in host else host.lower()
    if not host.endswith(DOMAIN):
        return None
    name = host[: -len(DOMAIN)]
    if match := _OSS_SERVICE_RE.match(name):
        return Route(host, "oss_service", "oss", match["region"])
    if match := _OSS_BUCKET_RE.match(name):
        return Route(host, "oss_bucket", "oss", match["region"], match["bucket"])
    if match := _SLS_RE.match(name):
        return Route(host, "sls", "sls", match["region"], project=match["project"])
    prefix, _, region = name.partition(".")
    if prefix not in ENDPOINT_PREFIXES and not region:
        # The SDKs' endpoint maps also use "<prefix>-<region>" (ecs-cn-hangzhou).
        prefix, region = _split_dashed(name)
    product = ENDPOINT_PREFIXES.get(prefix)
    if product is None or (region and not re.fullmatch(_REGION, region)):
        return None
    return Route(host, "openapi", product, region or None)


def _split_dashed(name: str) -> tuple[str, str]:
    for prefix in sorted(ENDPOINT_PREFIXES, key=len, reverse=True):
        if name.startswith(prefix + "-"):
            return prefix, name[len(prefix) + 1 :]
    return name, ""
