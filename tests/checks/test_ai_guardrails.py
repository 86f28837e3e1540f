"""The Model Studio guardrail items, read from Cloud Config's managed rules.

Each passes on a compliant rule, fails on a non-compliant one, is not applicable when
the rule says so, and is not checked when the rule is not deployed, not active, not
yet evaluated or cannot be listed; rules on every page of ListConfigRules count.
"""

from __future__ import annotations

from typing import Any

import pytest
from data import GLOBAL, scan

from cloud_checkup.checks import Status

OUTPUT = "modelstudio-output-guardrail-enabled"
PROMPT_ATTACK = "modelstudio-prompt-attack-guardrail-enabled"
RULE_OF = {
    OUTPUT: "bailian-response-guard-enabled",
    PROMPT_ATTACK: "bailian-response-guard-prompt-attack-enabled",
}
ITEMS = sorted(RULE_OF)


def rule(identifier: str, compliance: str = "COMPLIANT", **fields: Any) -> dict:
    return {
        "ConfigRuleId": f"cr-{identifier}-{compliance}".lower(),
        "ConfigRuleName": identifier,
        "SourceIdentifier": identifier,
        "SourceOwner": "ALIYUN",
        "ConfigRuleState": "ACTIVE",
        "RiskLevel": 1,
        "Compliance": {"ComplianceType": compliance, "Count": 0},
    } | fields


def rules(*items: dict) -> dict[str, Any]:
    body = {"ConfigRules": {"ConfigRuleList": list(items)}}
    return {"config": {GLOBAL: {"ListConfigRules": body}}}


@pytest.mark.parametrize("check_id", ITEMS)
def test_a_compliant_rule_passes(check_id):
    result = scan(check_id, rules(rule(RULE_OF[check_id])))
    assert result.status is Status.PASS


@pytest.mark.parametrize("check_id", ITEMS)
def test_a_non_compliant_rule_fails_and_counts(check_id):
    failing = rule(RULE_OF[check_id], "NON_COMPLIANT")
    failing["Compliance"]["Count"] = 2
    result = scan(check_id, rules(failing))
    assert result.status is Status.FAIL
    assert "non-compliant (2 resource(s))" in result.findings[0].detail


@pytest.mark.parametrize("check_id", ITEMS)
def test_a_rule_that_is_not_deployed_is_not_checked_and_says_how(check_id):
    result = scan(check_id, rules(rule("oss-bucket-public-read-prohibited")))
    assert result.status is Status.NOT_CHECKED
    assert "not deployed" in result.findings[0].detail
    assert RULE_OF[check_id] in result.findings[0].detail


@pytest.mark.parametrize("state", ["INACTIVE", "EVALUATING", "DELETING"])
def test_a_rule_that_is_not_active_is_not_checked(state):
    result = scan(OUTPUT, rules(rule(RULE_OF[OUTPUT], ConfigRuleState=state)))
    assert result.status is Status.NOT_CHECKED


@pytest.mark.parametrize("compliance", ["INSUFFICIENT_DATA", "", None])
def test_a_rule_without_a_result_is_not_checked(compliance):
    result = scan(OUTPUT, rules(rule(RULE_OF[OUTPUT], compliance)))
    assert result.status is Status.NOT_CHECKED


def test_a_rule_that_finds_nothing_to_judge_is_not_applicable():
    result = scan(OUTPUT, rules(rule(RULE_OF[OUTPUT], "NOT_APPLICABLE")))
    assert result.status is Status.NOT_APPLICABLE


def test_any_non_compliant_copy_of_the_rule_fails():
    both = rules(
        rule(RULE_OF[OUTPUT], "COMPLIANT"), rule(RULE_OF[OUTPUT], "NON_COMPLIANT")
    )
    assert scan(OUTPUT, both).status is Status.FAIL


def test_the_identifier_is_matched_in_any_case():
    upper = rule(RULE_OF[OUTPUT], SourceIdentifier=RULE_OF[OUTPUT].upper())
    assert scan(OUTPUT, rules(upper)).status is Status.PASS


def test_a_denied_rule_list_is_not_checked():
    result = scan(OUTPUT, rules(rule(RULE_OF[OUTPUT])), deny=["config:ListConfigRules"])
    assert result.status is Status.NOT_CHECKED
    assert result.missing_actions == ("config:ListConfigRules",)


def test_rules_beyond_the_first_page_count():
    # ListConfigRules answers at most 100 a page, its totals inside ConfigRules.
    others = [rule(f"custom-rule-{n}") for n in range(120)]
    data = rules(*others, rule(RULE_OF[OUTPUT], "NON_COMPLIANT"))
    assert scan(OUTPUT, data).status is Status.FAIL
