"""ACK clusters give pods addresses in ENI multi-IP mode."""

from __future__ import annotations

from .._ack import CLUSTERS, addon_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="ack-cluster-eni-multi-ip",
    title="ACK clusters use Terway in ENI multiple-IP mode",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Lists each cluster's add-ons and flags clusters that do not run Terway in "
        "ENI multiple-IP mode (terway-eniip)."
    ),
    risk=(
        "Other modes put pods behind an overlay, out of reach of VPC security "
        "groups and flow logs, or limit pod density."
    ),
    remediation=Remediation(
        steps=(
            "Create new clusters with Terway in shared ENI (multiple-IP) mode.",
            "Move the workloads to them.",
        ),
        console_path=("Container Service", "Clusters", "<cluster>", "Add-ons"),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/work-with-terway",
        command="aliyun cs GET /clusters/<cluster>/addon_instances",
    ),
    needs=(CLUSTERS, "cs.cluster_addons"),
    references=("CIS 2.0.0 7.8",),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    return addon_findings(inventory, _verdict)


def _verdict(addons):
    if "terway-eniip" in addons:
        return True, "Terway ENI multiple-IP mode"
    return False, "Terway ENI multiple-IP mode (terway-eniip) is not installed"
