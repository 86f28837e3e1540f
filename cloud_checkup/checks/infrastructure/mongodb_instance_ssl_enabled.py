"""MongoDB instances encrypt client connections with SSL."""

from __future__ import annotations

from .._databases import MONGODB, switch_findings
from ..base import Category, Remediation, Severity, check


@check(
    id="mongodb-instance-ssl-enabled",
    title="MongoDB instances have SSL encryption enabled",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the SSL settings of each ApsaraDB for MongoDB instance "
        "(DescribeDBInstanceSSL: SSLStatus, Open or Closed) and flags instances "
        "where SSL is closed."
    ),
    risk=(
        "Without SSL, credentials, queries and documents cross the network in clear "
        "text, readable by anyone who can capture the traffic."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Data Security page, turn on SSL (the instance "
            "restarts; do it off-peak). Sharded clusters need ESSD storage.",
            "Configure clients to connect with SSL and verify the CA certificate.",
        ),
        console_path=(*MONGODB.console, "Data Security", "SSL"),
        doc_url="https://www.alibabacloud.com/help/en/mongodb/api-describedbinstancessl",
        command="aliyun dds DescribeDBInstanceSSL --DBInstanceId <instance>",
    ),
    needs=("mongodb.instances", "mongodb.ssl"),
    references=("Cloud Config mongodb-instance-enabled-ssl",),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    return switch_findings(inventory, MONGODB, "mongodb.ssl", "SSLStatus", "SSL")
