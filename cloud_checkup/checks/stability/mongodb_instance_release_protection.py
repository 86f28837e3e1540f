"""Pay-as-you-go MongoDB instances cannot be released by one mistaken call."""

from __future__ import annotations

from .._fields import as_bool
from .._resilience import read_attribute
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="mongodb-instance-release-protection",
    title="Pay-as-you-go MongoDB instances have release protection enabled",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the attributes of each pay-as-you-go ApsaraDB for MongoDB instance "
        "and flags those without release protection."
    ),
    risk=(
        "One mistaken release deletes the database and its data; recovery depends "
        "on a backup that outlives the instance."
    ),
    remediation=Remediation(
        steps=("Enable release protection in the instance's basic information.",),
        console_path=(
            "ApsaraDB for MongoDB",
            "Instances",
            "<instance>",
            "Basic Information",
        ),
        doc_url="https://www.alibabacloud.com/help/en/mongodb/user-guide/enable-release-protection",
        command=(
            "aliyun dds ModifyDBInstanceAttribute --DBInstanceId <instance> "
            "--DBInstanceReleaseProtection true"
        ),
    ),
    needs=("mongodb.instances", "mongodb.instance_attributes"),
    references=("Cloud Config mongodb-instance-release-protection",),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    for instance in inventory.records("mongodb.instances"):
        if str(instance.get("ChargeType", "")).lower() != "postpaid":
            continue
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
            "the release protection setting",
            **where,
        )
        if attribute is None or isinstance(attribute, Finding):
            if attribute is not None:
                yield attribute
            continue
        # Some SDK versions return the flag as the string "true" or "false".
        protected = as_bool(attribute.get("DBInstanceReleaseProtection"))
        if protected is None:
            yield Finding.unknown(instance_id, "The setting was not returned", **where)
        elif protected:
            yield Finding.passed(instance_id, "Release protection on", **where)
        else:
            yield Finding.failed(instance_id, "Release protection off", **where)
