"""An SLS alert watches ActionTrail for unauthorized API calls (CIS 2.16)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "API calls refused for lack of permission",
    (
        (
            "NoPermission",
            "Forbidden",
            "Forbidden.RAM",
            "InvalidAccessKeyId",
            "InvalidAccessKeyId.NotFound",
            "SignatureDoesNotMatch",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.16",
        id="sls-alert-unauthorized-api-calls",
        title="A Log Service alert watches for unauthorized API calls",
        severity=Severity.MEDIUM,
        risk=(
            "Repeated refused calls are how a stolen key or a probing insider shows "
            "itself; without an alert the signal is lost."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
