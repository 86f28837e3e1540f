"""OSS buckets holding models or training data block public access."""

from __future__ import annotations

from .._ai import AI_BUCKETS
from .._buckets import NotRead, public_access_blocked
from ..base import Category, Package, Remediation, Severity, check
from ._ai_buckets import BUCKET_TYPE, ai_bucket_findings


@check(
    id="oss-ai-bucket-block-public-access",
    title="OSS buckets holding models or datasets have Block Public Access on",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Among the buckets whose names mark them as AI data, flags those without "
        "Block Public Access (BlockPublicAccess), which overrides any public ACL or "
        "policy granted later."
    ),
    risk=(
        "Without the block, one ACL change or policy statement is enough to "
        "publish the models and datasets."
    ),
    remediation=Remediation(
        steps=("Turn on Block Public Access for the bucket.",),
        console_path=(
            "OSS",
            "Buckets",
            "<bucket>",
            "Permission Control",
            "Block Public Access",
        ),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/block-public-access",
        command="aliyun oss stat oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    assets=AI_BUCKETS,
    references=("CIS 2.0.0 5.1",),
    resource_type=BUCKET_TYPE,
    applies_to="OSS buckets holding models or datasets",
)
def evaluate(inventory):
    return ai_bucket_findings(inventory, _judge)


def _judge(info):
    blocked = public_access_blocked(info)
    if isinstance(blocked, NotRead):
        return blocked
    return blocked, "Block Public Access on" if blocked else "Block Public Access off"
