"""RAM users get their permissions from groups or roles, not attached directly."""

from __future__ import annotations

from .._fields import as_list
from .._resources import detail_findings
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="ram-user-no-directly-attached-policies",
    title="RAM policies are attached only to groups or roles, not to users",
    category=Category.IDENTITY,
    severity=Severity.LOW,
    description=(
        "Lists the policies attached to each RAM user and flags users that hold "
        "policies directly instead of through a RAM group or role."
    ),
    risk=(
        "Permissions scattered over individual users are hard to review and are "
        "forgotten when people change jobs; groups make them visible."
    ),
    remediation=Remediation(
        steps=(
            "Create RAM groups for job functions and attach the policies there.",
            "Add the users to the groups, then detach the policies from the users.",
        ),
        console_path=("RAM", "Identities", "Users", "<user>", "Permissions"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/grant-permissions-to-a-ram-user-group",
        command="aliyun ram ListPoliciesForUser --UserName <user>",
    ),
    needs=("ram.users", "ram.user_policies"),
    references=("CIS 2.0.0 1.16", "Cloud Config ram-user-group-membership-check"),
    resource_type="ACS::RAM::User",
)
def evaluate(inventory):
    return detail_findings(
        inventory,
        "ram.users",
        "ram.user_policies",
        id_field="UserName",
        what="the user's policies",
        verdict=_verdict,
        where=lambda user: {"name": user.get("UserName")},
    )


def _verdict(name, user, policies, where):
    attached = [
        str(p.get("PolicyName")) for p in as_list((policies or {}).get("Policy"))
    ]
    if attached:
        text = "Policies attached to the user: " + ", ".join(sorted(attached))
        return Finding.failed(name, text, **where)
    return Finding.passed(name, "No policy attached to the user", **where)
