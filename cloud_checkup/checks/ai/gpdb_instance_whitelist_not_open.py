"""AnalyticDB for PostgreSQL whitelists do not admit every address."""

from __future__ import annotations

from .._ai import detail_or_unknown, is_internet, where
from .._fields import as_list, dig
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::GPDB::DBInstance"


@check(
    id="gpdb-instance-whitelist-not-open",
    title="AnalyticDB for PostgreSQL whitelists do not allow every address",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Reads the IP whitelists of each AnalyticDB for PostgreSQL instance, the "
        "vector database behind many RAG applications, and flags 0.0.0.0/0 entries."
    ),
    risk=(
        "An open whitelist leaves only the database password between the Internet "
        "and the embeddings and source documents of the knowledge base."
    ),
    remediation=Remediation(
        steps=(
            "Replace 0.0.0.0/0 with the VPC CIDR blocks or addresses of the "
            "applications that query the database.",
        ),
        console_path=(
            "AnalyticDB for PostgreSQL",
            "Instances",
            "<instance>",
            "Security Controls",
        ),
        doc_url="https://www.alibabacloud.com/help/en/analyticdb/analyticdb-for-postgresql/user-guide/configure-an-ip-address-whitelist",
        command="aliyun gpdb DescribeDBInstanceIPArrayList --DBInstanceId <id>",
    ),
    needs=("gpdb.instances", "gpdb.ip_arrays"),
    references=("Cloud Config resource public-access detection best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("gpdb.instances"):
        instance_id = instance["DBInstanceId"]
        kw = where(instance, "DBInstanceDescription", _TYPE)
        arrays, unknown = detail_or_unknown(
            inventory, "gpdb.ip_arrays", instance_id, "the IP whitelists", **kw
        )
        if unknown or arrays is None:
            if unknown:
                yield unknown
            continue
        open_groups = [
            str(group.get("DBInstanceIPArrayName"))
            for group in as_list(dig(arrays, "DBInstanceIPArray"))
            if any(is_internet(ip) for ip in _ips(group))
        ]
        if open_groups:
            text = "0.0.0.0/0 in " + ", ".join(sorted(open_groups))
            yield Finding.failed(instance_id, text, **kw)
        else:
            yield Finding.passed(instance_id, "No whitelist admits every address", **kw)


def _ips(group):
    return [ip.strip() for ip in str(group.get("SecurityIPList") or "").split(",")]
