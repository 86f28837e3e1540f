"""RAM users cannot create AccessKeys for themselves."""

from __future__ import annotations

from .._fields import as_bool
from ..base import Category, Finding, Remediation, Severity, check
from ._security_preference import RESOURCE, preference_findings


@check(
    id="ram-users-cannot-manage-own-access-keys",
    title="RAM users cannot manage their own AccessKeys",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the RAM security preference and checks that RAM users are not "
        "allowed to create, disable or delete their own AccessKeys."
    ),
    risk=(
        "When every user can mint AccessKeys, long-lived keys appear on laptops and "
        "in scripts without any administrator knowing."
    ),
    remediation=Remediation(
        steps=(
            "In the RAM console, open Settings, Security Settings.",
            "Turn off 'Manage AccessKeys' for RAM users; administrators issue keys.",
        ),
        console_path=("RAM", "Settings", "Security Settings", "User Security"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/configure-security-policies-for-ram-users",
        command="aliyun ram GetSecurityPreference",
    ),
    needs=("ram.security_preference",),
    references=("Cloud Governance Center: RAM users manage their own AccessKeys",),
    resource_type="ACS::RAM::SecurityPreference",
)
def evaluate(inventory):
    return preference_findings(
        inventory, "AccessKeyPreference.AllowUserToManageAccessKeys", _verdict
    )


def _verdict(value):
    if as_bool(value):
        return Finding.failed(RESOURCE, "RAM users may manage their own AccessKeys")
    return Finding.passed(RESOURCE, "Only administrators manage AccessKeys")
