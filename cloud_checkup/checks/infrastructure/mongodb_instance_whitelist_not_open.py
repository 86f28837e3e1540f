"""MongoDB instances do not accept connections from any IP address."""

from __future__ import annotations

from .._databases import MONGODB, Whitelist, whitelist_verdict
from ..base import Category, Remediation, Severity, check

# SecurityIps repeats the default group's entries beside the groups.
_WHITELIST = Whitelist(
    groups="SecurityIpGroups.SecurityIpGroup",
    name="SecurityIpGroupName",
    addresses="SecurityIpList",
    attribute="SecurityIpGroupAttribute",
    default="SecurityIps",
)


@check(
    id="mongodb-instance-whitelist-not-open",
    title="MongoDB instance whitelists do not allow every address",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads the IP whitelists of each ApsaraDB for MongoDB replica set and "
        "sharded cluster instance (DescribeSecurityIps: SecurityIps and "
        "SecurityIpGroups.SecurityIpGroup[].SecurityIpList) and flags instances "
        "with an entry that admits every address (0.0.0.0/0, 0.0.0.0, ::/0). Hidden "
        "groups, kept by Alibaba Cloud services, are skipped."
    ),
    risk=(
        "With 0.0.0.0/0 in the whitelist, only the database password protects the "
        "documents once the instance has a public endpoint; open MongoDB databases "
        "are routinely found, copied and ransomed by automated scans."
    ),
    remediation=Remediation(
        steps=(
            "Replace 0.0.0.0/0 with the private addresses or vSwitch CIDR blocks of "
            "the application servers.",
            "Release the public endpoint if nothing outside the VPC needs it.",
        ),
        console_path=(*MONGODB.console, "Data Security", "Whitelist Settings"),
        doc_url="https://www.alibabacloud.com/help/en/mongodb/developer-reference/api-dds-2015-12-01-modifysecurityips",
        command="aliyun dds DescribeSecurityIps --DBInstanceId <instance>",
    ),
    needs=("mongodb.instances", "mongodb.security_ips"),
    references=(
        "Cloud Config mongodb-public-access-check",
        "Cloud Config mongodb-public-and-any-ip-access-check",
    ),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    return MONGODB.findings(
        inventory, "mongodb.security_ips", "the whitelists", _verdict
    )


def _verdict(instance_id, instance, answer, where):
    if answer is None:
        return None
    return whitelist_verdict(instance_id, _WHITELIST.open_entries(answer), where)
