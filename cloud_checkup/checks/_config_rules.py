"""Alibaba's own Cloud Config rules as evidence, where a setting has no read of its
own: a rule's compliance decides the item, and a rule that is not deployed, not
active or not yet evaluated leaves it not checked, with how to make it readable.
"""

from __future__ import annotations

from .base import Assets, Finding, Inventory, Status

RULES = "config.rules"
_ACCOUNT = "account"


def active_rule(identifier: str) -> Assets:
    """The rules an item reads: the active deployments of the managed rule."""
    return Assets(
        RULES,
        lambda rule: (
            _is(rule, identifier)
            and str(rule.get("ConfigRuleState")).upper() == "ACTIVE"
        ),
    )


def rule_findings(inventory: Inventory, identifier: str) -> list[Finding]:
    """One account-level finding from the managed rule ``identifier``."""
    rules = [r for r in inventory.records(RULES) if _is(r, identifier)]
    if not rules:
        return [
            Finding.unknown(
                _ACCOUNT,
                f"The Cloud Config rule {identifier} is not deployed in this "
                "account, so its result cannot be read: add the managed rule to let "
                "the checkup judge this",
            )
        ]
    active = active_rule(identifier).records(inventory)
    if not active:
        states = ", ".join(sorted({str(r.get("ConfigRuleState")) for r in rules}))
        return [Finding.unknown(_ACCOUNT, f"The rule {identifier} is {states}")]
    verdicts = [_verdict(rule, identifier) for rule in active]
    failed = [f for f in verdicts if f.status is Status.FAIL]
    passed = [f for f in verdicts if f.status is Status.PASS]
    return failed or passed or verdicts[:1]


def _is(rule, identifier: str) -> bool:
    return str(rule.get("SourceIdentifier") or "").lower() == identifier.lower()


def _verdict(rule, identifier: str) -> Finding:
    compliance = rule.get("Compliance")
    kind = str((compliance or {}).get("ComplianceType") or "").upper()
    name = rule.get("ConfigRuleName") or identifier
    rule_id = str(rule.get("ConfigRuleId") or _ACCOUNT)
    if kind == "COMPLIANT":
        return Finding.passed(
            rule_id, f"Cloud Config rule {name}: compliant", name=name
        )
    if kind == "NON_COMPLIANT":
        count = (compliance or {}).get("Count")
        return Finding.failed(
            rule_id,
            f"Cloud Config rule {name}: non-compliant"
            + (f" ({count} resource(s))" if count else ""),
            name=name,
        )
    if kind == "NOT_APPLICABLE":
        return Finding.not_applicable(
            rule_id, f"Cloud Config rule {name}: not applicable", name=name
        )
    return Finding.unknown(
        rule_id,
        f"Cloud Config rule {name} has no result yet ({kind or 'no compliance'})",
        name=name,
    )
