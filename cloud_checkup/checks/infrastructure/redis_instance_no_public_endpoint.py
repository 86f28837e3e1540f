"""Redis (Tair) instances are reachable from their VPC only."""

from __future__ import annotations

from .._databases import REDIS, endpoint_verdict, public_addresses
from .._fields import as_list, dig
from ..base import Category, Remediation, Severity, check


@check(
    id="redis-instance-no-public-endpoint",
    title="Redis instances have no public endpoint",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the endpoints of each ApsaraDB for Redis (Tair) instance "
        "(DescribeDBInstanceNetInfo: NetInfoItems.InstanceNetInfo[].IPType) and "
        "flags instances with an endpoint of type Public."
    ),
    risk=(
        "A public endpoint puts the cache within reach of the whole Internet; only "
        "the whitelist and the password then keep out scans and brute force."
    ),
    remediation=Remediation(
        steps=(
            "Release the public endpoint and connect from the VPC, or over a VPN "
            "or Express Connect.",
            "If a public endpoint must stay, keep the whitelist to known addresses.",
        ),
        console_path=(*REDIS.console, "Connection Information"),
        doc_url="https://help.aliyun.com/zh/redis/api-describedbinstancenetinfo",
        command="aliyun r-kvstore DescribeDBInstanceNetInfo --InstanceId <instance>",
    ),
    needs=("redis.instances", "redis.net_info"),
    references=("Cloud Config redis-public-and-any-ip-access-check",),
    resource_type="ACS::REDIS::Instance",
)
def evaluate(inventory):
    return REDIS.findings(inventory, "redis.net_info", "the endpoints", _verdict)


def _verdict(instance_id, instance, answer, where):
    if answer is None:
        return None
    if "NetInfoItems" not in answer:
        return endpoint_verdict(instance_id, None, where)
    endpoints = as_list(dig(answer, "NetInfoItems.InstanceNetInfo"))
    public = public_addresses(endpoints, "IPType", "ConnectionString")
    return endpoint_verdict(instance_id, public, where)
