"""MongoDB instances encrypt their data at rest: TDE, or an encrypted cloud disk."""

from __future__ import annotations

from .._databases import MONGODB
from .._details import read_detail, unreadable
from .._fields import is_on
from .._resilience import read_attribute
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="mongodb-instance-data-encrypted",
    title="MongoDB instances encrypt data at rest (TDE or disk encryption)",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each ApsaraDB for MongoDB instance's transparent data encryption "
        "status (DescribeDBInstanceTDEInfo: TDEStatus, enabled or disabled) and its "
        "cloud disk encryption (DescribeDBInstanceAttribute: Encrypted), and flags "
        "instances with neither. TDE serves local-disk instances; cloud-disk "
        "instances encrypt their disks instead, so either one passes."
    ),
    risk=(
        "Unencrypted data files, disks and backups expose the documents to anyone "
        "who gets a copy of the storage."
    ),
    remediation=Remediation(
        steps=(
            "Local-disk instances (MongoDB 4.0 or 4.2, WiredTiger): turn on TDE in "
            "the instance's Data Security page. It cannot be turned off again.",
            "Cloud-disk instances: disk encryption is chosen at creation; create an "
            "instance with disk encryption and migrate or restore the data into it.",
        ),
        console_path=(*MONGODB.console, "Data Security", "TDE"),
        doc_url="https://www.alibabacloud.com/help/en/mongodb/user-guide/configure-tde-for-an-apsaradb-for-mongodb-instance",
        command="aliyun dds DescribeDBInstanceTDEInfo --DBInstanceId <instance>",
    ),
    needs=("mongodb.instances", "mongodb.instance_attributes", "mongodb.tde"),
    references=(
        "Alibaba Cloud Well-Architected Framework: security, data encryption at rest",
    ),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    for instance in inventory.records("mongodb.instances"):
        instance_id = instance["DBInstanceId"]
        where = MONGODB.where(instance)
        tde = read_detail(inventory, "mongodb.tde", instance_id)
        attribute = read_attribute(
            inventory,
            "mongodb.instance_attributes",
            instance_id,
            "DBInstances.DBInstance",
            "the disk encryption setting",
            **where,
        )
        if tde.absent or tde.unsupported or attribute is None:
            continue
        yield _verdict(instance_id, tde, attribute, where)


def _verdict(instance_id, tde, attribute, where):
    tde_on = is_on(tde.record.get("TDEStatus")) if tde.record is not None else None
    disk = None if isinstance(attribute, Finding) else is_on(attribute.get("Encrypted"))
    if tde_on:
        return Finding.passed(instance_id, "TDE is on", **where)
    if disk:
        return Finding.passed(instance_id, "The cloud disk is encrypted", **where)
    if tde_on is False and disk is False:
        text = "Neither TDE nor cloud disk encryption is on"
        return Finding.failed(instance_id, text, **where)
    if isinstance(attribute, Finding):
        return attribute
    if tde.record is None:
        return unreadable(instance_id, "the TDE status", tde, **where)
    field = "TDEStatus" if tde_on is None else "Encrypted"
    return Finding.unknown(instance_id, f"{field} was not returned", **where)
