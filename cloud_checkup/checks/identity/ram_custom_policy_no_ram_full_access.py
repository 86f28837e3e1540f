"""No custom RAM policy grants full control of RAM itself."""

from __future__ import annotations

from .._policy_document import grants_everything
from ..base import Category, Remediation, Severity, check
from ._custom_policies import custom_policy_findings

_FULL_ADMIN = (
    "Grants every action (or all but a few) on every resource: reported by "
    "ram-custom-policy-no-full-admin"
)


def _grants_all_of_ram(statement):
    return grants_everything(statement, service="ram")


@check(
    id="ram-custom-policy-no-ram-full-access",
    title="No custom RAM policy grants full control of RAM",
    category=Category.IDENTITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the default version of every custom RAM policy and flags policies "
        'that allow "ram:*" on every resource. Policies that allow every action '
        "of every product are left to ram-custom-policy-no-full-admin, which fails "
        "them."
    ),
    risk=(
        "Full RAM control lets the holder create users, keys and policies, and so "
        "grant itself any other permission: an administrator in disguise."
    ),
    remediation=Remediation(
        steps=(
            "Limit the policy to the RAM actions the holders need (for example "
            "read-only ram:Get* and ram:List*).",
            "Keep identity administration with a few administrators, through a role.",
        ),
        console_path=("RAM", "Permissions", "Policies", "<policy>"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/modify-a-custom-policy",
        command="aliyun ram GetPolicy --PolicyType Custom --PolicyName <policy>",
    ),
    needs=("ram.custom_policies", "ram.custom_policy_documents"),
    references=(
        "Cloud Config ram-user-no-product-admin-access",
        "Security Center: RAM cloud-product administrator grant",
    ),
    resource_type="ACS::RAM::ManagedPolicy",
)
def evaluate(inventory):
    return custom_policy_findings(
        inventory,
        _grants_all_of_ram,
        "Allows every RAM action on every resource",
        reported_elsewhere=(grants_everything, _FULL_ADMIN),
    )
