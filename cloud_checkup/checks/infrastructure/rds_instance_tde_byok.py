"""RDS TDE uses a key the customer controls (BYOK)."""

from __future__ import annotations

from .._details import not_returned
from ..base import Category, Finding, Remediation, Severity, check
from ._rds import CONSOLE, instance_findings


@check(
    id="rds-instance-tde-byok",
    title="RDS instances with TDE use a customer-managed key",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "For instances with TDE on, reads how the TDE key was generated and flags "
        "instances using the service-generated key instead of a customer KMS key "
        "(TDEMode Customer_Provided_Key). An instance whose answer leaves out "
        "TDEStatus or TDEMode, or gives the documented TDEMode Unknown, is not "
        "checked."
    ),
    risk=(
        "With a service-generated key you cannot rotate, audit or revoke the key "
        "that protects the data."
    ),
    remediation=Remediation(
        steps=(
            "Create a KMS key for the database in the same region.",
            "Switch the instance's TDE to use that key.",
        ),
        console_path=(*CONSOLE, "Data Security", "TDE"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-tde-for-an-apsaradb-rds-for-mysql-instance",
        command="aliyun rds DescribeDBInstanceTDE --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.instance_tde"),
    references=("CIS 2.0.0 6.6",),
    resource_type="ACS::RDS::DBInstance",
)
def evaluate(inventory):
    return instance_findings(inventory, "rds.instance_tde", "the TDE key", _verdict)


def _verdict(instance_id, instance, tde, where):
    if tde is None:
        return None
    status = str(tde.get("TDEStatus") or "")
    if not status:
        # Whether TDE is on, and so whether this item applies, is not known.
        return not_returned(instance_id, "TDEStatus", **where)
    if status.lower() != "enabled":
        # Instances without TDE are reported by rds-instance-tde-enabled.
        return None
    mode = str(tde.get("TDEMode") or "")
    if not mode:
        return not_returned(instance_id, "TDEMode", **where)
    if mode.lower() == "unknown":
        # Unknown is one of the documented TDEMode values: it names no key origin.
        text = "TDEMode is Unknown: the answer does not say who generated the key"
        return Finding.unknown(instance_id, text, **where)
    if mode.lower() == "customer_provided_key":
        key = tde.get("EncryptionKey") or "a customer key"
        return Finding.passed(instance_id, f"TDE uses {key}", **where)
    return Finding.failed(instance_id, f"TDE key mode is {mode}", **where)
