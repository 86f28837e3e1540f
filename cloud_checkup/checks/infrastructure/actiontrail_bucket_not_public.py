"""The OSS bucket that stores ActionTrail logs is not publicly accessible."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import as_bool, dig
from ..base import Category, Finding, Remediation, Severity, check
from ._oss_policy import public_statements

_PUBLIC_ACLS = frozenset({"public-read", "public-read-write"})


@check(
    id="actiontrail-bucket-not-public",
    title="The OSS buckets that store ActionTrail logs are not publicly accessible",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "For every trail delivering to OSS, reads the target bucket's ACL, Block "
        "Public Access setting and bucket policy and flags buckets anyone can read."
    ),
    risk=(
        "Audit logs list every identity, resource and action of the account; "
        "public, they are a map for an attacker, and a public-write bucket lets "
        "one erase the traces."
    ),
    remediation=Remediation(
        steps=(
            "Set the bucket ACL to private and turn on Block Public Access.",
            "Remove bucket policy statements open to anonymous users.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Permission Control"),
        doc_url="https://www.alibabacloud.com/help/en/actiontrail/user-guide/create-a-single-account-trail",
        command="aliyun oss stat oss://<bucket>",
    ),
    needs=(
        "actiontrail.trails",
        "oss.buckets",
        "oss.bucket_info",
        "oss.bucket_policies",
    ),
    references=("CIS 2.0.0 2.2", "Cloud Config oss-bucket-public-read-prohibited"),
    resource_type="ACS::OSS::Bucket",
)
def evaluate(inventory):
    # A multi-region trail is returned by every region: each bucket once.
    buckets = {}
    for trail in inventory.records("actiontrail.trails"):
        bucket = trail.get("OssBucketName")
        if bucket:
            buckets.setdefault(bucket, trail.get("Name"))
    owned = {b["Name"]: b for b in inventory.records("oss.buckets")}
    for bucket, trail in sorted(buckets.items()):
        yield _verdict(inventory, bucket, trail, owned.get(bucket))


def _verdict(inventory, bucket, trail, listed):
    where = {"name": bucket}
    if listed is None:
        return Finding.unknown(
            bucket,
            f"Trail {trail} writes to a bucket this account does not list "
            "(another account's?); check it there",
            **where,
        )
    where["region"] = listed.get("Region") or listed.region
    info = read_detail(inventory, "oss.bucket_info", bucket)
    if info.record is None:
        return unreadable(bucket, "the bucket ACL", info, **where)
    policy = read_detail(inventory, "oss.bucket_policies", bucket)
    if policy.unreadable:
        return unreadable(bucket, "the bucket policy", policy, **where)
    problems = _public(info.record, policy.record)
    if problems:
        return Finding.failed(bucket, f"Trail {trail}: " + "; ".join(problems), **where)
    return Finding.passed(bucket, f"Trail {trail} writes to a private bucket", **where)


def _public(info, policy):
    if as_bool(info.get("BlockPublicAccess")):
        return []
    problems = []
    acl = str(dig(info, "AccessControlList.Grant", "")).lower()
    if acl in _PUBLIC_ACLS:
        problems.append(f"the bucket ACL is {acl}")
    if policy is not None and public_statements(policy):
        problems.append("the bucket policy allows anonymous access")
    return problems
