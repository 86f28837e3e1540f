"""OSS buckets store their data redundantly across zones."""

from __future__ import annotations

from .._details import not_returned, read_detail, unreadable
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="oss-bucket-zone-redundant-storage",
    title="OSS buckets use zone-redundant storage (ZRS)",
    category=Category.RESILIENCE,
    severity=Severity.LOW,
    description=(
        "Reads each bucket's data redundancy type and flags buckets on locally "
        "redundant storage (LRS), which keeps all copies in one zone."
    ),
    risk=(
        "With LRS a zone outage makes every object in the bucket unreadable until "
        "the zone recovers; static sites and backups stored there are down with it."
    ),
    remediation=Remediation(
        steps=(
            "Convert the bucket to zone-redundant storage where the region supports "
            "it, or copy critical data to a ZRS bucket.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Overview", "Basic Information"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/zrs",
        command="aliyun oss stat oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    references=("Cloud Config oss-zrs-enabled",),
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
            yield unreadable(name, "the redundancy type", info, **where)
            continue
        redundancy = str(info.record.get("DataRedundancyType") or "").upper()
        if redundancy == "ZRS":
            yield Finding.passed(name, "Zone-redundant storage", **where)
        elif redundancy:
            yield Finding.failed(name, f"{redundancy}: all copies in one zone", **where)
        else:
            yield not_returned(name, "DataRedundancyType", **where)
