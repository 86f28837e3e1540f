"""An SLS alert watches ActionTrail for root account usage (CIS 2.18)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "sign-ins and calls by the root account",
    (("root-account",),),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.18",
        id="sls-alert-root-account-usage",
        title="A Log Service alert watches for root account usage",
        severity=Severity.HIGH,
        risk=(
            "The root account can do anything and cannot be restricted; its use "
            "should be rare and seen at once."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
