"""ACK clusters ship their logs to Simple Log Service."""

from __future__ import annotations

from .._ack import CLUSTERS, addon_findings
from ..base import Category, Remediation, Severity, check

_LOG_AGENTS = frozenset({"logtail-ds", "loongcollector"})


@check(
    id="ack-cluster-log-service",
    title="ACK clusters send logs to Simple Log Service",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Lists each cluster's add-ons and flags clusters without the Simple Log "
        "Service collector (logtail-ds or loongcollector)."
    ),
    risk=(
        "Without collected logs, container and API server activity vanishes with "
        "the pods, and an intrusion cannot be reconstructed."
    ),
    remediation=Remediation(
        steps=(
            "Install the logtail-ds (or loongcollector) component from the "
            "cluster's Add-ons page.",
            "Turn on API server audit logs to Simple Log Service.",
        ),
        console_path=("Container Service", "Clusters", "<cluster>", "Add-ons"),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/collect-log-data-from-containers-by-using-log-service",
        command="aliyun cs GET /clusters/<cluster>/addon_instances",
    ),
    needs=(CLUSTERS, "cs.cluster_addons"),
    references=("CIS 2.0.0 7.1", "CIS 2.0.0 2.4"),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    return addon_findings(inventory, _verdict)


def _verdict(addons):
    agents = addons & _LOG_AGENTS
    if agents:
        return True, "Log collector installed: " + ", ".join(sorted(agents))
    return False, "No Simple Log Service collector installed"
