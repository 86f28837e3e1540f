"""RAM roles are assumable only from this account, unless reviewed."""

from __future__ import annotations

from ..base import Category, Remediation, Severity, check
from ._trust import principal_account, role_findings


@check(
    id="ram-role-trust-no-other-accounts",
    title="RAM roles do not trust other Alibaba Cloud accounts",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the trust policy of every RAM role and flags roles that principals "
        "of another Alibaba Cloud account may assume."
    ),
    risk=(
        "A cross-account role gives another account's users access here; when that "
        "account is compromised or changes hands, so is this one."
    ),
    remediation=Remediation(
        steps=(
            "Confirm each trusted account belongs to your organization (for example "
            "its Resource Directory).",
            "Remove accounts that no longer need access from the trust policy.",
        ),
        console_path=("RAM", "Identities", "Roles", "<role>", "Trust Policy"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role",
        command="aliyun ram GetRole --RoleName <role>",
    ),
    needs=("ram.roles", "ram.role_details"),
    references=("Cloud Governance Center: cross-account RAM role trust",),
    resource_type="ACS::RAM::Role",
)
def evaluate(inventory):
    own = str(inventory.account_id)

    def others(principals):
        accounts = {principal_account(p) for p in principals}
        return sorted(f"account {a}" for a in accounts if a and a != "*" and a != own)

    return role_findings(inventory, others)
