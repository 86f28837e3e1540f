"""OSS buckets copy their objects to another region."""

from __future__ import annotations

from .._details import not_returned, read_detail, unreadable
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="oss-bucket-cross-region-replication",
    title="OSS buckets replicate their objects to another region",
    category=Category.RESILIENCE,
    severity=Severity.LOW,
    description=(
        "Reads each bucket's cross-region replication state and flags buckets whose "
        "objects exist in one region only."
    ),
    risk=(
        "A regional disaster, or a mistaken bulk deletion that versioning does not "
        "cover, leaves no copy of the data anywhere else."
    ),
    remediation=Remediation(
        steps=(
            "Create a bucket in a second region.",
            "Add a cross-region replication rule from the source bucket to it "
            "(at least for the prefixes that hold critical data).",
        ),
        console_path=(
            "OSS",
            "Buckets",
            "<bucket>",
            "Redundancy for Fault Tolerance",
            "Cross-Region Replication",
        ),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/cross-region-replication-overview",
        command="aliyun oss replication --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    references=("Cloud Config oss-bucket-remote-replication",),
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
            yield unreadable(name, "the replication state", info, **where)
            continue
        state = str(info.record.get("CrossRegionReplication") or "")
        if state.lower() == "enabled":
            yield Finding.passed(name, "Cross-region replication on", **where)
        elif state:
            yield Finding.failed(name, "No cross-region replication", **where)
        else:
            yield not_returned(name, "CrossRegionReplication", **where)
