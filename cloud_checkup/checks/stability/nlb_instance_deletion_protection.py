"""NLB instances cannot be released by one mistaken call."""

from __future__ import annotations

from .._load_balancers import protection_config_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="nlb-instance-deletion-protection",
    title="NLB instances have deletion protection enabled",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads each Network Load Balancer (NLB) instance's deletion protection "
        "(ListLoadBalancers DeletionProtectionConfig.Enabled) and flags instances "
        "where it is off."
    ),
    risk=(
        "Releasing an NLB instance by mistake cuts every TCP and UDP service behind "
        "it off at once; clients keep resolving a name that no longer answers."
    ),
    remediation=Remediation(
        steps=("Enable deletion protection in the instance's details page.",),
        console_path=("Server Load Balancer", "NLB", "Instances", "<instance>"),
        doc_url="https://www.alibabacloud.com/help/en/slb/api-nlb-updateloadbalancerprotection",
        command=(
            "aliyun nlb UpdateLoadBalancerProtection --RegionId <region> "
            "--LoadBalancerId <instance> --DeletionProtectionEnabled true"
        ),
    ),
    needs=("nlb.load_balancers",),
    # Cloud Config has no NLB rule; this is its ALB rule, on the same setting.
    references=("Cloud Config alb-delete-protection-enabled (NLB counterpart)",),
    resource_type="ACS::NLB::LoadBalancer",
)
def evaluate(inventory):
    return protection_config_findings(inventory, "nlb.load_balancers")
