"""Redis (Tair) instances keep a replica in another zone."""

from __future__ import annotations

from .._resilience import read_attribute, zone_unread, zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="redis-instance-multi-zone",
    title="Redis instances have a replica in a different zone",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the attributes of each ApsaraDB for Redis (Tair) instance and flags "
        "single-node instances and instances whose nodes all sit in one zone."
    ),
    risk=(
        "A single-node cache loses its data when the node fails; a cache whose "
        "replica is in the same zone goes down with that zone, and every request "
        "it absorbed then hits the database."
    ),
    remediation=Remediation(
        steps=(
            "Use a high-availability (master-replica) instance type.",
            "Change the instance's secondary zone to a different zone.",
        ),
        console_path=(
            "ApsaraDB for Redis",
            "Instances",
            "<instance>",
            "Node Management",
        ),
        doc_url="https://www.alibabacloud.com/help/en/redis/user-guide/migrate-an-instance-across-zones",
        command="aliyun r-kvstore DescribeInstanceAttribute --InstanceId <instance>",
    ),
    needs=("redis.instances", "redis.instance_attributes"),
    references=("Cloud Config redis-instance-multi-zone",),
    resource_type="ACS::REDIS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("redis.instances"):
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        attribute = read_attribute(
            inventory,
            "redis.instance_attributes",
            instance_id,
            "Instances.DBInstanceAttribute",
            "the instance zones",
            **where,
        )
        if attribute is None or isinstance(attribute, Finding):
            if attribute is not None:
                yield attribute
            continue
        yield _verdict(instance_id, attribute, where)


def _verdict(instance_id, attribute, where):
    if str(attribute.get("NodeType", "")).lower() == "single":
        return Finding.failed(instance_id, "Single node: no replica", **where)
    # A missing SecondaryZoneId is read as a single-zone instance.
    unread = zone_unread(instance_id, "ZoneId", attribute.get("ZoneId"), **where)
    if unread:
        return unread
    found = zones([attribute.get("ZoneId"), attribute.get("SecondaryZoneId")])
    if len(found) >= 2:
        return Finding.passed(instance_id, f"Zones {zone_words(found)}", **where)
    return Finding.failed(instance_id, f"All nodes in {zone_words(found)}", **where)
