"""PolarDB clusters encrypt client connections with SSL on every endpoint."""

from __future__ import annotations

from .._databases import POLARDB
from .._fields import as_list, is_on
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="polardb-cluster-ssl-enabled",
    title="PolarDB clusters have SSL encryption enabled on every endpoint",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the SSL settings of each PolarDB cluster (DescribeDBClusterSSL: "
        "Items[].SSLEnabled per endpoint, Enabled or Disabled) and flags clusters "
        "with an endpoint where SSL is off."
    ),
    risk=(
        "Without SSL, credentials, queries and results cross the network in clear "
        "text through the endpoint that lacks it."
    ),
    remediation=Remediation(
        steps=(
            "In the cluster's Security Management page, turn on SSL for the primary "
            "endpoint and for each cluster endpoint.",
            "Configure clients to connect with SSL and verify the CA certificate.",
        ),
        console_path=(*POLARDB.console, "Settings and Management", "Security", "SSL"),
        doc_url="https://www.alibabacloud.com/help/en/polardb/api-polardb-2017-08-01-describedbclusterssl",
        command="aliyun polardb DescribeDBClusterSSL --DBClusterId <cluster>",
    ),
    needs=("polardb.clusters", "polardb.ssl"),
    references=("Cloud Config polardb-cluster-enabled-ssl",),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    return POLARDB.findings(inventory, "polardb.ssl", "the SSL settings", _verdict)


def _verdict(cluster_id, cluster, answer, where):
    if answer is None:
        return None
    endpoints = as_list(answer.get("Items"))
    if not endpoints:
        text = "No endpoint's SSL setting was returned"
        return Finding.unknown(cluster_id, text, **where)
    states = {
        str(endpoint.get("DBEndpointId") or "endpoint"): is_on(
            endpoint.get("SSLEnabled")
        )
        for endpoint in endpoints
    }
    off = sorted(name for name, state in states.items() if state is False)
    if off:
        return Finding.failed(cluster_id, "SSL off on " + ", ".join(off), **where)
    unread = sorted(name for name, state in states.items() if state is None)
    if unread:
        text = "SSL state not returned for " + ", ".join(unread)
        return Finding.unknown(cluster_id, text, **where)
    return Finding.passed(cluster_id, "SSL on for every endpoint", **where)
