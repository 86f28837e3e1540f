"""PolarDB clusters encrypt their data files with TDE."""

from __future__ import annotations

from .._databases import POLARDB, switch_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="polardb-cluster-tde-enabled",
    title="PolarDB clusters have transparent data encryption (TDE) enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the TDE settings of each PolarDB cluster (DescribeDBClusterTDE: "
        "TDEStatus, Enabled or Disabled) and flags clusters where TDE is disabled."
    ),
    risk=(
        "Unencrypted data files and backups expose the database to anyone who gets "
        "a copy of the storage."
    ),
    remediation=Remediation(
        steps=(
            "In the cluster's Security Management page, turn on TDE, preferably "
            "with your own KMS key.",
            "TDE cannot be turned off again: test the application first.",
        ),
        console_path=(*POLARDB.console, "Settings and Management", "Security", "TDE"),
        doc_url="https://www.alibabacloud.com/help/en/cloud-config/latest/polardb-cluster-enabled-tde",
        command="aliyun polardb DescribeDBClusterTDE --DBClusterId <cluster>",
    ),
    needs=("polardb.clusters", "polardb.tde"),
    references=("Cloud Config polardb-cluster-enabled-tde",),
    resource_type="ACS::POLARDB::DBCluster",
)
def evaluate(inventory):
    return switch_findings(inventory, POLARDB, "polardb.tde", "TDEStatus", "TDE")
