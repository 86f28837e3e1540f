"""RAM users must pass MFA at every console logon."""

from __future__ import annotations

from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check
from ._security_preference import RESOURCE, preference_findings


@check(
    id="ram-mfa-not-remembered",
    title="RAM users cannot skip MFA for seven days after a logon",
    category=Category.IDENTITY,
    severity=Severity.LOW,
    description=(
        "Reads the RAM security preference and checks that users may not save "
        "their MFA verification for seven days (EnableSaveMFATicket)."
    ),
    risk=(
        "A remembered MFA ticket turns a stolen browser session or password into "
        "console access for a week without the second factor."
    ),
    remediation=Remediation(
        steps=(
            "In the RAM console, open Settings, Security Settings.",
            "Turn off 'Save MFA logon status for 7 days'.",
        ),
        console_path=("RAM", "Settings", "Security Settings", "User Security"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/configure-security-policies-for-ram-users",
        command="aliyun ram GetSecurityPreference",
    ),
    needs=("ram.security_preference",),
    references=("Cloud Config ram-user-mfa-check-v2",),
    resource_type="ACS::RAM::SecurityPreference",
)
def evaluate(inventory):
    return preference_findings(
        inventory, "LoginProfilePreference.EnableSaveMFATicket", _verdict
    )


def _verdict(value):
    if as_bool(value):
        return Finding.failed(RESOURCE, "Users may save MFA for seven days")
    return Finding.passed(RESOURCE, "MFA is asked at every logon")
