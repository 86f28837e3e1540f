"""No security group opens every port to the Internet."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import as_bool
from .._security_group import all_ports_exposures, exposure_finding, ingress_rules
from ..base import Category, Remediation, Severity, check


@check(
    id="ecs-security-group-no-all-ports-open",
    title="No security group opens every port to the Internet",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Evaluates the inbound rules of every security group, with rule priorities "
        "and Drop rules, and flags groups that accept any protocol or the whole "
        "1-65535 port range from 0.0.0.0/0 or ::/0."
    ),
    risk=(
        "Every service on the instances, including ones nobody meant to publish "
        "(databases, admin consoles, debug ports), is reachable from the Internet."
    ),
    remediation=Remediation(
        steps=(
            "Replace the rule with rules for the ports the service needs.",
            "Limit sources to known addresses or security groups.",
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
        "CIS 2.0.0 3.5",
        "Cloud Config ecs-security-group-not-open-all-port",
        "Cloud Config ecs-security-group-not-open-all-protocol",
    ),
    # Cloud Config, CIS 3.5 and Alibaba's infrastructure risk analysis all name
    # over-permissive security groups a high risk.
    top10=10,
    resource_type="ACS::ECS::SecurityGroup",
)
def evaluate(inventory):
    for group in inventory.records("ecs.security_groups"):
        if as_bool(group.get("ServiceManaged")):
            continue
        group_id = group["SecurityGroupId"]
        where = {"region": group.region, "name": group.get("SecurityGroupName")}
        rules = read_detail(inventory, "ecs.security_group_rules", group_id)
        if rules.absent:
            continue
        if rules.record is None:
            yield unreadable(group_id, "the security group rules", rules, **where)
            continue
        yield exposure_finding(
            group_id,
            all_ports_exposures(ingress_rules(rules.record)),
            lambda e: e.describe("every"),
            "No all-ports rule from the Internet",
            **where,
        )
