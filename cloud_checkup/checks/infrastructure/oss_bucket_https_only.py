"""OSS buckets refuse plain HTTP: a bucket policy denies it."""

from __future__ import annotations

from .._resources import detail_findings
from ..base import Category, Finding, Remediation, Severity, check
from ._oss_policy import denies_plain_http


@check(
    id="oss-bucket-https-only",
    title="OSS buckets accept only HTTPS requests",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads each bucket policy (JSON) and checks for a statement that denies "
        "every request whose acs:SecureTransport is false."
    ),
    risk=(
        "Over plain HTTP, object contents, signed URLs and credentials travel in "
        "clear text and can be read or changed on the way."
    ),
    remediation=Remediation(
        steps=(
            "Add a bucket policy statement: Effect Deny, Principal *, Action oss:*, "
            "Resource the bucket and its objects, Condition Bool "
            "acs:SecureTransport false.",
            "Check that every client uses https:// endpoints first.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Permission Control", "Policy"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/configure-bucket-policies-to-authorize-other-users-to-access-oss-resources",
        command="aliyun oss bucket-policy --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_policies"),
    references=("CIS 2.0.0 5.4", "Cloud Config oss-bucket-only-https-enabled"),
    resource_type="ACS::OSS::Bucket",
)
def evaluate(inventory):
    return detail_findings(
        inventory,
        "oss.buckets",
        "oss.bucket_policies",
        id_field="Name",
        what="the bucket policy",
        verdict=_verdict,
        where=lambda b: {"region": b.get("Region") or b.region, "name": b["Name"]},
    )


def _verdict(name, bucket, policy, where):
    if policy is None:
        return Finding.failed(name, "No bucket policy, so HTTP is allowed", **where)
    if denies_plain_http(policy):
        return Finding.passed(name, "The policy denies plain HTTP", **where)
    return Finding.failed(name, "The policy does not deny plain HTTP", **where)
