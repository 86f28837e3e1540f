"""An SLS alert watches ActionTrail for OSS bucket policy changes (CIS 2.21)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "OSS bucket policy, CORS, encryption, lifecycle and replication changes",
    (
        (
            "PutBucketPolicy",
            "DeleteBucketPolicy",
            "PutBucketCors",
            "DeleteBucketCors",
            "PutBucketEncryption",
            "DeleteBucketEncryption",
            "PutBucketLifecycle",
            "DeleteBucketLifecycle",
            "PutBucketReplication",
            "DeleteBucketReplication",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.21",
        id="sls-alert-oss-bucket-policy-changes",
        title="A Log Service alert watches for OSS bucket policy changes",
        severity=Severity.MEDIUM,
        risk=(
            "A bucket policy change can grant anyone access, and a lifecycle change "
            "can delete data, silently."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
