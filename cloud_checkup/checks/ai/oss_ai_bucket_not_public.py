"""OSS buckets holding models or training data are not public."""

from __future__ import annotations

from .._ai import AI_BUCKETS
from .._buckets import PUBLIC_ACLS, NotRead, acl
from ..base import Category, Package, Remediation, Severity, check
from ._ai_buckets import BUCKET_TYPE, ai_bucket_findings


@check(
    id="oss-ai-bucket-not-public",
    title="OSS buckets holding models or datasets are not publicly readable",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Among the buckets whose names mark them as AI data (model, dataset, "
        "training, checkpoint, llm, pai ...), flags those with a public-read or "
        "public-read-write ACL. The AI asset's view of oss-bucket-not-public, "
        "with the same severity."
    ),
    risk=(
        "Model weights and training data are costly intellectual property and may "
        "contain personal data; a public ACL lets anyone list and download them, "
        "or overwrite a model with a poisoned one."
    ),
    remediation=Remediation(
        steps=(
            "Set the bucket ACL to private and turn on Block Public Access.",
            "Grant PAI and applications access through RAM roles and bucket policies.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Permission Control", "ACL"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/bucket-acl",
        command="aliyun oss stat oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    assets=AI_BUCKETS,
    references=("CIS 2.0.0 5.1", "Cloud Config oss-bucket-public-read-prohibited"),
    resource_type=BUCKET_TYPE,
    applies_to="OSS buckets holding models or datasets",
)
def evaluate(inventory):
    return ai_bucket_findings(inventory, _judge)


def _judge(info):
    grant = acl(info)
    if isinstance(grant, NotRead):
        return grant
    return grant not in PUBLIC_ACLS, f"ACL {grant}"
