"""OSS buckets keep previous versions of objects."""

from __future__ import annotations

from .._details import read_detail, unreadable
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="oss-bucket-versioning",
    title="OSS buckets have versioning enabled",
    category=Category.RESILIENCE,
    # Medium, as Alibaba's own rule oss-bucket-versioning-enabled rates it.
    severity=Severity.MEDIUM,
    description=(
        "Reads each bucket's versioning state and flags buckets where it was never "
        "enabled or has been suspended."
    ),
    risk=(
        "Without versioning an overwritten or deleted object is gone: a faulty "
        "deployment, a script bug or ransomware destroys the data for good."
    ),
    remediation=Remediation(
        steps=(
            "Enable versioning on the bucket.",
            "Add a lifecycle rule that expires previous versions after a set time to "
            "bound the storage cost.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Content Security", "Versioning"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/overview-78",
        command="aliyun oss bucket-versioning --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    references=("Cloud Config oss-bucket-versioning-enabled",),
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
            yield unreadable(name, "the bucket versioning state", info, **where)
            continue
        # OSS leaves Versioning out until versioning is first enabled.
        state = str(info.record.get("Versioning") or "")
        if state.lower() == "enabled":
            yield Finding.passed(name, "Versioning enabled", **where)
        elif state:
            yield Finding.failed(name, f"Versioning {state.lower()}", **where)
        else:
            yield Finding.failed(name, "Versioning never enabled", **where)
