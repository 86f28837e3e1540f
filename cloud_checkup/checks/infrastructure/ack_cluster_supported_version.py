"""ACK clusters run a Kubernetes version that is still supported."""

from __future__ import annotations

import re

from .._ack import CLUSTERS, where
from ..base import Category, Finding, Remediation, Severity, check

# ACK supports roughly the four latest minor versions; older ones get no fixes.
# FIXME:ack-versions: read the supported versions from DescribeKubernetesVersion-
# Metadata instead of this floor, which needs a yearly update.
MINIMUM_MINOR = (1, 30)
_VERSION = re.compile(r"^v?(?P<major>\d+)\.(?P<minor>\d+)")


@check(
    id="ack-cluster-supported-version",
    title="ACK clusters run a supported Kubernetes version",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each cluster's Kubernetes version and flags clusters older than "
        "1.30. Supported versions always run the API server with RBAC "
        "authorization and without basic authentication (removed in 1.19)."
    ),
    risk=(
        "Outdated versions receive no security fixes, and the oldest allow legacy "
        "authentication and authorization modes."
    ),
    remediation=Remediation(
        steps=(
            "Upgrade the control plane one minor version at a time from the "
            "cluster's Basic Information page, then the node pools.",
            "Check deprecated APIs used by your workloads before each step.",
        ),
        console_path=(
            "Container Service",
            "Clusters",
            "<cluster>",
            "Basic Information",
            "Upgrade",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/update-the-kubernetes-version-of-an-ack-cluster",
        command="aliyun cs GET /api/v1/clusters",
    ),
    needs=(CLUSTERS,),
    references=(
        "CIS 2.0.0 7.3",
        "CIS 2.0.0 7.6",
        "Cloud Config ack-cluster-supported-version",
    ),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    for cluster in inventory.records(CLUSTERS):
        cluster_id = cluster["cluster_id"]
        version = str(cluster.get("current_version") or "")
        match = _VERSION.match(version)
        if match is None:
            yield Finding.unknown(
                cluster_id, "The Kubernetes version was not returned", **where(cluster)
            )
        elif (int(match["major"]), int(match["minor"])) < MINIMUM_MINOR:
            text = f"Kubernetes {version} is no longer supported"
            yield Finding.failed(cluster_id, text, **where(cluster))
        else:
            yield Finding.passed(cluster_id, f"Kubernetes {version}", **where(cluster))
