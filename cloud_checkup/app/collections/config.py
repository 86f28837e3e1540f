"""Cloud Config (config 2020-09-07): the account's rules and their compliance.

Where a setting has no read-only API of its own (the Model Studio guardrails), the
result of Alibaba's managed rule that evaluates it is the evidence: ListConfigRules
carries each rule's source identifier, state and compliance.
"""

from __future__ import annotations

from .base import ListCollection, Paging, Scope

COLLECTIONS = [
    ListCollection(
        name="config.rules",
        product="config",
        action="ListConfigRules",
        items="ConfigRules.ConfigRuleList",
        scope=Scope.GLOBAL,
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        id_field="ConfigRuleId",
    ),
]
