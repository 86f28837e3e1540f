"""Model Studio's output guardrail is on, as Cloud Config's managed rule finds."""

from __future__ import annotations

from .._config_rules import RULES, active_rule, rule_findings
from ..base import Category, Package, Remediation, Severity, check

_RULE = "bailian-response-guard-enabled"


@check(
    id="modelstudio-output-guardrail-enabled",
    title="Model Studio's output guardrail checks what models answer",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Model Studio has no read-only API for its guardrail settings, so the item "
        f"reads the result of Cloud Config's managed rule {_RULE} (ListConfigRules: "
        "SourceIdentifier, ConfigRuleState, Compliance). Not checked when the rule "
        "is not deployed or has no result yet. The rule also finds an account "
        "non-compliant when Model Studio was not called in its last seven days."
    ),
    risk=(
        "Without output moderation a model can return harmful, illegal or leaked "
        "content to users under the account's name, and nothing records it."
    ),
    remediation=Remediation(
        steps=(
            "In Model Studio, open Security Management and authorize AI Guardrails "
            "(content security) for the workspace.",
            "Send model calls with output inspection on "
            '(X-DashScope-DataInspection: {"output": "cip"}).',
            f"In Cloud Config, add the managed rule {_RULE} so that the result can "
            "be read.",
        ),
        console_path=("Cloud Config", "Rules", "Create Rule", _RULE),
        doc_url="https://www.alibabacloud.com/help/en/model-studio/content-security",
        command="aliyun config ListConfigRules --PageSize 100",
    ),
    needs=(RULES,),
    assets=active_rule(_RULE),
    references=(f"Cloud Config {_RULE}",),
    resource_type="ACS::Account",
    applies_to="Model Studio use in this account",
)
def evaluate(inventory):
    return rule_findings(inventory, _RULE)
