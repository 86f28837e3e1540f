"""ACK node pools report to CloudMonitor."""

from __future__ import annotations

from .._ack import CLUSTERS, cluster_findings
from .._fields import as_bool, as_list, dig
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ack-cluster-cloudmonitor",
    title="ACK node pools have CloudMonitor enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Reads each cluster's node pools and flags clusters with a node pool "
        "whose nodes do not install the CloudMonitor agent (cms_enabled false)."
    ),
    risk=(
        "Nodes without monitoring fail silently: exhausted disks or memory are "
        "found by users, not by alarms."
    ),
    remediation=Remediation(
        steps=(
            "Edit the node pool and select 'Install CloudMonitor Agent on ECS "
            "Nodes'; existing nodes need the agent installed or a rolling "
            "replacement.",
        ),
        console_path=("Container Service", "Clusters", "<cluster>", "Node Pools"),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/create-a-node-pool",
        command="aliyun cs GET /clusters/<cluster>/nodepools",
    ),
    needs=(CLUSTERS, "cs.cluster_node_pools"),
    references=("CIS 2.0.0 7.2",),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    return cluster_findings(
        inventory, "cs.cluster_node_pools", "the node pools", _verdict
    )


def _verdict(cluster_id, cluster, pools, where):
    pools = as_list((pools or {}).get("nodepools"))
    if not pools:
        # Serverless clusters have no node pools to monitor.
        return None
    states = [
        (_pool_name(pool), as_bool(dig(pool, "kubernetes_config.cms_enabled")))
        for pool in pools
    ]
    unmonitored = [name for name, monitored in states if monitored is False]
    if unmonitored:
        text = "No CloudMonitor agent on node pool(s) " + ", ".join(unmonitored)
        return Finding.failed(cluster_id, text, **where)
    unsaid = [name for name, monitored in states if monitored is None]
    if unsaid:
        text = "cms_enabled was not returned for node pool(s) " + ", ".join(unsaid)
        return Finding.unknown(cluster_id, text, **where)
    return Finding.passed(cluster_id, "Every node pool has CloudMonitor", **where)


def _pool_name(pool):
    return str(
        dig(pool, "nodepool_info.name") or dig(pool, "nodepool_info.nodepool_id")
    )
