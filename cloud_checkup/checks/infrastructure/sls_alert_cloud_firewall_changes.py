"""An SLS alert watches ActionTrail for Cloud Firewall policy changes (CIS 2.11)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "Cloud Firewall policy changes",
    (
        ("Cloudfw",),
        (
            "CreateVpcFirewallControlPolicy",
            "DeleteVpcFirewallControlPolicy",
            "ModifyVpcFirewallControlPolicy",
            "CreateControlPolicy",
            "DeleteControlPolicy",
            "ModifyControlPolicy",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.11",
        id="sls-alert-cloud-firewall-changes",
        title="A Log Service alert watches for Cloud Firewall policy changes",
        severity=Severity.LOW,
        risk=(
            "A firewall rule opened by mistake or by an intruder exposes services "
            "until someone happens to look."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
