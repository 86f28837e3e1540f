"""An SLS alert watches ActionTrail for disabled or deleted KMS keys (CIS 2.20)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "customer master keys disabled or scheduled for deletion",
    (("DisableKey", "ScheduleKeyDeletion", "DeleteKeyMaterial"),),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.20",
        id="sls-alert-kms-key-disable-delete",
        title="A Log Service alert watches for disabled or deleted KMS keys",
        severity=Severity.MEDIUM,
        risk=(
            "Data encrypted with a disabled or deleted key becomes unreadable; an "
            "alert leaves time to cancel a deletion."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
