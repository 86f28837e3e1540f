"""The Alibaba Cloud (root) account signs in with MFA."""

from __future__ import annotations

from .._fields import as_bool, dig
from ..base import Category, Finding, Remediation, Severity, check

_ACCOUNT = "root-account"


@check(
    id="root-account-mfa-enabled",
    title="The Alibaba Cloud account (root) has MFA enabled",
    category=Category.IDENTITY,
    severity=Severity.HIGH,
    description=(
        "Reads the account security practice report to see whether a multi-factor "
        "authentication device is bound to the Alibaba Cloud account."
    ),
    risk=(
        "Without MFA, anyone who learns the root password controls the whole account, "
        "including billing and every RAM identity."
    ),
    remediation=Remediation(
        steps=(
            "Sign in as the Alibaba Cloud account.",
            "Open Security Settings and bind a virtual MFA device or a security key.",
        ),
        console_path=("Account", "Security Settings", "MFA"),
        doc_url="https://www.alibabacloud.com/help/en/account/bind-an-mfa-device",
        command="aliyun ims GetAccountSecurityPracticeReport",
    ),
    needs=("ims.account_security_report",),
    references=("CIS 2.0.0 1.3", "Cloud Config root-mfa-check"),
    top10=6,
    resource_type="ACS::Account",
)
def evaluate(inventory):
    for report in inventory.records("ims.account_security_report"):
        bound = as_bool(dig(report, "AccountSecurityPracticeUserInfo.BindMfa"))
        if bound is None:
            yield Finding.unknown(
                _ACCOUNT, "The report did not say whether MFA is bound"
            )
        elif bound:
            yield Finding.passed(_ACCOUNT, "An MFA device is bound", name="root")
        else:
            yield Finding.failed(_ACCOUNT, "No MFA device is bound", name="root")
