"""Every RAM user who can sign in to the console has an MFA device."""

from __future__ import annotations

from .._details import read_detail, unreadable
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ram-user-console-mfa-enabled",
    title="RAM users with console access have MFA enabled",
    category=Category.IDENTITY,
    severity=Severity.HIGH,
    description=(
        "For every RAM user with a console logon profile, checks that an MFA device "
        "is bound to the user."
    ),
    risk=(
        "A console password alone is easy to phish or guess; without a second factor "
        "a stolen password is a full console session."
    ),
    remediation=Remediation(
        steps=(
            "In the RAM console, open the user and bind a virtual MFA device.",
            "Set 'Require MFA at logon' in the user's console logon settings.",
            "Consider enforcing MFA for all users in the RAM security settings.",
        ),
        console_path=("RAM", "Identities", "Users", "<user>", "Authentication"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/bind-an-mfa-device-to-a-ram-user",
        command="aliyun ram GetUserMFAInfo --UserName <user>",
    ),
    needs=("ram.users", "ram.user_login_profiles", "ram.user_mfa_devices"),
    references=("CIS 2.0.0 1.4", "Cloud Config ram-user-mfa-check"),
    top10=5,
    resource_type="ACS::RAM::User",
)
def evaluate(inventory):
    for user in inventory.records("ram.users"):
        name = user["UserName"]
        profile = read_detail(inventory, "ram.user_login_profiles", name)
        if profile.absent:
            continue
        if profile.unreadable:
            yield unreadable(name, "the console logon profile", profile, name=name)
            continue
        mfa = read_detail(inventory, "ram.user_mfa_devices", name)
        if mfa.unreadable:
            yield unreadable(name, "the MFA device", mfa, name=name)
        elif mfa.absent:
            yield Finding.failed(
                name, "Console access without an MFA device", name=name
            )
        else:
            yield Finding.passed(name, "Console access with an MFA device", name=name)
