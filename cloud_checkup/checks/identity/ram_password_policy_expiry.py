"""RAM user passwords expire within a year."""

from __future__ import annotations

from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check

_MAX_AGE_DAYS = 365


@check(
    id="ram-password-policy-expiry",
    title="RAM user passwords expire within 365 days",
    category=Category.IDENTITY,
    severity=Severity.LOW,
    description=(
        "Checks that the RAM password policy sets a password validity period "
        "(MaxPasswordAge) between 1 and 365 days; 0 means passwords never expire."
    ),
    risk=(
        "A password that never expires stays valid for as long as a leaked copy "
        "circulates."
    ),
    remediation=Remediation(
        steps=(
            "In the RAM console, open Settings and edit the password strength.",
            "Set the password validity period to 365 days or less.",
        ),
        console_path=("RAM", "Settings", "Security Settings", "Password Strength"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/configure-a-password-policy-for-ram-users",
        command="aliyun ram GetPasswordPolicy",
    ),
    needs=("ram.password_policy",),
    references=("CIS 2.0.0 1.13", "Cloud Config ram-password-policy-check"),
    resource_type="ACS::RAM::PasswordPolicy",
)
def evaluate(inventory):
    for record in inventory.records("ram.password_policy"):
        policy = record.get("PasswordPolicy") or {}
        age = as_int(policy.get("MaxPasswordAge"))
        if age is None:
            yield Finding.unknown(
                "password-policy", "The policy did not give a password validity period"
            )
        elif age == 0:
            yield Finding.failed("password-policy", "Passwords never expire")
        elif age > _MAX_AGE_DAYS:
            yield Finding.failed(
                "password-policy", f"Passwords expire after {age} days"
            )
        else:
            yield Finding.passed(
                "password-policy", f"Passwords expire after {age} days"
            )
