"""ACK cluster API servers are not exposed on the Internet."""

from __future__ import annotations

from .._ack import CLUSTERS, json_field, where
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ack-cluster-private-api-server",
    title="ACK cluster API servers have no public endpoint",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads each cluster's endpoints (master_url, JSON in a string) and flags "
        "clusters whose Kubernetes API server has a public endpoint."
    ),
    risk=(
        "A public API server is probed constantly; a leaked kubeconfig, token or a "
        "Kubernetes vulnerability then gives control of every workload."
    ),
    remediation=Remediation(
        steps=(
            "Reach the API server from the VPC, a VPN or a bastion host instead.",
            "Unbind the EIP from the API server's SLB in the cluster's basic "
            "information.",
        ),
        console_path=(
            "Container Service",
            "Clusters",
            "<cluster>",
            "Basic Information",
            "API Server Public Endpoint",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/control-public-access-to-the-api-server-of-a-cluster",
        command="aliyun cs GET /clusters/<cluster>",
    ),
    needs=(CLUSTERS,),
    references=("CIS 2.0.0 7.9", "Cloud Config ack-cluster-public-endpoint-check"),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    for cluster in inventory.records(CLUSTERS):
        cluster_id = cluster["cluster_id"]
        endpoints = json_field(cluster, "master_url")
        if endpoints is None:
            yield Finding.unknown(
                cluster_id,
                "The cluster's endpoints were not returned",
                **where(cluster),
            )
        elif endpoints.get("api_server_endpoint"):
            text = f"Public API server at {endpoints['api_server_endpoint']}"
            yield Finding.failed(cluster_id, text, **where(cluster))
        else:
            yield Finding.passed(
                cluster_id, "Private API server only", **where(cluster)
            )
