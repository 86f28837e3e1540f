"""Security groups do not open SSH or RDP to the whole Internet."""

from __future__ import annotations

from .._security_group import security_group_findings
from ..base import Category, Remediation, Severity, check

_REMOTE_ADMIN_PORTS = {22: "SSH", 3389: "RDP"}


@check(
    id="ecs-security-group-no-public-remote-admin",
    title="No security group opens SSH (22) or RDP (3389) to the Internet",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Evaluates the inbound rules of every security group, with rule priorities "
        "and Drop rules, and flags groups where TCP 22 or 3389 is reachable from "
        "0.0.0.0/0 or ::/0."
    ),
    risk=(
        "Remote administration ports open to the Internet are scanned within "
        "minutes and brute-forced; one weak password gives an attacker the server."
    ),
    remediation=Remediation(
        steps=(
            "Restrict the rule's source to your office or bastion host addresses.",
            "Better, remove the rule and reach servers through Bastionhost or "
            "Cloud Assistant session management.",
        ),
        console_path=(
            "ECS",
            "Network & Security",
            "Security Groups",
            "<group>",
            "Rules",
        ),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/modify-security-group-rules",
        command=(
            "aliyun ecs DescribeSecurityGroupAttribute --RegionId <region> "
            "--SecurityGroupId <group> --Direction ingress"
        ),
    ),
    needs=("ecs.security_groups", "ecs.security_group_rules"),
    references=(
        "CIS 2.0.0 3.2",
        "CIS 2.0.0 4.3",
        "CIS 2.0.0 4.4",
        "Cloud Config ecs-security-group-risky-ports-check-with-protocol",
    ),
    top10=2,
    resource_type="ACS::ECS::SecurityGroup",
)
def evaluate(inventory):
    return security_group_findings(inventory, _REMOTE_ADMIN_PORTS)
