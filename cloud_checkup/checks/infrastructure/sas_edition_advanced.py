"""Security Center runs an edition that protects servers, not the free Basic one."""

from __future__ import annotations

from .._fields import as_int
from ..base import Category, Finding, Remediation, Severity, check

_ACCOUNT = "security-center"
# DescribeVersionConfig Version codes.
_EDITIONS = {
    1: "Basic (free)",
    3: "Enterprise",
    5: "Advanced",
    6: "Anti-virus",
    7: "Ultimate",
    8: "Multi-version",
    10: "Value-added services only",
}
_ADVANCED_OR_BETTER = frozenset({3, 5, 7})


@check(
    id="sas-edition-advanced-or-enterprise",
    title="Security Center is the Advanced edition or higher",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the Security Center edition and checks that it is Advanced, "
        "Enterprise or Ultimate; for multi-version subscriptions the highest "
        "edition bought counts."
    ),
    risk=(
        "The Basic and Anti-virus editions do not detect intrusions, web shells or "
        "configuration risks on servers, nor fix vulnerabilities."
    ),
    remediation=Remediation(
        steps=("Upgrade Security Center to the Advanced or Enterprise edition.",),
        console_path=("Security Center", "Overview", "Upgrade"),
        doc_url="https://www.alibabacloud.com/help/en/security-center/product-overview/functions-and-features",
        command="aliyun sas DescribeVersionConfig",
    ),
    needs=("sas.version_config",),
    references=("CIS 2.0.0 8.1", "Cloud Config security-center-version-check"),
    resource_type="ACS::ThreatDetection::Instance",
)
def evaluate(inventory):
    for config in inventory.records("sas.version_config"):
        version = as_int(config.get("Version"))
        if version == 8:
            version = as_int(config.get("HighestVersion")) or version
        if version is None:
            yield Finding.unknown(_ACCOUNT, "The edition was not returned")
            continue
        name = _EDITIONS.get(version, f"edition {version}")
        if version in _ADVANCED_OR_BETTER:
            yield Finding.passed(_ACCOUNT, f"{name} edition", name=name)
        else:
            yield Finding.failed(_ACCOUNT, f"{name} edition", name=name)
