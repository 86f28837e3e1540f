"""Cloud Config: the managed rules the account deployed, and their compliance.

The Model Studio guardrails have no read of their own; Alibaba's generative-AI
compliance pack judges them, so its two rules are always deployed here.
"""

from __future__ import annotations

from typing import Any

from ._common import ACCOUNT_ID, Account

# Managed rules: identifier -> the resource type it judges.
_RULES = {
    "bailian-response-guard-enabled": "ACS::::Account",
    "bailian-response-guard-prompt-attack-enabled": "ACS::::Account",
    "oss-bucket-public-read-prohibited": "ACS::OSS::Bucket",
    "ram-user-mfa-check": "ACS::RAM::User",
    "ecs-instance-no-public-ip": "ACS::ECS::Instance",
    "rds-instance-enabled-tde": "ACS::RDS::DBInstance",
}
_COMPLIANCE = {"COMPLIANT": 0.5, "NON_COMPLIANT": 0.4, "INSUFFICIENT_DATA": 0.1}
# The guardrail rules are always active and evaluated, so the items they decide can
# judge the account.
_GUARDRAIL_COMPLIANCE = {"COMPLIANT": 0.5, "NON_COMPLIANT": 0.5}


def build(a: Account) -> None:
    rules = [_rule(a, n, identifier) for n, identifier in enumerate(_RULES)]
    a.put("config", "ListConfigRules", {"ConfigRules": {"ConfigRuleList": rules}})


def _rule(a: Account, n: int, identifier: str) -> dict[str, Any]:
    rule_id = f"cr-{a.rng.getrandbits(64):016x}{n:04d}"
    guardrail = identifier.startswith("bailian-")
    compliance = a.pick(_GUARDRAIL_COMPLIANCE if guardrail else _COMPLIANCE)
    non_compliant = a.rng.randint(1, 9) if compliance == "NON_COMPLIANT" else 0
    return {
        "ConfigRuleId": rule_id,
        "ConfigRuleName": identifier,
        "ConfigRuleArn": f"acs:config::{ACCOUNT_ID}:rule/{rule_id}",
        "SourceIdentifier": identifier,
        "SourceOwner": "ALIYUN",
        "ConfigRuleState": "ACTIVE" if guardrail or a.chance(0.8) else "INACTIVE",
        "RiskLevel": a.rng.randint(1, 3),
        "AccountId": int(ACCOUNT_ID),
        "ResourceTypesScope": _RULES[identifier],
        "Compliance": {"ComplianceType": compliance, "Count": non_compliant},
    }
