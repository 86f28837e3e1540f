"""ACK clusters are inspected with a cluster check at least weekly."""

from __future__ import annotations

from datetime import timedelta

from .._ack import CLUSTERS, cluster_findings
from .._fields import as_list, parse_time
from ..base import Category, Finding, Remediation, Severity, check

_MAX_AGE = timedelta(days=7)


@check(
    id="ack-cluster-check-weekly",
    title="ACK clusters ran a cluster check within the last 7 days",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Lists each cluster's cluster checks (inspections) and flags clusters "
        "without a check finished in the last 7 days."
    ),
    risk=(
        "Configuration drift, expiring certificates and unhealthy components go "
        "unnoticed between inspections."
    ),
    remediation=Remediation(
        steps=(
            "Run a cluster inspection from the cluster's Inspections page.",
            "Schedule inspections to run at least weekly.",
        ),
        console_path=(
            "Container Service",
            "Clusters",
            "<cluster>",
            "Inspections and Diagnostics",
            "Cluster Inspection",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/work-with-the-cluster-inspection-feature",
        command="aliyun cs GET /clusters/<cluster>/checks",
    ),
    needs=(CLUSTERS, "cs.cluster_checks"),
    references=("CIS 2.0.0 7.4",),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    def verdict(cluster_id, cluster, checks, where):
        finished = [
            parse_time(c.get("finished_at"))
            for c in as_list((checks or {}).get("checks"))
            if str(c.get("status", "")).lower() == "succeeded"
        ]
        finished = [t for t in finished if t is not None]
        if not finished:
            return Finding.failed(cluster_id, "No finished cluster check", **where)
        days = (inventory.now - max(finished)).days
        if inventory.now - max(finished) > _MAX_AGE:
            return Finding.failed(cluster_id, f"Last check {days} days ago", **where)
        return Finding.passed(cluster_id, f"Last check {days} days ago", **where)

    return cluster_findings(
        inventory, "cs.cluster_checks", "the cluster checks", verdict
    )
