"""RDS instances do not accept connections from any IP address."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import admits_every_address, as_list
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="rds-instance-not-open-to-internet",
    title="RDS instance IP whitelists do not allow every address",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads the IP whitelists of each RDS instance and flags instances whose "
        "whitelist contains 0.0.0.0/0 (every IPv4 address) or ::/0."
    ),
    risk=(
        "With 0.0.0.0/0 in the whitelist, only the database password stands "
        "between the Internet and the data once a public endpoint exists."
    ),
    remediation=Remediation(
        steps=(
            "Replace 0.0.0.0/0 with the private addresses or vSwitch CIDR blocks of "
            "the application servers.",
            "Release the public endpoint if nothing outside the VPC needs it.",
        ),
        console_path=(
            "ApsaraDB RDS",
            "Instances",
            "<instance>",
            "Whitelist and SecGroup",
        ),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-an-ip-address-whitelist",
        command="aliyun rds DescribeDBInstanceIPArrayList --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.instance_ip_arrays"),
    references=(
        "CIS 2.0.0 6.2",
        "Cloud Config rds-white-list-internet-ip-access-check",
        "Cloud Config rds-public-connection-and-any-ip-access-check",
    ),
    top10=9,
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    for instance in inventory.records("rds.instances"):
        instance_id = instance["DBInstanceId"]
        where = {
            "region": instance.region,
            "name": instance.get("DBInstanceDescription"),
        }
        arrays = read_detail(inventory, "rds.instance_ip_arrays", instance_id)
        if arrays.unsupported or arrays.absent:
            continue
        if arrays.record is None:
            yield unreadable(instance_id, "the IP whitelists", arrays, **where)
            continue
        if "DBInstanceIPArray" not in arrays.record:
            text = "The IP whitelists were not in the answer"
            yield Finding.unknown(instance_id, text, **where)
            continue
        open_groups = _open_groups(arrays.record)
        if open_groups:
            text = "Whitelist allows every address: " + ", ".join(open_groups)
            yield Finding.failed(instance_id, text, **where)
        else:
            yield Finding.passed(instance_id, "Whitelists are restricted", **where)


def _open_groups(arrays):
    groups = []
    for array in as_list(arrays.get("DBInstanceIPArray")):
        # Hidden groups are created by Alibaba services (DTS, DMS), not by users.
        if str(array.get("DBInstanceIPArrayAttribute", "")).lower() == "hidden":
            continue
        entries = {e.strip() for e in str(array.get("SecurityIPList", "")).split(",")}
        if any(admits_every_address(entry) for entry in entries):
            groups.append(str(array.get("DBInstanceIPArrayName", "default")))
    return groups
