"""Redis (Tair) instances encrypt client connections with TLS."""

from __future__ import annotations

from .._databases import REDIS, switch_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="redis-instance-ssl-enabled",
    title="Redis instances have TLS (SSL) encryption enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the TLS settings of each ApsaraDB for Redis (Tair) instance "
        "(DescribeInstanceSSL: SSLEnabled, Enable or Disable) and flags instances "
        "where TLS is off. Versions without TLS (IncorrectEngineVersion) are skipped."
    ),
    risk=(
        "Without TLS, the password sent by AUTH and every cached value cross the "
        "network in clear text, readable by anyone who can capture the traffic."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's TLS Settings, turn on TLS encryption (the instance "
            "restarts; do it off-peak).",
            "Configure clients to connect over TLS and verify the CA certificate.",
        ),
        console_path=(*REDIS.console, "Data Security", "TLS Settings"),
        doc_url="https://www.alibabacloud.com/help/en/redis/developer-reference/api-r-kvstore-2015-01-01-describeinstancessl-redis",
        command="aliyun r-kvstore DescribeInstanceSSL --InstanceId <instance>",
    ),
    needs=("redis.instances", "redis.ssl"),
    references=("Cloud Config redis-instance-enabled-ssl",),
    resource_type="ACS::REDIS::Instance",
)
def evaluate(inventory):
    return switch_findings(inventory, REDIS, "redis.ssl", "SSLEnabled", "TLS")
