"""A RAM user is either a person (console) or a program (AccessKey), not both."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import as_list
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ram-user-console-or-access-key",
    title="No RAM user has both console access and an active AccessKey",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "Flags RAM users that have a console logon profile and an active AccessKey "
        "at the same time."
    ),
    risk=(
        "A person's account that also carries program keys mixes two kinds of "
        "credential: keys end up on laptops and are not removed when the person leaves."
    ),
    remediation=Remediation(
        steps=(
            "Create a separate RAM user (or better, a RAM role) for the program.",
            "Move the program to it, then disable and delete the person's AccessKey.",
        ),
        console_path=("RAM", "Identities", "Users", "<user>"),
        doc_url="https://www.alibabacloud.com/help/en/ram/security-and-compliance/ram-user-best-practices",
        command="aliyun ram ListAccessKeys --UserName <user>",
    ),
    needs=("ram.users", "ram.user_login_profiles", "ram.user_access_keys"),
    references=("Cloud Governance Center: RAM user with console logon and AccessKey",),
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
        keys = read_detail(inventory, "ram.user_access_keys", name)
        if keys.unreadable:
            yield unreadable(name, "the user's AccessKeys", keys, name=name)
            continue
        active = [
            k
            for k in as_list((keys.record or {}).get("AccessKey"))
            if str(k.get("Status", "")).lower() == "active"
        ]
        if active:
            yield Finding.failed(
                name, f"Console access and {len(active)} active AccessKey(s)", name=name
            )
        else:
            yield Finding.passed(name, "Console access only", name=name)
