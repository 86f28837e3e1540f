"""The RAM password policy asks for long passwords with every character class."""

from __future__ import annotations

from .._details import Shortfalls
from .._fields import as_bool, as_int
from ..base import Category, Remediation, Severity, check

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
        yield _shortfalls(policy).finding(
            "password-policy", "Length and character types enforced"
        )


def _shortfalls(policy):
    found = Shortfalls()
    length = as_int(policy.get("MinimumPasswordLength"))
    if length is None:
        found.unsaid.append("MinimumPasswordLength")
    elif length < _MIN_LENGTH:
        found.gaps.append(f"minimum length is {length}, below {_MIN_LENGTH}")
    for field, label in _CLASSES.items():
        required = as_bool(policy.get(field))
        if required is None:
            found.unsaid.append(field)
        elif not required:
            found.gaps.append(f"{label} is not required")
    return found
