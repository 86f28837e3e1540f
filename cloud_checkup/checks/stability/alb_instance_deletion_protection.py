"""ALB instances cannot be released by one mistaken call."""

from __future__ import annotations

from .._load_balancers import protection_config_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="alb-instance-deletion-protection",
    title="ALB instances have deletion protection enabled",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads each Application Load Balancer (ALB) instance's deletion protection "
        "(ListLoadBalancers DeletionProtectionConfig.Enabled) and flags instances "
        "where it is off."
    ),
    risk=(
        "Releasing an ALB instance by mistake drops its listeners, forwarding rules "
        "and certificates with it; every application behind it goes offline until "
        "all of it is rebuilt."
    ),
    remediation=Remediation(
        steps=("Enable deletion protection in the instance's details page.",),
        console_path=("Server Load Balancer", "ALB", "Instances", "<instance>"),
        doc_url="https://www.alibabacloud.com/help/en/cloud-config/latest/alb-delete-protection-enabled",
        command="aliyun alb EnableDeletionProtection --ResourceId <instance>",
    ),
    needs=("alb.load_balancers",),
    references=("Cloud Config alb-delete-protection-enabled",),
    resource_type="ACS::ALB::LoadBalancer",
)
def evaluate(inventory):
    return protection_config_findings(inventory, "alb.load_balancers")
