"""Pay-as-you-go RDS instances cannot be released by one mistaken call."""

from __future__ import annotations

from .._fields import as_bool
from .._resilience import read_attribute
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="rds-instance-deletion-protection",
    title="Pay-as-you-go RDS instances have deletion protection enabled",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the attributes of each pay-as-you-go RDS instance and flags those "
        "without deletion protection. Subscription instances cannot be released "
        "before they expire and are not evaluated."
    ),
    risk=(
        "A wrong console click, script or Terraform run releases the database; "
        "the data is gone unless a backup outlives the instance."
    ),
    remediation=Remediation(
        steps=("Turn on release protection in the instance's basic information.",),
        console_path=("ApsaraDB RDS", "Instances", "<instance>", "Basic Information"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/enable-or-disable-the-release-protection-feature",
        command=(
            "aliyun rds ModifyDBInstanceDeletionProtection --DBInstanceId <instance> "
            "--DeletionProtection true"
        ),
    ),
    needs=("rds.instances", "rds.instance_attributes"),
    references=("Cloud Config rds-instacne-delete-protection-enabled",),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    for instance in inventory.records("rds.instances"):
        if str(instance.get("PayType", "")).lower() != "postpaid":
            continue
        instance_id = instance["DBInstanceId"]
        where = {
            "region": instance.region,
            "name": instance.get("DBInstanceDescription"),
        }
        attribute = read_attribute(
            inventory,
            "rds.instance_attributes",
            instance_id,
            "Items.DBInstanceAttribute",
            "the deletion protection setting",
            **where,
        )
        if attribute is None or isinstance(attribute, Finding):
            if attribute is not None:
                yield attribute
            continue
        yield _verdict(instance_id, attribute.get("DeletionProtection"), where)


def _verdict(resource_id, value, where):
    protected = as_bool(value)
    if protected is None:
        return Finding.unknown(resource_id, "The setting was not returned", **where)
    if protected:
        return Finding.passed(resource_id, "Deletion protection on", **where)
    return Finding.failed(resource_id, "Deletion protection off", **where)
