"""AnalyticDB for PostgreSQL instances have no public endpoint."""

from __future__ import annotations

from .._ai import detail_or_unknown, where
from .._fields import as_list, dig
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::GPDB::DBInstance"


@check(
    id="gpdb-instance-no-public-endpoint",
    title="AnalyticDB for PostgreSQL vector databases have no public endpoint",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Reads the connection addresses of each AnalyticDB for PostgreSQL instance "
        "and flags addresses of type Public."
    ),
    risk=(
        "A public endpoint makes the vector store reachable from the Internet; "
        "only the whitelist and the password then protect the data."
    ),
    remediation=Remediation(
        steps=(
            "Release the public endpoint and connect from the VPC, or over a VPN or "
            "Express Connect.",
        ),
        console_path=(
            "AnalyticDB for PostgreSQL",
            "Instances",
            "<instance>",
            "Basic Information",
        ),
        doc_url="https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/user-guide/manage-public-endpoints",
        command="aliyun gpdb DescribeDBInstanceNetInfo --DBInstanceId <id>",
    ),
    needs=("gpdb.instances", "gpdb.net_info"),
    references=("Cloud Config resource public-access detection best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("gpdb.instances"):
        instance_id = instance["DBInstanceId"]
        kw = where(instance, "DBInstanceDescription", _TYPE)
        net, unknown = detail_or_unknown(
            inventory, "gpdb.net_info", instance_id, "the connection addresses", **kw
        )
        if unknown or net is None:
            if unknown:
                yield unknown
            continue
        public = [
            str(info.get("ConnectionString") or info.get("IPAddress"))
            for info in as_list(dig(net, "DBInstanceNetInfo"))
            if str(info.get("IPType", "")).lower() == "public"
        ]
        if public:
            yield Finding.failed(
                instance_id, "Public endpoint " + ", ".join(public), **kw
            )
        else:
            yield Finding.passed(instance_id, "No public endpoint", **kw)
