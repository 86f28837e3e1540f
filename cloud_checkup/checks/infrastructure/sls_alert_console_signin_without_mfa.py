"""An SLS alert watches ActionTrail for console sign-ins without MFA (CIS 2.17)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "console sign-ins without MFA",
    (
        ("ConsoleSignin",),
        ("MFAUsed", "mfaChecked"),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.17",
        id="sls-alert-console-signin-without-mfa",
        title="A Log Service alert watches for console sign-ins without MFA",
        severity=Severity.MEDIUM,
        risk=(
            "A password-only sign-in is the easiest way in with a stolen password; "
            "an alert shows it as it happens."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
