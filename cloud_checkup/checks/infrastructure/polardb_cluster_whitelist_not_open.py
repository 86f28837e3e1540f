"""PolarDB clusters do not accept connections from any IP address."""

from __future__ import annotations

from .._databases import POLARDB, Whitelist, whitelist_verdict
from ..base import Category, Remediation, Severity, check

_WHITELIST = Whitelist(
    groups="Items.DBClusterIPArray",
    name="DBClusterIPArrayName",
    addresses="SecurityIps",
    attribute="DBClusterIPArrayAttribute",
)


@check(
    id="polardb-cluster-whitelist-not-open",
    title="PolarDB cluster whitelists do not allow every address",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads the IP whitelists of each PolarDB cluster "
        "(DescribeDBClusterAccessWhitelist: Items.DBClusterIPArray[].SecurityIps) "
        "and flags clusters with an entry that admits every address (0.0.0.0/0, "
        "0.0.0.0, ::/0). Hidden groups, kept by Alibaba Cloud services, are skipped."
    ),
    risk=(
        "With 0.0.0.0/0 in the whitelist, only the database password stands between "
        "the Internet and the data once the cluster has a public endpoint."
    ),
    remediation=Remediation(
        steps=(
            "Replace 0.0.0.0/0 with the private addresses or vSwitch CIDR blocks of "
            "the application servers, or use security groups instead.",
            "Release public endpoints that nothing outside the VPC needs.",
        ),
        console_path=(*POLARDB.console, "Settings and Management", "Whitelists"),
        doc_url="https://www.alibabacloud.com/help/en/polardb/polardb-for-mysql/user-guide/configure-a-whitelist-for-a-cluster",
        command=(
            "aliyun polardb DescribeDBClusterAccessWhitelist --DBClusterId <cluster>"
        ),
    ),
    needs=("polardb.clusters", "polardb.access_whitelists"),
    references=(
        "Cloud Config polardb-public-access-check",
        "Cloud Config polardb-public-and-any-ip-access-check",
    ),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    return POLARDB.findings(
        inventory, "polardb.access_whitelists", "the whitelists", _verdict
    )


def _verdict(cluster_id, cluster, answer, where):
    if answer is None:
        return None
    return whitelist_verdict(cluster_id, _WHITELIST.open_entries(answer), where)
