"""Model Studio's guardrail blocks prompt attacks, as Cloud Config's rule finds."""

from __future__ import annotations

from .._config_rules import RULES, active_rule, rule_findings
from ..base import Category, Package, Remediation, Severity, check

_RULE = "bailian-response-guard-prompt-attack-enabled"


@check(
    id="modelstudio-prompt-attack-guardrail-enabled",
    title="Model Studio's guardrail detects prompt attacks",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Model Studio has no read-only API for its guardrail settings, so the item "
        f"reads the result of Cloud Config's managed rule {_RULE} (ListConfigRules: "
        "SourceIdentifier, ConfigRuleState, Compliance). Not checked when the rule "
        "is not deployed or has no result yet."
    ),
    risk=(
        "Prompt injection and jailbreaks make a model ignore its instructions: it "
        "may leak its system prompt or data it can reach, or act for the attacker."
    ),
    remediation=Remediation(
        steps=(
            "In AI Guardrails, turn on prompt-attack detection for the Model Studio "
            "services the applications call.",
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
