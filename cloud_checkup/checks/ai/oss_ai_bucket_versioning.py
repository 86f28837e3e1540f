"""OSS buckets holding models or training data keep object versions."""

from __future__ import annotations

from .._ai import AI_BUCKETS
from ..base import Category, Package, Remediation, Severity, check
from ._ai_buckets import BUCKET_TYPE, ai_bucket_findings


@check(
    id="oss-ai-bucket-versioning",
    title="OSS buckets holding models or datasets have versioning enabled",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Among the buckets whose names mark them as AI data, flags those whose "
        "versioning is not Enabled (never set, or Suspended). The AI asset's view "
        "of oss-bucket-versioning, with the same severity."
    ),
    risk=(
        "Without versions, an overwritten or deleted model or dataset cannot be "
        "restored, and a poisoned replacement leaves no trace of the original."
    ),
    remediation=Remediation(
        steps=(
            "Enable versioning on the bucket, with a lifecycle rule that expires old "
            "versions.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Content Security", "Versioning"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/versioning",
        command="aliyun oss bucket-versioning --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    assets=AI_BUCKETS,
    references=("Cloud Config oss-bucket-versioning-enabled",),
    resource_type=BUCKET_TYPE,
    applies_to="OSS buckets holding models or datasets",
)
def evaluate(inventory):
    return ai_bucket_findings(inventory, _judge)


def _judge(info):
    # An absent Versioning field means versioning was never turned on.
    status = str(info.get("Versioning") or "")
    if status.lower() == "enabled":
        return True, "Versioning enabled"
    return False, f"Versioning {status.lower() or 'not enabled'}"
