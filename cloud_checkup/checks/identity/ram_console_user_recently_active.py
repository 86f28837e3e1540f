"""RAM users who keep console access have signed in within 90 days."""

from __future__ import annotations

from datetime import timedelta

from .._details import read_detail, unreadable
from .._fields import parse_time, time_unreadable
from ..base import Category, Finding, Remediation, Severity, check

_MAX_IDLE = timedelta(days=90)


@check(
    id="ram-console-user-active-90-days",
    title="RAM users with console access have signed in within 90 days",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "For RAM users with a console logon profile, reads the last logon time and "
        "flags users idle for 90 days or more."
    ),
    risk=(
        "Unused console access belongs to people who left or changed role; nobody "
        "notices when such an account is taken over."
    ),
    remediation=Remediation(
        steps=(
            "Confirm with the user's manager whether the access is still needed.",
            "Disable console logon for users who no longer need it.",
        ),
        console_path=("RAM", "Identities", "Users", "<user>", "Authentication"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/disable-console-logon-for-a-ram-user",
        command="aliyun ram GetUser --UserName <user>",
    ),
    needs=("ram.users", "ram.user_login_profiles", "ram.user_details"),
    references=("CIS 2.0.0 1.5", "Cloud Config ram-user-last-login-expired-check"),
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
        details = read_detail(inventory, "ram.user_details", name)
        if details.record is None:
            yield unreadable(name, "the user's last logon", details, name=name)
            continue
        yield _verdict(name, details.record, user, inventory.now)


def _verdict(name, details, user, now):
    if time_unreadable(details.get("LastLoginDate")):
        return Finding.unknown(name, "The last logon time is unreadable", name=name)
    last = parse_time(details.get("LastLoginDate"))
    if last is None:
        # Never signed in: measure the idle time from the user's creation.
        created = parse_time(details.get("CreateDate") or user.get("CreateDate"))
        if created is not None and now - created <= _MAX_IDLE:
            return Finding.passed(
                name, "Created recently, not signed in yet", name=name
            )
        return Finding.failed(name, "Has console access but never signed in", name=name)
    idle = (now - last).days
    if now - last > _MAX_IDLE:
        return Finding.failed(name, f"Last console logon {idle} days ago", name=name)
    return Finding.passed(name, f"Last console logon {idle} days ago", name=name)
