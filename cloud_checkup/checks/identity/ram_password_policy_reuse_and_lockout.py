"""The RAM password policy prevents password reuse and locks out guessing."""

from __future__ import annotations

from .._details import Shortfalls
from .._fields import as_int
from ..base import Category, Remediation, Severity, check

_MIN_HISTORY = 5
_MAX_ATTEMPTS = 5


@check(
    id="ram-password-policy-reuse-and-lockout",
    title="The RAM password policy prevents reuse and blocks repeated failed logons",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "Checks that a RAM user cannot reuse any of the last 5 passwords and that "
        "logon is blocked for an hour after at most 5 wrong passwords."
    ),
    risk=(
        "Reused passwords bring back credentials that already leaked; unlimited "
        "attempts let an attacker guess passwords online."
    ),
    remediation=Remediation(
        steps=(
            "In the RAM console, open Settings and edit the password strength.",
            "Set password history check to 5 or more.",
            "Set the maximum password retries to 5 or fewer.",
        ),
        console_path=("RAM", "Settings", "Security Settings", "Password Strength"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/configure-a-password-policy-for-ram-users",
        command="aliyun ram GetPasswordPolicy",
    ),
    needs=("ram.password_policy",),
    references=(
        "CIS 2.0.0 1.12",
        "CIS 2.0.0 1.14",
        "Cloud Config ram-password-policy-check",
    ),
    resource_type="ACS::RAM::PasswordPolicy",
)
def evaluate(inventory):
    for record in inventory.records("ram.password_policy"):
        policy = record.get("PasswordPolicy") or {}
        yield _shortfalls(policy).finding(
            "password-policy", "Reuse and lockout enforced"
        )


def _shortfalls(policy):
    found = Shortfalls()
    history = as_int(policy.get("PasswordReusePrevention"))
    if history is None:
        found.unsaid.append("PasswordReusePrevention")
    elif history < _MIN_HISTORY:
        found.gaps.append(f"only the last {history} passwords are blocked from reuse")
    # The API spells the field MaxLoginAttemps; 0 means no lockout at all.
    attempts = as_int(policy.get("MaxLoginAttemps"))
    if attempts is None:
        found.unsaid.append("MaxLoginAttemps")
    elif attempts == 0 or attempts > _MAX_ATTEMPTS:
        found.gaps.append("failed logons are not limited to 5 an hour")
    return found
