"""PolarDB clusters are reachable from their VPC only."""

from __future__ import annotations

from .._databases import POLARDB, endpoint_verdict, public_addresses
from .._fields import as_list
from ..base import Category, Remediation, Severity, check


@check(
    id="polardb-cluster-no-public-endpoint",
    title="PolarDB clusters have no public endpoint",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the endpoints of each PolarDB cluster (DescribeDBClusterEndpoints: "
        "Items[].AddressItems[].NetType) and flags clusters with an address of type "
        "Public on any endpoint: primary, cluster or custom."
    ),
    risk=(
        "A public endpoint puts the database within reach of the whole Internet; "
        "only the whitelist and the password then keep out scans and brute force."
    ),
    remediation=Remediation(
        steps=(
            "Release the public address of each endpoint and connect from the VPC, "
            "or over a VPN or Express Connect.",
            "If a public address must stay, keep the whitelist to known addresses.",
        ),
        console_path=(*POLARDB.console, "Basic Information", "Database Connections"),
        doc_url="https://help.aliyun.com/en/document_detail/475782.html",
        command="aliyun polardb DescribeDBClusterEndpoints --DBClusterId <cluster>",
    ),
    needs=("polardb.clusters", "polardb.endpoints"),
    references=(
        "Cloud Config polardb-cluster-address-no-public",
        "Cloud Config polardb-public-and-any-ip-access-check",
    ),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    return POLARDB.findings(inventory, "polardb.endpoints", "the endpoints", _verdict)


def _verdict(cluster_id, cluster, answer, where):
    if answer is None:
        return None
    if "Items" not in answer:
        return endpoint_verdict(cluster_id, None, where)
    addresses = [
        address
        for endpoint in as_list(answer["Items"])
        for address in as_list(endpoint.get("AddressItems"))
    ]
    public = public_addresses(addresses, "NetType", "ConnectionString")
    return endpoint_verdict(cluster_id, public, where)
