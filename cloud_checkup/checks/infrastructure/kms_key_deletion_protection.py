"""Customer-managed KMS keys are protected from deletion."""

from __future__ import annotations

from .._details import not_returned
from ..base import Category, Finding, Remediation, Severity, check
from ._kms import key_findings


@check(
    id="kms-key-deletion-protection",
    title="Customer-managed KMS keys have deletion protection enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Reads every enabled customer-managed KMS key and flags keys without "
        "deletion protection."
    ),
    risk=(
        "Deleting a key makes everything encrypted with it unreadable for good; one "
        "mistaken or malicious call schedules that."
    ),
    remediation=Remediation(
        steps=("Open the key in the KMS console and turn on deletion protection.",),
        console_path=("KMS", "Keys", "<key>", "Deletion Protection"),
        doc_url="https://www.alibabacloud.com/help/en/kms/key-management-service/user-guide/enable-deletion-protection",
        command="aliyun kms DescribeKey --KeyId <key> --RegionId <region>",
    ),
    needs=("kms.keys", "kms.key_details"),
    references=("Cloud Config kms-key-delete-protection-enabled",),
    resource_type="ACS::KMS::Key",
)
def evaluate(inventory):
    return key_findings(inventory, _verdict)


def _verdict(key_id, metadata, where):
    protection = str(metadata.get("DeletionProtection") or "")
    if not protection:
        return not_returned(key_id, "DeletionProtection", **where)
    if protection.lower() == "enabled":
        return Finding.passed(key_id, "Deletion protection is on", **where)
    return Finding.failed(key_id, "Deletion protection is off", **where)
