"""Security groups do not open database ports to the whole Internet."""

from __future__ import annotations

from .._security_group import security_group_findings
from ..base import Category, Remediation, Severity, check

_DATABASE_PORTS = {
    1433: "SQL Server",
    1521: "Oracle",
    3306: "MySQL",
    5432: "PostgreSQL",
    6379: "Redis",
    9200: "Elasticsearch",
    11211: "Memcached",
    27017: "MongoDB",
    50000: "DB2",
}


@check(
    id="ecs-security-group-no-public-database-ports",
    title="No security group opens database ports to the Internet",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Evaluates the inbound rules of every security group, with rule priorities "
        "and Drop rules, and flags groups where a common database port (MySQL, "
        "PostgreSQL, SQL Server, Oracle, Redis, MongoDB, Elasticsearch, Memcached, "
        "DB2) is reachable from 0.0.0.0/0 or ::/0."
    ),
    risk=(
        "Databases reachable from the Internet are found by scanners and attacked "
        "for their data; ransom of exposed Redis, MongoDB and Elasticsearch is common."
    ),
    remediation=Remediation(
        steps=(
            "Remove the rule, or restrict its source to the application servers' "
            "security group or private addresses.",
            "Reach databases from outside through a VPN or bastion host only.",
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
        "Cloud Config ecs-security-group-risky-ports-check-with-protocol",
        "Cloud Config sg-risky-ports-check",
    ),
    top10=3,
    resource_type="ACS::ECS::SecurityGroup",
)
def evaluate(inventory):
    return security_group_findings(inventory, _DATABASE_PORTS)
