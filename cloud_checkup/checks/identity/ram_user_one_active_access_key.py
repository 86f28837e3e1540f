"""Each RAM user has at most one active AccessKey."""

from __future__ import annotations

from .._fields import as_list
from .._resources import detail_findings
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ram-user-one-active-access-key",
    title="No RAM user has more than one active AccessKey",
    category=Category.IDENTITY,
    severity=Severity.LOW,
    description=(
        "Counts the active AccessKeys of each RAM user and flags users with two; "
        "two keys are normal only for the days of a rotation."
    ),
    risk=(
        "A second active key is usually a forgotten one: it keeps working after "
        "the rotation and nobody watches where it is used."
    ),
    remediation=Remediation(
        steps=(
            "Find which key the user's programs still use (AccessKey last used time "
            "in the RAM console).",
            "Disable the other key, check nothing breaks, then delete it.",
        ),
        console_path=("RAM", "Identities", "Users", "<user>", "AccessKey"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/rotate-an-accesskey-pair",
        command="aliyun ram ListAccessKeys --UserName <user>",
    ),
    needs=("ram.users", "ram.user_access_keys"),
    references=("Cloud Config ram-user-activated-ak-quantity-check",),
    resource_type="ACS::RAM::User",
)
def evaluate(inventory):
    return detail_findings(
        inventory,
        "ram.users",
        "ram.user_access_keys",
        id_field="UserName",
        what="the user's AccessKeys",
        verdict=_verdict,
        where=lambda user: {"name": user.get("UserName")},
    )


def _verdict(name, user, keys, where):
    active = [
        k
        for k in as_list((keys or {}).get("AccessKey"))
        if str(k.get("Status", "")).strip().lower() == "active"
    ]
    if not active:
        return None
    if len(active) > 1:
        ids = ", ".join(str(k.get("AccessKeyId")) for k in active)
        return Finding.failed(name, f"{len(active)} active AccessKeys: {ids}", **where)
    return Finding.passed(name, "One active AccessKey", **where)
