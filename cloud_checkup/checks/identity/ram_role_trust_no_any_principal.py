"""No RAM role can be assumed by any principal of any account."""

from __future__ import annotations

from ..base import Category, Remediation, Severity, check
from ._trust import principal_account, role_findings


def _anyone(principals):
    return [p for p in principals if p == "*" or principal_account(p) == "*"]


@check(
    id="ram-role-trust-no-any-principal",
    title="No RAM role trusts every Alibaba Cloud account",
    category=Category.IDENTITY,
    severity=Severity.HIGH,
    description=(
        "Reads the trust policy (JSON in a string) of every RAM role and flags "
        'roles that any principal may assume ("*" or acs:ram::*:root).'
    ),
    risk=(
        "Anyone with an Alibaba Cloud account can assume such a role and act with "
        "its permissions in this account."
    ),
    remediation=Remediation(
        steps=(
            "Edit the role's trust policy and name the exact accounts, RAM users or "
            "services that may assume it.",
            "Review what the role was used for in ActionTrail.",
        ),
        console_path=("RAM", "Identities", "Roles", "<role>", "Trust Policy"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role",
        command="aliyun ram GetRole --RoleName <role>",
    ),
    needs=("ram.roles", "ram.role_details"),
    references=("Security Center: RAM role trust policy allows any account",),
    resource_type="ACS::RAM::Role",
)
def evaluate(inventory):
    return role_findings(inventory, _anyone)
