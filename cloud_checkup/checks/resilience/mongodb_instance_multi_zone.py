"""MongoDB instances spread their replica set members over several zones."""

from __future__ import annotations

from .._resilience import read_attribute, zone_unread, zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="mongodb-instance-multi-zone",
    title="MongoDB instances are deployed across at least two zones",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the attributes of each ApsaraDB for MongoDB instance and flags "
        "instances whose primary, secondary and hidden nodes all sit in one zone."
    ),
    risk=(
        "When every member of the replica set is in one zone, an outage of that "
        "zone leaves no member to elect as primary: the database is unavailable."
    ),
    remediation=Remediation(
        steps=(
            "Migrate the instance to a multi-zone deployment, choosing different "
            "zones for the secondary and hidden nodes.",
        ),
        console_path=(
            "ApsaraDB for MongoDB",
            "Instances",
            "<instance>",
            "Basic Information",
        ),
        doc_url="https://www.alibabacloud.com/help/en/mongodb/user-guide/migrate-an-apsaradb-for-mongodb-instance-to-a-different-zone",
        command="aliyun dds DescribeDBInstanceAttribute --DBInstanceId <instance>",
    ),
    needs=("mongodb.instances", "mongodb.instance_attributes"),
    references=("Cloud Config mongodb-instance-multi-zone",),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    for instance in inventory.records("mongodb.instances"):
        instance_id = instance["DBInstanceId"]
        where = {
            "region": instance.region,
            "name": instance.get("DBInstanceDescription"),
        }
        attribute = read_attribute(
            inventory,
            "mongodb.instance_attributes",
            instance_id,
            "DBInstances.DBInstance",
            "the instance zones",
            **where,
        )
        if attribute is None or isinstance(attribute, Finding):
            if attribute is not None:
                yield attribute
            continue
        unread = zone_unread(instance_id, "ZoneId", attribute.get("ZoneId"), **where)
        if unread:
            yield unread
            continue
        found = zones(
            attribute.get(field)
            for field in ("ZoneId", "SecondaryZoneId", "HiddenZoneId")
        )
        if len(found) >= 2:
            yield Finding.passed(instance_id, f"Zones {zone_words(found)}", **where)
        else:
            yield Finding.failed(
                instance_id, f"All nodes in {zone_words(found)}", **where
            )
