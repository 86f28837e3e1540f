"""OSS buckets cannot be read or written by anonymous users."""

from __future__ import annotations

from .._buckets import PUBLIC_ACLS, NotRead, acl, public_access_blocked
from .._details import read_detail, unreadable
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="oss-bucket-not-public",
    title="OSS buckets are not publicly readable or writable",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads each bucket's ACL and Block Public Access setting and flags buckets "
        "whose ACL is public-read or public-read-write while public access is not "
        "blocked."
    ),
    risk=(
        "Anyone on the Internet can list and download a public bucket's objects, "
        "and with public-read-write also upload or overwrite them."
    ),
    remediation=Remediation(
        steps=(
            "Set the bucket ACL to private.",
            "Turn on Block Public Access for the bucket (or for the whole account).",
            "Serve public content through CDN with origin authentication or signed "
            "URLs instead.",
        ),
        console_path=("OSS", "Buckets", "<bucket>", "Permission Control", "ACL"),
        doc_url="https://www.alibabacloud.com/help/en/oss/user-guide/bucket-acl",
        command="aliyun oss stat oss://<bucket>",
    ),
    needs=("oss.buckets", "oss.bucket_info"),
    references=(
        "CIS 2.0.0 5.1",
        "Cloud Config oss-bucket-public-read-prohibited",
        "Cloud Config oss-bucket-public-write-prohibited",
    ),
    top10=4,
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
            yield unreadable(name, "the bucket ACL", info, **where)
            continue
        yield _verdict(name, info.record, where)


def _verdict(name, info, where):
    """A public ACL fails unless Block Public Access overrides it; the block
    decides only for a public ACL."""
    grant = acl(info)
    if isinstance(grant, NotRead):
        return grant.finding(name, **where)
    if grant not in PUBLIC_ACLS:
        return Finding.passed(name, f"The bucket ACL is {grant}", **where)
    blocked = public_access_blocked(info)
    if isinstance(blocked, NotRead):
        return blocked.finding(name, **where)
    if blocked:
        return Finding.passed(
            name, f"ACL {grant}, but public access is blocked", **where
        )
    return Finding.failed(name, f"The bucket ACL is {grant}", **where)
