"""OSS buckets record access logs."""

from __future__ import annotations

from .._buckets import NotRead, log_bucket
from .._resources import detail_findings
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="oss-bucket-logging-enabled",
    title="OSS buckets have access logging enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each bucket's information and checks that access logs are written "
        "to a log bucket (BucketPolicy.LogBucket)."
    ),
    risk=(
        "Without access logs nobody can tell who read or deleted which objects, "
        "during an incident or afterwards."
    ),
    remediation=Remediation(
        steps=(
            "Open the bucket's Logging settings.",
            "Turn on log storage to a separate, private bucket in the same region.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Logging", "Log Storage"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/logging",
        command="aliyun oss logging --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    references=("CIS 2.0.0 5.3", "Cloud Config oss-bucket-logging-enabled"),
    resource_type="ACS::OSS::Bucket",
)
def evaluate(inventory):
    return detail_findings(
        inventory,
        "oss.buckets",
        "oss.bucket_info",
        id_field="Name",
        what="the bucket information",
        verdict=_verdict,
        where=_where,
    )


def _where(bucket):
    return {"region": bucket.get("Region") or bucket.region, "name": bucket["Name"]}


def _verdict(name, bucket, info, where):
    if info is None:
        return None
    target = log_bucket(info)
    if isinstance(target, NotRead):
        return target.finding(name, **where)
    if target:
        return Finding.passed(name, f"Access logs go to {target}", **where)
    return Finding.failed(name, "Access logging is off", **where)
