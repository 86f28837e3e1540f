"""An SLS alert watches ActionTrail for console sign-in failures (CIS 2.19)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "failed console sign-ins",
    (
        ("ConsoleSignin",),
        ("errorCode", "errorMessage", "Failed"),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.19",
        id="sls-alert-console-authentication-failures",
        title="A Log Service alert watches for console sign-in failures",
        severity=Severity.LOW,
        risk=(
            "Bursts of failed sign-ins are password guessing; without an alert they "
            "are not seen until one succeeds."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
