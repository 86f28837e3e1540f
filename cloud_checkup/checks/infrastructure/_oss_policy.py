"""What an OSS bucket policy allows anonymous users, and whether it forces HTTPS."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._fields import admits_every_address, as_bool
from .._policy_document import (
    allows,
    denies,
    element,
    principals,
    statements,
    strings,
)

# Conditions that tie a statement to the caller's network or identity.
_LIMITING_KEYS = frozenset(
    {"acs:sourceip", "acs:sourcevpc", "acs:sourcevpcid", "acs:accessid"}
)
# Operators that admit only the listed values; their negations (NotIpAddress,
# StringNotEquals) admit everyone else, which is no limit at all.
_ADMITTING_OPERATORS = frozenset(
    {"ipaddress", "stringequals", "stringequalsignorecase", "stringlike"}
)


def is_anonymous(statement: Mapping[str, Any]) -> bool:
    return any("*" in values for values in principals(statement).values())


def condition_keys(statement: Mapping[str, Any]) -> set[str]:
    """The condition keys that really narrow who the statement admits.

    ``acs:SourceIp`` admitting ``0.0.0.0/0`` and negated operators are left out.
    """
    condition = element(statement, "Condition")
    if not isinstance(condition, Mapping):
        return set()
    keys = set()
    for operator, operands in condition.items():
        if not isinstance(operands, Mapping):
            continue
        if str(operator).lower().removesuffix("ifexists") not in _ADMITTING_OPERATORS:
            continue
        for key, values in operands.items():
            entries = strings(values)
            if entries and not any(admits_every_address(v) for v in entries):
                keys.add(str(key).lower())
    return keys


def public_statements(policy: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Allow statements for any principal not limited by network or identity."""
    return [
        s
        for s in statements(policy)
        if allows(s) and is_anonymous(s) and not condition_keys(s) & _LIMITING_KEYS
    ]


def denies_plain_http(policy: Mapping[str, Any]) -> bool:
    """A Deny for everyone when ``acs:SecureTransport`` is false."""
    for statement in statements(policy):
        if not (denies(statement) and is_anonymous(statement)):
            continue
        condition = element(statement, "Condition")
        if not isinstance(condition, Mapping):
            continue
        for operator, operands in condition.items():
            if str(operator).lower() != "bool" or not isinstance(operands, Mapping):
                continue
            for key, values in operands.items():
                if str(key).lower() == "acs:securetransport" and any(
                    as_bool(v) is False for v in strings(values)
                ):
                    return True
    return False
