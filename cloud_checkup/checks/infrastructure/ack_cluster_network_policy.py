"""ACK clusters can enforce Kubernetes network policies."""

from __future__ import annotations

from .._ack import CLUSTERS, addon_findings
from ..base import Category, Remediation, Severity, check

# Terway enforces NetworkPolicy; Flannel does not.
_POLICY_PLUGINS = frozenset({"terway-eniip", "terway-eni", "terway-controlplane"})


@check(
    id="ack-cluster-network-policy",
    title="ACK clusters use a network plug-in that enforces network policies",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Lists each cluster's add-ons and flags clusters whose network plug-in "
        "cannot enforce Kubernetes NetworkPolicy (Flannel instead of Terway)."
    ),
    risk=(
        "Without network policies every pod can reach every other pod; one "
        "compromised container can attack the whole cluster."
    ),
    remediation=Remediation(
        steps=(
            "Create new clusters with the Terway network plug-in and network "
            "policies enabled; the plug-in cannot be changed in place.",
            "Move workloads over, then write NetworkPolicy rules per namespace.",
        ),
        console_path=("Container Service", "Clusters", "<cluster>", "Add-ons"),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/use-network-policies",
        command="aliyun cs GET /clusters/<cluster>/addon_instances",
    ),
    needs=(CLUSTERS, "cs.cluster_addons"),
    references=("CIS 2.0.0 7.7",),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    return addon_findings(inventory, _verdict)


def _verdict(addons):
    plugins = addons & _POLICY_PLUGINS
    if plugins:
        return True, "Terway network plug-in: " + ", ".join(sorted(plugins))
    if "flannel" in addons:
        return False, "Flannel cannot enforce network policies"
    return False, "No network plug-in that enforces network policies"
