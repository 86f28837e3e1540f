"""An SLS alert watches ActionTrail for RAM policy and role changes (CIS 2.10)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "RAM policy and role changes",
    (
        ("Ram", "ResourceManager"),
        (
            "CreatePolicy",
            "DeletePolicy",
            "CreatePolicyVersion",
            "UpdatePolicyVersion",
            "SetDefaultPolicyVersion",
            "DeletePolicyVersion",
            "AttachPolicyToRole",
            "DetachPolicyFromRole",
            "CreateRole",
            "DeleteRole",
            "UpdateRole",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.10",
        id="sls-alert-ram-role-changes",
        title="A Log Service alert watches for RAM policy and role changes",
        severity=Severity.MEDIUM,
        risk=(
            "A changed policy or role can grant an attacker lasting access; "
            "unwatched, the change is found only when the access is used."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
