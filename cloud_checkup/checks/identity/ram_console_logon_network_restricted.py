"""Console logon of RAM users is limited to known networks."""

from __future__ import annotations

from .._fields import admits_every_address
from ..base import Category, Finding, Remediation, Severity, check
from ._security_preference import RESOURCE, preference_findings


@check(
    id="ram-console-logon-network-restricted",
    title="RAM user console logon is restricted to known networks",
    category=Category.IDENTITY,
    severity=Severity.LOW,
    description=(
        "Reads the RAM security preference and checks that console logon masks "
        "(LoginNetworkMasks) limit where RAM users may sign in from."
    ),
    risk=(
        "Without a logon mask, a phished password works from anywhere in the "
        "world; a mask confines it to the office or VPN."
    ),
    remediation=Remediation(
        steps=(
            "Collect the public address ranges of your offices and VPN.",
            "In the RAM console, Security Settings, set the logon masks to them.",
        ),
        console_path=("RAM", "Settings", "Security Settings", "User Security"),
        doc_url="https://www.alibabacloud.com/help/en/ram/user-guide/configure-security-policies-for-ram-users",
        command="aliyun ram GetSecurityPreference",
    ),
    needs=("ram.security_preference",),
    references=("Cloud Governance Center: RAM user logon address restriction",),
    resource_type="ACS::RAM::SecurityPreference",
)
def evaluate(inventory):
    return preference_findings(
        inventory, "LoginProfilePreference.LoginNetworkMasks", _verdict
    )


def _verdict(value):
    masks = {m.strip() for m in str(value).replace(",", ";").split(";") if m.strip()}
    if not masks or any(admits_every_address(m) for m in masks):
        return Finding.failed(RESOURCE, "Console logon is allowed from any address")
    return Finding.passed(
        RESOURCE, "Console logon only from " + ", ".join(sorted(masks))
    )
