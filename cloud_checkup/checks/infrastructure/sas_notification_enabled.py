"""Security Center notifies someone about its alerts and vulnerabilities."""

from __future__ import annotations

from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="sas-notification-enabled",
    title="Security Center sends notifications for every notice item",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Reads Security Center's notification settings and flags notice items "
        "(alerts, vulnerabilities, baseline risks, ...) with no notification "
        "method (Route 0)."
    ),
    risk=(
        "Alerts nobody receives are alerts nobody acts on: an intrusion is found "
        "weeks later, if at all."
    ),
    remediation=Remediation(
        steps=(
            "In Security Center's notification settings, choose text message, "
            "email or internal message for every item, at least for high risks.",
        ),
        console_path=("Security Center", "System Settings", "Notification Settings"),
        doc_url="https://www.alibabacloud.com/help/en/security-center/user-guide/configure-notifications",
        command="aliyun sas DescribeNoticeConfig",
    ),
    needs=("sas.notice_config",),
    references=("CIS 2.0.0 8.5",),
    resource_type="ACS::ThreatDetection::NoticeConfig",
)
def evaluate(inventory):
    for notice in inventory.records("sas.notice_config"):
        project = str(notice.get("Project") or "")
        route = as_int(notice.get("Route"))
        if route is None:
            yield Finding.unknown(project, "The notification method was not returned")
        elif route == 0:
            yield Finding.failed(project, "No notification method", name=project)
        else:
            yield Finding.passed(project, "Notified", name=project)
