"""CLB instances cannot be released by one mistaken call."""

from __future__ import annotations

from .._load_balancers import CLB_INSTANCES, clb_protection_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="slb-instance-deletion-protection",
    title="CLB instances have deletion protection enabled",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads each Classic Load Balancer (CLB) instance's DeleteProtection switch "
        "(DescribeLoadBalancers) and flags instances where it is off."
    ),
    risk=(
        "Releasing a load balancer by mistake takes every service behind it off "
        "the network at once, and its public address may never come back."
    ),
    remediation=Remediation(
        steps=("Turn on deletion protection in the instance's details page.",),
        console_path=(*CLB_INSTANCES, "<instance>", "Instance Details"),
        doc_url="https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-setloadbalancerdeleteprotection",
        command=(
            "aliyun slb SetLoadBalancerDeleteProtection --RegionId <region> "
            "--LoadBalancerId <instance> --DeleteProtection on"
        ),
    ),
    needs=("slb.load_balancers",),
    references=("Cloud Config slb-delete-protection-enabled",),
    resource_type="ACS::SLB::LoadBalancer",
)
def evaluate(inventory):
    return clb_protection_findings(inventory)
