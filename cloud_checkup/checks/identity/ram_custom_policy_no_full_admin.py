"""No custom RAM policy grants every action on every resource."""

from __future__ import annotations

from .._policy_document import grants_everything
from ..base import Category, Remediation, Severity, check
from ._custom_policies import custom_policy_findings


@check(
    id="ram-custom-policy-no-full-admin",
    title='No custom RAM policy allows "*:*" administrative privileges',
    category=Category.IDENTITY,
    severity=Severity.HIGH,
    description=(
        "Reads the default version of every custom RAM policy and flags policies "
        'with an Allow statement for Action "*" (or NotAction) on Resource "*".'
    ),
    risk=(
        "A home-made administrator policy escapes reviews that look for "
        "AdministratorAccess; whoever holds it controls the whole account."
    ),
    remediation=Remediation(
        steps=(
            "Replace the statement with the product actions the holders need.",
            "Where full administration is really needed, use the system policy "
            "AdministratorAccess on a group or role, so that it shows up in reviews.",
        ),
        console_path=("RAM", "Permissions", "Policies", "<policy>"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/modify-a-custom-policy",
        command="aliyun ram GetPolicy --PolicyType Custom --PolicyName <policy>",
    ),
    needs=("ram.custom_policies", "ram.custom_policy_documents"),
    references=(
        "CIS 2.0.0 1.15",
        "Cloud Config ram-policy-no-statements-with-admin-access-check",
    ),
    resource_type="ACS::RAM::ManagedPolicy",
)
def evaluate(inventory):
    return custom_policy_findings(
        inventory, grants_everything, 'Allows "*" on every resource'
    )
