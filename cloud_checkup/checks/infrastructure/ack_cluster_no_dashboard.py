"""ACK clusters do not run the Kubernetes web dashboard."""

from __future__ import annotations

from .._ack import CLUSTERS, addon_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="ack-cluster-no-dashboard",
    title="The Kubernetes dashboard is not installed on ACK clusters",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Lists each cluster's add-ons and flags clusters running kubernetes-dashboard."
    ),
    risk=(
        "The dashboard has been a common way into clusters: exposed or over-"
        "privileged, it gives a web console over every workload."
    ),
    remediation=Remediation(
        steps=(
            "Uninstall kubernetes-dashboard from the cluster's Add-ons page.",
            "Use the ACK console or kubectl with RAM-based access instead.",
        ),
        console_path=("Container Service", "Clusters", "<cluster>", "Add-ons"),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/manage-system-components",
        command="aliyun cs GET /clusters/<cluster>/addon_instances",
    ),
    needs=(CLUSTERS, "cs.cluster_addons"),
    references=("CIS 2.0.0 7.5",),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    return addon_findings(inventory, _verdict)


def _verdict(addons):
    if "kubernetes-dashboard" in addons:
        return False, "kubernetes-dashboard is installed"
    return True, "No dashboard installed"
