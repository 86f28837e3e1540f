"""Tair instances that can encrypt their data files with TDE do."""

from __future__ import annotations

from .._databases import REDIS, switch_verdict
from .._fields import as_bool, is_on
from .._resilience import read_attribute
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="redis-instance-tde-enabled",
    title="Redis instances that support TDE have it enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads whether each ApsaraDB for Redis (Tair) instance supports transparent "
        "data encryption (DescribeInstanceAttribute: IsSupportTDE) and, for those "
        "that do, its TDE status (DescribeInstanceTDEStatus: TDEStatus), and flags "
        "instances where TDE is disabled. Only Tair (Enterprise Edition) "
        "memory-optimized instances support TDE; the others are not judged."
    ),
    risk=(
        "Without TDE the RDB files written to disk, and the backups made from them, "
        "hold the cached data in clear text."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's TDE Settings, turn on TDE, preferably with your own "
            "KMS key.",
            "TDE cannot be turned off again, and it blocks cross-zone migration and "
            "DTS: review the restrictions first.",
        ),
        console_path=(*REDIS.console, "Data Security", "TDE Settings"),
        doc_url="https://www.alibabacloud.com/help/en/redis/user-guide/enable-tde",
        command="aliyun r-kvstore DescribeInstanceTDEStatus --InstanceId <instance>",
    ),
    needs=("redis.instances", "redis.instance_attributes", "redis.tde"),
    references=("Cloud Config redis-instance-enabled-byok-tde",),
    resource_type="ACS::REDIS::Instance",
    applies_to="Tair instances that support TDE",
)
def evaluate(inventory):
    supports = {}
    for instance in inventory.records("redis.instances"):
        supports[instance["InstanceId"]] = _supports_tde(inventory, instance)
    return REDIS.findings(
        inventory,
        "redis.tde",
        "the TDE status",
        lambda *args: _verdict(*args, supports),
        include=lambda instance: supports.get(instance["InstanceId"]) is not False,
    )


def _supports_tde(inventory, instance):
    """True or False from IsSupportTDE; None when the attributes say nothing."""
    attribute = read_attribute(
        inventory,
        "redis.instance_attributes",
        instance["InstanceId"],
        "Instances.DBInstanceAttribute",
        "the instance attributes",
    )
    if attribute is None or isinstance(attribute, Finding):
        return None
    return as_bool(attribute.get("IsSupportTDE"))


def _verdict(instance_id, instance, answer, where, supports):
    if answer is None:
        return None
    status = answer.get("TDEStatus")
    if is_on(status) is False and supports.get(instance_id) is None:
        text = (
            f"TDE is off (TDEStatus {status}), and whether this edition supports "
            "TDE could not be read"
        )
        return Finding.unknown(instance_id, text, **where)
    return switch_verdict(instance_id, status, "TDEStatus", "TDE", where)
