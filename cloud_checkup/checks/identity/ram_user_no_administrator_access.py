"""No RAM user holds AdministratorAccess directly."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import as_list
from ..base import Category, Finding, Remediation, Severity, check

_ADMIN_POLICY = "administratoraccess"


@check(
    id="ram-user-no-administrator-access",
    title="No RAM user has the AdministratorAccess policy attached directly",
    category=Category.IDENTITY,
    severity=Severity.HIGH,
    description=(
        "Lists the policies attached to each RAM user and flags users that hold the "
        "system policy AdministratorAccess themselves."
    ),
    risk=(
        "A user with AdministratorAccess can do anything, including granting itself "
        "more; one leaked password or AccessKey compromises the account."
    ),
    remediation=Remediation(
        steps=(
            "Grant administrators their rights through a RAM group or a role they "
            "assume, not on the user.",
            "Give everyone else only the product policies their work needs.",
            "Detach AdministratorAccess from the user.",
        ),
        console_path=("RAM", "Identities", "Users", "<user>", "Permissions"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/revoke-permissions-from-a-ram-user",
        command="aliyun ram ListPoliciesForUser --UserName <user>",
    ),
    needs=("ram.users", "ram.user_policies"),
    # CIS 1.16 (policies only on groups and roles) is the broader item
    # ram-user-no-directly-attached-policies.
    references=("Cloud Config ram-policy-no-statements-with-admin-access-check",),
    top10=7,
    resource_type="ACS::RAM::User",
)
def evaluate(inventory):
    for user in inventory.records("ram.users"):
        name = user["UserName"]
        policies = read_detail(inventory, "ram.user_policies", name)
        if policies.unreadable:
            yield unreadable(name, "the user's policies", policies, name=name)
            continue
        attached = as_list((policies.record or {}).get("Policy"))
        if any(_is_admin(p) for p in attached):
            yield Finding.failed(name, "AdministratorAccess is attached", name=name)
        else:
            yield Finding.passed(name, "No AdministratorAccess attached", name=name)


def _is_admin(policy):
    return (
        str(policy.get("PolicyName", "")).lower() == _ADMIN_POLICY
        and str(policy.get("PolicyType", "System")).lower() == "system"
    )
