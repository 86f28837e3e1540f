"""Primary RDS instances keep their standby in another zone."""

from __future__ import annotations

from .._fields import as_list, dig
from .._resilience import read_attribute, zone_unread, zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="rds-instance-multi-zone",
    title="Primary RDS instances have a standby in a different zone",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the attributes of each primary RDS instance and checks that its "
        "primary and standby nodes are spread over at least two zones. Basic edition "
        "instances have no standby to place: they are not applicable here and fail "
        "rds-instance-high-availability instead."
    ),
    risk=(
        "With the primary and standby in the same zone, a zone outage takes both "
        "down: the high-availability edition then gives no protection."
    ),
    remediation=Remediation(
        steps=(
            "Migrate the instance to a multi-zone deployment (change the zone of the "
            "secondary node) during a maintenance window.",
            "Upgrade Basic edition instances to the High-availability edition first.",
        ),
        console_path=(
            "ApsaraDB RDS",
            "Instances",
            "<instance>",
            "Basic Information",
            "Migrate Across Zones",
        ),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/migrate-an-apsaradb-rds-for-mysql-instance-across-zones-in-the-same-region",
        command="aliyun rds DescribeDBInstanceAttribute --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.instance_attributes"),
    references=(
        "Cloud Config rds-multi-az-support",
        "Cloud Config rds-instance-secondary-zone-required",
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
        if _is_basic(instance):
            yield _single_node(instance_id, where)
            continue
        attribute = read_attribute(
            inventory,
            "rds.instance_attributes",
            instance_id,
            "Items.DBInstanceAttribute",
            "the instance zones",
            **where,
        )
        if attribute is None or isinstance(attribute, Finding):
            if attribute is not None:
                yield attribute
            continue
        yield _verdict(instance_id, attribute, where)


def _is_basic(record):
    return str(record.get("Category", "")).lower() == "basic"


def _single_node(instance_id, where):
    # One problem, one finding: rds-instance-high-availability fails the edition.
    return Finding.not_applicable(
        instance_id,
        "Basic edition (a single node, no standby to place in another zone): "
        "judged by rds-instance-high-availability",
        **where,
    )


def _verdict(instance_id, attribute, where):
    if _is_basic(attribute):
        return _single_node(instance_id, where)
    unread = zone_unread(instance_id, "ZoneId", attribute.get("ZoneId"), **where)
    if unread:
        return unread
    standby = [z.get("ZoneId") for z in as_list(dig(attribute, "SlaveZones.SlaveZone"))]
    found = zones([attribute.get("ZoneId"), *standby])
    if len(found) >= 2:
        return Finding.passed(instance_id, f"Zones {zone_words(found)}", **where)
    return Finding.failed(
        instance_id, f"Primary and standby in {zone_words(found)}", **where
    )
