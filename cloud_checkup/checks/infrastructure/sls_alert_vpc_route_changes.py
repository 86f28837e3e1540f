"""An SLS alert watches ActionTrail for VPC route changes (CIS 2.12)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "VPC route table changes",
    (
        ("Ecs", "Vpc"),
        (
            "CreateRouteEntry",
            "DeleteRouteEntry",
            "ModifyRouteEntry",
            "AssociateRouteTable",
            "UnassociateRouteTable",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.12",
        id="sls-alert-vpc-route-changes",
        title="A Log Service alert watches for VPC route changes",
        severity=Severity.MEDIUM,
        risk=(
            "A changed route can send traffic through a host an attacker controls, "
            "or cut a service off, without any alarm."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
