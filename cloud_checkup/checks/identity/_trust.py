"""Who a RAM role's trust policy lets assume it: anyone, other accounts, services."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .._policy_document import (
    UnreadableDocument,
    allows,
    parse_document,
    principals,
    statements,
)
from .._resources import detail_findings
from ..base import Finding, Inventory

_ACCOUNT_IN_ARN = re.compile(r"^acs:ram::(?P<account>[^:]*):")


def trusted_ram_principals(document) -> list[str]:
    """The RAM principals (account or user ARNs, or ``*``) allowed to assume."""
    trusted = []
    for statement in statements(document):
        if not allows(statement):
            continue
        for kind, values in principals(statement).items():
            if kind.upper() in ("*", "RAM"):
                trusted.extend(values)
    return trusted


def principal_account(principal: str) -> str | None:
    """The account id a RAM principal belongs to (``acs:ram::123:root`` or ``123``)."""
    match = _ACCOUNT_IN_ARN.match(principal)
    if match:
        return match["account"]
    return principal if principal.isdigit() else None


def role_findings(
    inventory: Inventory, problems: Callable[[list[str]], list[str]]
) -> Iterable[Finding]:
    """One finding per RAM role: fails with the principals ``problems`` returns."""

    def verdict(name, role, detail, where):
        if detail is None:
            return None
        try:
            document = parse_document(detail.get("AssumeRolePolicyDocument"))
        except UnreadableDocument as error:
            return Finding.unknown(name, f"Trust policy: {error}", **where)
        found = problems(trusted_ram_principals(document))
        if found:
            return Finding.failed(name, "Trusts " + ", ".join(found), **where)
        return Finding.passed(name, "Trust policy is limited", **where)

    return detail_findings(
        inventory,
        "ram.roles",
        "ram.role_details",
        id_field="RoleName",
        what="the role's trust policy",
        verdict=verdict,
        where=lambda role: {"name": role.get("RoleName")},
    )
