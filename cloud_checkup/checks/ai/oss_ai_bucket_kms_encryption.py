"""OSS buckets holding models or training data are encrypted with KMS."""

from __future__ import annotations

from .._ai import AI_BUCKETS
from .._buckets import NO_ENCRYPTION, NotRead, default_encryption
from ..base import Category, Package, Remediation, Severity, check
from ._ai_buckets import BUCKET_TYPE, ai_bucket_findings


@check(
    id="oss-ai-bucket-kms-encryption",
    title="OSS buckets holding models or datasets are encrypted with KMS keys",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Among the buckets whose names mark them as AI data, flags those whose "
        "default server-side encryption is not KMS (none, or OSS-managed AES256)."
    ),
    risk=(
        "With KMS, reading the data also requires permission on the key and every "
        "use is audited; without it, a bucket policy mistake alone exposes the "
        "models and datasets."
    ),
    remediation=Remediation(
        steps=("Set the bucket's default encryption to KMS with a customer key.",),
        console_path=(
            "OSS",
            "Buckets",
            "<bucket>",
            "Content Security",
            "Server-side Encryption",
        ),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/server-side-encryption-8",
        command="aliyun oss bucket-encryption --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    assets=AI_BUCKETS,
    references=("Cloud Config oss-default-encryption-kms",),
    resource_type=BUCKET_TYPE,
    applies_to="OSS buckets holding models or datasets",
)
def evaluate(inventory):
    return ai_bucket_findings(inventory, _judge)


def _judge(info):
    algorithm = default_encryption(info)
    if isinstance(algorithm, NotRead):
        return algorithm
    if algorithm == "KMS":
        return True, "KMS encryption"
    if algorithm == NO_ENCRYPTION:
        return False, "No default encryption"
    return False, f"Default encryption: {algorithm}"
