"""Primary RDS instances run an edition with a standby node."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="rds-instance-high-availability",
    title="Primary RDS instances are not on the single-node Basic edition",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Flags primary RDS instances on the Basic edition (one node, no standby). "
        "Read-only and disaster-recovery instances are not evaluated."
    ),
    risk=(
        "A Basic edition instance has no standby: a host failure or a maintenance "
        "switchover takes the database offline until it is rebuilt."
    ),
    remediation=Remediation(
        steps=(
            "Upgrade the instance to the High-availability (or Cluster) edition.",
            "Place the standby in a different zone from the primary.",
        ),
        console_path=("ApsaraDB RDS", "Instances", "<instance>", "Basic Information"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/upgrade-an-apsaradb-rds-for-mysql-instance-from-basic-edition-to-high-availability-edition",
        command="aliyun rds DescribeDBInstanceAttribute --DBInstanceId <instance>",
    ),
    needs=("rds.instances",),
    references=(
        "Cloud Config rds-multi-az-support",
        "Cloud Config rds-instance-category-check",
    ),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    for instance in inventory.records("rds.instances"):
        if str(instance.get("DBInstanceType", "Primary")).lower() != "primary":
            continue
        instance_id = instance["DBInstanceId"]
        where = {
            "region": instance.region,
            "name": instance.get("DBInstanceDescription"),
        }
        category = str(instance.get("Category") or "")
        if not category:
            yield Finding.unknown(instance_id, "The edition was not returned", **where)
        elif category.lower() == "basic":
            yield Finding.failed(instance_id, "Basic edition: a single node", **where)
        else:
            yield Finding.passed(instance_id, f"{category} edition", **where)
