"""An SLS alert watches ActionTrail for VPC changes (CIS 2.13)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "VPC and vSwitch changes",
    (
        ("Ecs", "Vpc"),
        (
            "CreateVpc",
            "DeleteVpc",
            "ModifyVpcAttribute",
            "CreateVSwitch",
            "DeleteVSwitch",
            "EnableVpcClassicLink",
            "DisableVpcClassicLink",
            "AssociateVpcCidrBlock",
            "UnassociateVpcCidrBlock",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.13",
        id="sls-alert-vpc-changes",
        title="A Log Service alert watches for VPC changes",
        severity=Severity.MEDIUM,
        risk=(
            "Network changes made outside change control open paths between "
            "networks that nobody reviews."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
