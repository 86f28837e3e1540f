"""An SLS alert watches ActionTrail for RDS configuration changes (CIS 2.15)."""

from __future__ import annotations

from ..base import Severity, check
from ._sls import Watch, alert_findings, alert_metadata

WATCH = Watch(
    "RDS instance configuration changes",
    (
        ("Rds",),
        (
            "ModifySecurityIps",
            "ModifyDBInstanceSSL",
            "ModifyDBInstanceTDE",
            "ModifyDBInstanceSpec",
            "ModifyDBInstanceNetworkType",
            "ModifyDBInstanceConnectionString",
            "AllocateInstancePublicConnection",
            "ModifyBackupPolicy",
            "ModifySQLCollectorPolicy",
            "ModifyParameter",
            "DeleteDBInstance",
            "MigrateToOtherZone",
            "SwitchDBInstanceHA",
        ),
    ),
)


@check(
    **alert_metadata(
        WATCH,
        cis="2.15",
        id="sls-alert-rds-configuration-changes",
        title="A Log Service alert watches for RDS configuration changes",
        severity=Severity.MEDIUM,
        risk=(
            "An opened whitelist, a removed SSL or audit setting or a deleted "
            "instance goes unnoticed until data is lost or leaked."
        ),
    )
)
def evaluate(inventory):
    return alert_findings(inventory, WATCH)
