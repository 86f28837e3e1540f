"""Where each product's API lives: version, style and endpoint per region, in one table.

Central and regional endpoints differ per product (RAM, IMS and STS are central; RDS,
PolarDB, Redis and MongoDB answer some regions on a central host; Security Center has
one endpoint for the Chinese mainland and one for everywhere else). New regions need no
change here: regional hosts are built from the region id.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import sls

# Regions answered by the central host of products that have one; every other region
# uses the regional host.
_DB_CENTRAL_REGIONS = frozenset(
    {
        "cn-qingdao",
        "cn-beijing",
        "cn-hangzhou",
        "cn-shanghai",
        "cn-shenzhen",
        "cn-heyuan",
        "cn-guangzhou",
        "cn-hongkong",
        "ap-southeast-1",
        "us-west-1",
        "us-east-1",
        "cn-hangzhou-finance",
        "cn-shanghai-finance-1",
        "cn-north-2-gov-1",
    }
)


@dataclass(frozen=True)
class Product:
    """One Alibaba Cloud API product.

    Attributes:
        code: the product code of RAM actions (``ecs`` in ``ecs:DescribeInstances``).
        prefix: the host prefix (``metrics`` for CloudMonitor's ``cms``).
        style: ``RPC``, ``ROA``, or ``SLS`` (Simple Log Service's own REST API, with
            its own signature and ``<region>.log.aliyuncs.com`` hosts).
        central: the product is global and has only ``<prefix>.aliyuncs.com``.
        central_regions: regions served by ``<prefix>.aliyuncs.com`` although the
            product is regional.
        mainland_host / international_host: for products with one host per site
            (Security Center).
        ram_code: the product's prefix in RAM policy actions when it differs from its
            API code (Security Center's ``sas`` API is authorised as ``yundun-sas``).
        regions: the regions the product is offered in, when it is not offered in
            every region; a scan does not call it elsewhere.
    """

    code: str
    version: str
    prefix: str
    style: str = "RPC"
    central: bool = False
    central_regions: frozenset[str] = frozenset()
    mainland_host: str | None = None
    international_host: str | None = None
    ram_code: str | None = None
    regions: frozenset[str] | None = None

    def offered_in(self, region: str | None) -> bool:
        return self.regions is None or region is None or region in self.regions

    @property
    def ram_prefix(self) -> str:
        return self.ram_code or self.code

    def host(self, region: str | None) -> str:
        if self.mainland_host and self.international_host:
            return (
                self.mainland_host if _is_mainland(region) else self.international_host
            )
        if self.style == "SLS" and region:
            return sls.service_host(region)
        if self.central or region is None or region in self.central_regions:
            return f"{self.prefix}.aliyuncs.com"
        return f"{self.prefix}.{region}.aliyuncs.com"


def _is_mainland(region: str | None) -> bool:
    return region is None or (region.startswith("cn-") and region != "cn-hongkong")


PRODUCTS: dict[str, Product] = {
    p.code: p
    for p in (
        Product("ecs", "2014-05-26", "ecs"),
        Product("vpc", "2016-04-28", "vpc"),
        Product("slb", "2014-05-15", "slb"),
        Product("alb", "2020-06-16", "alb"),
        Product("nlb", "2022-04-30", "nlb"),
        Product("ess", "2014-08-28", "ess"),
        Product("rds", "2014-08-15", "rds", central_regions=_DB_CENTRAL_REGIONS),
        Product(
            "polardb", "2017-08-01", "polardb", central_regions=_DB_CENTRAL_REGIONS
        ),
        Product(
            "r-kvstore",
            "2015-01-01",
            "r-kvstore",
            central_regions=_DB_CENTRAL_REGIONS,
            ram_code="kvstore",
        ),
        Product("dds", "2015-12-01", "mongodb", central_regions=_DB_CENTRAL_REGIONS),
        Product("gpdb", "2016-05-03", "gpdb"),
        Product("ram", "2015-05-01", "ram", central=True),
        Product("ims", "2019-08-15", "ims", central=True),
        Product("sts", "2015-04-01", "sts", central=True),
        Product("resourcecenter", "2022-12-01", "resourcecenter", central=True),
        Product("quotas", "2020-05-10", "quotas", central=True),
        Product("bssopenapi", "2017-12-14", "business", central=True, ram_code="bss"),
        Product("actiontrail", "2020-07-06", "actiontrail"),
        Product("kms", "2016-01-20", "kms"),
        Product("cms", "2019-01-01", "metrics"),
        Product("hbr", "2017-09-08", "hbr"),
        Product("cr", "2018-12-01", "cr"),
        Product(
            "config",
            "2020-09-07",
            "config",
            mainland_host="config.cn-shanghai.aliyuncs.com",
            international_host="config.ap-southeast-1.aliyuncs.com",
        ),
        Product(
            "sas",
            "2018-12-03",
            "tds",
            mainland_host="tds.aliyuncs.com",
            international_host="tds.ap-southeast-1.aliyuncs.com",
            ram_code="yundun-sas",
        ),
        Product("cs", "2015-12-15", "cs", style="ROA"),
        Product("pai-dsw", "2022-01-01", "pai-dsw", style="ROA", ram_code="paidsw"),
        Product(
            "aiworkspace",
            "2021-02-04",
            "aiworkspace",
            style="ROA",
            ram_code="paiworkspace",
        ),
        Product("eas", "2021-07-01", "pai-eas", style="ROA"),
        Product("pai-dlc", "2020-12-03", "pai-dlc", style="ROA", ram_code="paidlc"),
        Product("bailian", "2023-12-29", "bailian", style="ROA"),
        Product(
            "modelstudio",
            "2026-02-10",
            "modelstudio",
            style="ROA",
            # Model Studio's API is served in Singapore, Virginia and Beijing only.
            regions=frozenset({"ap-southeast-1", "us-east-1", "cn-beijing"}),
        ),
        Product("elasticsearch", "2017-06-13", "elasticsearch", style="ROA"),
        Product("sls", "2020-12-30", "log", style="SLS", ram_code="log"),
    )
}


def product(code: str) -> Product:
    try:
        return PRODUCTS[code]
    except KeyError:
        raise KeyError(f"no endpoint is known for product {code!r}") from None


def ram_action(product_code: str, action: str) -> str:
    """The action as a RAM policy names it: ``yundun-sas:DescribeVersionConfig``."""
    prefix = "oss" if product_code == "oss" else product(product_code).ram_prefix
    return f"{prefix}:{action}"


def oss_service_host(region: str) -> str:
    return f"oss-{region}.aliyuncs.com"


def oss_bucket_host(bucket: str, region: str) -> str:
    return f"{bucket}.oss-{region}.aliyuncs.com"
