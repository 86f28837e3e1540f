"""An SLS alert watches ActionTrail for OSS permission changes (CIS 2.14)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "OSS bucket and object ACL changes",
    (("PutBucketAcl", "PutObjectAcl"),),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.14",
        id="sls-alert-oss-permission-changes",
        title="A Log Service alert watches for OSS permission changes",
        severity=Severity.MEDIUM,
        risk=(
            "A bucket or object made public by an ACL change leaks data from the "
            "moment of the change."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
