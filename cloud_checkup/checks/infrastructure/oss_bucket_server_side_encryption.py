"""OSS buckets encrypt stored objects by default."""

from __future__ import annotations

from .._buckets import ALGORITHMS, NotRead, default_encryption
from .._details import read_detail, unreadable
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="oss-bucket-server-side-encryption",
    title="OSS buckets have default server-side encryption",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each bucket's server-side encryption rule and flags buckets that do "
        "not encrypt new objects by default (AES256, SM4 or KMS)."
    ),
    risk=(
        "Objects stored unencrypted are readable by anyone who gets at the storage "
        "media or backups, and fail most data-protection audits."
    ),
    remediation=Remediation(
        steps=(
            "Open the bucket's server-side encryption settings.",
            "Choose OSS-managed (AES256) or KMS encryption; use KMS with your own key "
            "for sensitive data.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Content Security", "Encryption"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/server-side-encryption-8",
        command="aliyun oss bucket-encryption --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    references=(
        "CIS 2.0.0 5.8",
        "CIS 2.0.0 5.9",
        "Cloud Config oss-bucket-server-side-encryption-enabled",
    ),
    resource_type="ACS::OSS::Bucket",
)
def evaluate(inventory):
    for bucket in inventory.records("oss.buckets"):
        name = bucket["Name"]
        where = {"region": bucket.get("Region") or bucket.region, "name": name}
        info = read_detail(inventory, "oss.bucket_info", name)
        if info.absent:
            continue
        if info.record is None:
            yield unreadable(name, "the bucket encryption", info, **where)
            continue
        algorithm = default_encryption(info.record)
        if isinstance(algorithm, NotRead):
            yield algorithm.finding(name, **where)
        elif algorithm in ALGORITHMS:
            yield Finding.passed(name, f"Default encryption {algorithm}", **where)
        else:
            yield Finding.failed(name, "No default server-side encryption", **where)
