"""No OSS bucket policy grants access to anonymous users."""

from __future__ import annotations

from .._policy_document import element, strings
from .._resources import detail_findings
from ..base import Category, Finding, Remediation, Severity, check
from ._oss_policy import public_statements


@check(
    id="oss-bucket-policy-no-anonymous-access",
    title="OSS bucket policies do not grant access to anonymous users",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads each bucket policy (JSON) and flags Allow statements for any "
        "principal (*) that no source IP, VPC or AccessKey condition limits."
    ),
    risk=(
        "A policy open to * makes the bucket public whatever its ACL says: anyone "
        "can read, list or write what the statement allows."
    ),
    remediation=Remediation(
        steps=(
            "Remove the statement, or name the RAM users and accounts it is for.",
            "If public reads are intended, restrict them with acs:SourceIp or serve "
            "through CDN, and turn on Block Public Access for everything else.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Permission Control", "Policy"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/configure-bucket-policies-to-authorize-other-users-to-access-oss-resources",
        command="aliyun oss bucket-policy --method get oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_policies"),
    references=(
        "CIS 2.0.0 5.7",
        "CIS 2.0.0 5.1",
        "Cloud Config oss-bucket-policy-no-any-anonymous",
        "Cloud Config oss-bucket-anonymous-prohibited",
    ),
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
        return Finding.passed(name, "No bucket policy", **where)
    public = public_statements(policy)
    if public:
        actions = sorted({a for s in public for a in strings(element(s, "Action"))})
        text = "Anonymous users are allowed " + ", ".join(actions or ["actions"])
        return Finding.failed(name, text, **where)
    return Finding.passed(name, "No statement is open to anonymous users", **where)
