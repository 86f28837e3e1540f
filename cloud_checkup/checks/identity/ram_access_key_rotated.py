"""Active AccessKeys of RAM users are younger than 90 days."""

from __future__ import annotations

from datetime import timedelta

from .._details import read_detail, unreadable
from .._fields import as_list, parse_time
from ..base import Category, Finding, Remediation, Severity, check

_MAX_AGE = timedelta(days=90)


@check(
    id="ram-access-key-rotated-90-days",
    title="Active RAM user AccessKeys are rotated within 90 days",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "Lists every RAM user's AccessKeys and checks that each active key was "
        "created within the last 90 days."
    ),
    risk=(
        "The older a key, the more places it has been copied to and the longer a "
        "leaked copy stays useful."
    ),
    remediation=Remediation(
        steps=(
            "Create a second AccessKey for the user.",
            "Move the programs to the new key.",
            "Disable the old key, check nothing breaks, then delete it.",
        ),
        console_path=("RAM", "Identities", "Users", "<user>", "AccessKey"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/rotate-an-accesskey-pair",
        command="aliyun ram ListAccessKeys --UserName <user>",
    ),
    needs=("ram.users", "ram.user_access_keys"),
    references=("CIS 2.0.0 1.6", "Cloud Config ram-user-ak-create-date-expired-check"),
    resource_type="ACS::RAM::AccessKey",
)
def evaluate(inventory):
    for user in inventory.records("ram.users"):
        name = user["UserName"]
        keys = read_detail(inventory, "ram.user_access_keys", name)
        if keys.unreadable:
            yield unreadable(name, "the user's AccessKeys", keys, name=name)
            continue
        entries = as_list((keys.record or {}).get("AccessKey"))
        for key in entries:
            if str(key.get("Status", "")).lower() == "active":
                yield _verdict(key, name, inventory.now)


def _verdict(key, user, now):
    key_id = key.get("AccessKeyId", "")
    created = parse_time(key.get("CreateDate"))
    if created is None:
        return Finding.unknown(
            key_id, "The key's creation date is unreadable", name=user
        )
    age = (now - created).days
    if now - created > _MAX_AGE:
        return Finding.failed(
            key_id, f"Active key of {user} is {age} days old", name=user
        )
    return Finding.passed(key_id, f"Active key of {user} is {age} days old", name=user)
