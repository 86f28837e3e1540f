"""Simple Log Service logstores keep their data for at least a year."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check
from ._sls import LOGSTORE_CONFIGS, LOGSTORES, PROJECTS

_MIN_DAYS = 365
# A ttl of 3650 days is how SLS shows permanent storage.
_FOR_EVER = 3650
_TYPE = "ACS::SLS::Logstore"


@check(
    id="sls-logstore-retention-365-days",
    title="Log Service logstores keep their data for at least 365 days",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads every logstore of every Simple Log Service project (GetLogStore ttl, "
        "in days; 3650 means kept for ever) and flags logstores that keep data for "
        "less than 365 days."
    ),
    risk=(
        "Audit trails, access logs and flow logs are how an intrusion is traced, "
        "often months after it began; a short retention deletes the evidence first."
    ),
    remediation=Remediation(
        steps=(
            "Open the logstore's settings and set the data retention period to 365 "
            "days or more (or to permanent storage).",
            "For cost, move older data to the infrequent-access or archive tier "
            "rather than shortening retention.",
        ),
        console_path=("Simple Log Service", "<project>", "Logstores", "Modify"),
        doc_url="https://www.alibabacloud.com/help/en/sls/user-guide/manage-a-logstore",
        command="aliyun sls GetLogStore --project <project> --logstore <logstore>",
    ),
    needs=(PROJECTS, LOGSTORES, LOGSTORE_CONFIGS),
    references=("CIS 2.0.0 2.23", "Cloud Config sls-logstore-ttl-configured"),
    resource_type=_TYPE,
    applies_to="Simple Log Service logstores",
)
def evaluate(inventory):
    for project, error in inventory.detail_errors(LOGSTORES).items():
        if not error.absent:
            yield Finding.unknown(
                project,
                f"Could not list the project's logstores: {error.code}",
                resource_type="ACS::SLS::Project",
            )
    for logstore in inventory.records(LOGSTORES):
        name = logstore.get("logstoreName")
        key = f"{logstore.key}/{name}"
        where = {"region": logstore.region, "name": name, "resource_type": _TYPE}
        detail = read_detail(inventory, LOGSTORE_CONFIGS, key)
        if detail.absent:
            continue
        if detail.unreadable:
            yield unreadable(key, "the logstore's settings", detail, **where)
            continue
        yield _verdict(key, as_int(detail.record.get("ttl")), where)


def _verdict(key: str, days: int | None, where: dict) -> Finding:
    if days is None:
        return Finding.unknown(key, "The retention period was not returned", **where)
    if days < _MIN_DAYS:
        return Finding.failed(key, f"Data kept {days} days", **where)
    if days >= _FOR_EVER:
        return Finding.passed(key, "Data kept permanently", **where)
    return Finding.passed(key, f"Data kept {days} days", **where)
