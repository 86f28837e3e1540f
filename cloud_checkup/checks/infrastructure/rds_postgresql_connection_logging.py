"""RDS PostgreSQL instances log connections, disconnections and durations."""

from __future__ import annotations

from .._fields import as_bool, as_list, dig
from ..base import Category, Finding, Remediation, Severity, check
from ._rds import CONSOLE, instance_findings

_PARAMETERS = ("log_connections", "log_disconnections", "log_duration")


@check(
    id="rds-postgresql-connection-logging",
    title="RDS PostgreSQL logs connections, disconnections and statement durations",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Reads the running parameters of each PostgreSQL instance and flags "
        "instances where log_connections, log_disconnections or log_duration is "
        "not on."
    ),
    risk=(
        "Without connection logs, brute-force attempts and unusual sessions leave "
        "no trace in the database logs."
    ),
    remediation=Remediation(
        steps=(
            "In the instance's Parameters page, set log_connections, "
            "log_disconnections and log_duration to on, then apply.",
        ),
        console_path=(*CONSOLE, "Parameters"),
        doc_url="https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-postgresql/modify-the-parameters-of-an-apsaradb-rds-for-postgresql-instance",
        command="aliyun rds DescribeParameters --DBInstanceId <instance>",
    ),
    needs=("rds.instances", "rds.instance_parameters"),
    references=("CIS 2.0.0 6.7", "CIS 2.0.0 6.8", "CIS 2.0.0 6.9"),
    resource_type="ACS::RDS::DBInstance",
    applies_to="RDS PostgreSQL instances",
)
def evaluate(inventory):
    return instance_findings(
        inventory,
        "rds.instance_parameters",
        "the running parameters",
        _verdict,
        include=lambda i: str(i.get("Engine", "")).lower() == "postgresql",
    )


def _verdict(instance_id, instance, body, where):
    if body is None:
        return None
    running = {
        str(p.get("ParameterName", "")).lower(): p.get("ParameterValue")
        for p in as_list(dig(body, "RunningParameters.DBInstanceParameter"))
    }
    missing = [name for name in _PARAMETERS if name not in running]
    if missing:
        text = "Parameters not returned: " + ", ".join(missing)
        return Finding.unknown(instance_id, text, **where)
    off = [name for name in _PARAMETERS if not as_bool(running[name])]
    if off:
        return Finding.failed(instance_id, "Off: " + ", ".join(off), **where)
    return Finding.passed(instance_id, "All three are on", **where)
