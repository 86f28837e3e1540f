"""The RAM password policy asks for long passwords with every character class."""

from __future__ import annotations

from .._fields import as_bool, as_int
from ..base import Category, Finding, Remediation, Severity, check

_MIN_LENGTH = 14
_CLASSES = {
    "RequireUppercaseCharacters": "an uppercase letter",
    "RequireLowercaseCharacters": "a lowercase letter",
    "RequireNumbers": "a number",
    "RequireSymbols": "a symbol",
}


@check(
    id="ram-password-policy-strength",
    title="The RAM password policy requires 14 characters and all character types",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "Checks that RAM user passwords must be at least 14 characters long and "
        "contain uppercase and lowercase letters, numbers and symbols."
    ),
    risk="Short or simple passwords are guessed or cracked quickly.",
    remediation=Remediation(
        steps=(
            "In the RAM console, open Settings and edit the password strength.",
            "Set the minimum length to 14 or more and require all four character "
            "types.",
        ),
        console_path=("RAM", "Settings", "Security Settings", "Password Strength"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/configure-a-password-policy-for-ram-users",
        command="aliyun ram GetPasswordPolicy",
    ),
    needs=("ram.password_policy",),
    references=(
        "CIS 2.0.0 1.7",
        "CIS 2.0.0 1.8",
        "CIS 2.0.0 1.9",
        "CIS 2.0.0 1.10",
        "CIS 2.0.0 1.11",
        "Cloud Config ram-password-policy-check",
    ),
    resource_type="ACS::RAM::PasswordPolicy",
)
def evaluate(inventory):
    for record in inventory.records("ram.password_policy"):
        policy = record.get("PasswordPolicy") or {}
        gaps = _gaps(policy)
        if gaps:
            yield Finding.failed("password-policy", "; ".join(gaps))
        else:
            yield Finding.passed(
                "password-policy", "Length and character types enforced"
            )


def _gaps(policy):
    gaps = []
    length = as_int(policy.get("MinimumPasswordLength")) or 0
    if length < _MIN_LENGTH:
        gaps.append(f"minimum length is {length}, below {_MIN_LENGTH}")
    for field, label in _CLASSES.items():
        if not as_bool(policy.get(field)):
            gaps.append(f"{label} is not required")
    return gaps
