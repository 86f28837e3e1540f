"""Redis (Tair) instances do not accept connections from any IP address."""

from __future__ import annotations

from .._databases import REDIS, Whitelist, whitelist_verdict
from ..base import Category, Remediation, Severity, check

_WHITELIST = Whitelist(
    groups="SecurityIpGroups.SecurityIpGroup",
    name="SecurityIpGroupName",
    addresses="SecurityIpList",
    attribute="SecurityIpGroupAttribute",
)


@check(
    id="redis-instance-whitelist-not-open",
    title="Redis instance whitelists do not allow every address",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads the IP whitelist groups of each ApsaraDB for Redis (Tair) instance "
        "(DescribeSecurityIps: SecurityIpGroups.SecurityIpGroup[].SecurityIpList) "
        "and flags instances with an entry that admits every address (0.0.0.0/0, "
        "0.0.0.0, ::/0). Hidden groups, kept by Alibaba Cloud services, are skipped."
    ),
    risk=(
        "A cache open to every address is one leaked or guessed password away from "
        "being read, flushed or used to plant data; many caches hold sessions and "
        "tokens."
    ),
    remediation=Remediation(
        steps=(
            "Replace 0.0.0.0/0 with the private addresses or vSwitch CIDR blocks of "
            "the application servers.",
            "Release the public endpoint if nothing outside the VPC needs it.",
        ),
        console_path=(*REDIS.console, "Whitelist Settings"),
        doc_url="https://www.alibabacloud.com/help/en/redis/developer-reference/api-r-kvstore-2015-01-01-modifysecurityips-redis",
        command="aliyun r-kvstore DescribeSecurityIps --InstanceId <instance>",
    ),
    needs=("redis.instances", "redis.security_ips"),
    references=("Cloud Config redis-public-and-any-ip-access-check",),
    resource_type="ACS::REDIS::Instance",
)
def evaluate(inventory):
    return REDIS.findings(inventory, "redis.security_ips", "the whitelists", _verdict)


def _verdict(instance_id, instance, answer, where):
    if answer is None:
        return None
    return whitelist_verdict(instance_id, _WHITELIST.open_entries(answer), where)
