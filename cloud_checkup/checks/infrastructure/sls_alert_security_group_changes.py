"""An SLS alert watches ActionTrail for security group changes (CIS 2.22)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "security group and rule changes",
    (
        (
            "AuthorizeSecurityGroup",
            "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroup",
            "RevokeSecurityGroupEgress",
            "CreateSecurityGroup",
            "DeleteSecurityGroup",
            "ModifySecurityGroupPolicy",
            "ModifySecurityGroupRule",
            "JoinSecurityGroup",
            "LeaveSecurityGroup",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.22",
        id="sls-alert-security-group-changes",
        title="A Log Service alert watches for security group changes",
        severity=Severity.MEDIUM,
        risk=(
            "An opened port is exposed to the Internet's scanners within minutes; "
            "an alert lets someone close it as fast."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
