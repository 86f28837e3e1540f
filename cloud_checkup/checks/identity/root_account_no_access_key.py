"""The Alibaba Cloud (root) account holds no AccessKey."""

from __future__ import annotations

from .._fields import as_int, dig
from ..base import Category, Finding, Remediation, Severity, check

_ACCOUNT = "root-account"


@check(
    id="root-account-no-access-key",
    title="The Alibaba Cloud account (root) has no AccessKey",
    category=Category.IDENTITY,
    severity=Severity.HIGH,
    description=(
        "Reads the account security practice report and counts the AccessKeys that "
        "belong to the Alibaba Cloud account itself rather than to a RAM user."
    ),
    risk=(
        "A root AccessKey has every permission on every resource and cannot be "
        "limited by any policy. If it leaks, the whole account is lost."
    ),
    remediation=Remediation(
        steps=(
            "Create a RAM user or RAM role with only the permissions the program "
            "needs.",
            "Move every program that uses the root AccessKey to the new identity.",
            "Disable the root AccessKey, watch for failures for a few days, then "
            "delete it.",
        ),
        console_path=("Account", "AccessKey management"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",
        command="aliyun ims GetAccountSecurityPracticeReport",
    ),
    needs=("ims.account_security_report",),
    references=("CIS 2.0.0 1.2", "Cloud Config root-ak-check"),
    top10=1,
    resource_type="ACS::Account",
)
def evaluate(inventory):
    for report in inventory.records("ims.account_security_report"):
        count = as_int(dig(report, "AccountSecurityPracticeUserInfo.RootWithAccessKey"))
        if count is None:
            yield Finding.unknown(
                _ACCOUNT, "The report did not say whether the root account has keys"
            )
        elif count > 0:
            yield Finding.failed(
                _ACCOUNT, f"The root account has {count} AccessKey(s)", name="root"
            )
        else:
            yield Finding.passed(
                _ACCOUNT, "The root account has no AccessKey", name="root"
            )
