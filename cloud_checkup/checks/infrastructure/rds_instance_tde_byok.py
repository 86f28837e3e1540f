"""RDS TDE uses a key the customer controls (BYOK)."""

from __future__ import annotations

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
        "(TDEMode Customer_Provided_Key)."
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
    if tde is None or str(tde.get("TDEStatus") or "").lower() != "enabled":
        # Instances without TDE are reported by rds-instance-tde-enabled.
        return None
    mode = str(tde.get("TDEMode") or "Unknown")
    if mode.lower() == "customer_provided_key":
        key = tde.get("EncryptionKey") or "a customer key"
        return Finding.passed(instance_id, f"TDE uses {key}", **where)
    return Finding.failed(instance_id, f"TDE key mode is {mode}", **where)
