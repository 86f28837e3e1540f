"""ALB server groups check the health of their servers."""

from __future__ import annotations

from .._fields import as_bool, dig
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="alb-server-group-health-check-enabled",
    title="ALB server groups have health checks enabled",
    category=Category.RESILIENCE,
    severity=Severity.HIGH,
    description=(
        "Reads every Application Load Balancer (ALB) server group and flags groups "
        "whose health check is disabled."
    ),
    risk=(
        "Without a health check ALB keeps routing requests to servers that have "
        "crashed, so users see errors although healthy servers are available."
    ),
    remediation=Remediation(
        steps=(
            "Edit the server group's health check and enable it.",
            "Use an HTTP path that fails when the application is unhealthy.",
        ),
        console_path=("Server Load Balancer", "ALB", "Server Groups", "<group>"),
        doc_url="https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/configure-and-manage-health-checks",
        command="aliyun alb ListServerGroups --RegionId <region>",
    ),
    needs=("alb.server_groups",),
    references=("Cloud Config alb-all-listener-health-check-enabled",),
    resource_type="ACS::ALB::ServerGroup",
)
def evaluate(inventory):
    for group in inventory.records("alb.server_groups"):
        group_id = group["ServerGroupId"]
        where = {"region": group.region, "name": group.get("ServerGroupName")}
        enabled = as_bool(dig(group, "HealthCheckConfig.HealthCheckEnabled"))
        if enabled is None:
            yield Finding.unknown(
                group_id, "The health check setting was not returned", **where
            )
        elif enabled:
            yield Finding.passed(group_id, "Health check on", **where)
        else:
            yield Finding.failed(group_id, "Health check off", **where)
