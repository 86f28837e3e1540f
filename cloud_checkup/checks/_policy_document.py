"""Reading RAM and OSS policy documents, which APIs return as JSON inside a string.

A statement's ``Action``, ``Resource`` and ``Principal`` may each be one string or a
list; ``Principal`` may also be ``"*"`` or a mapping of principal kinds (``RAM``,
``Service``, ``Federated``) to values. Effects arrive as ``Allow`` or ``allow``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._fields import as_list


class UnreadableDocument(ValueError):
    """The policy document is not valid JSON or not a policy."""


def parse_document(value: Any) -> Mapping[str, Any]:
    """The policy as a mapping, from a JSON string or an already parsed mapping.

    Raises:
        UnreadableDocument: the value is neither.
    """
    if isinstance(value, Mapping):
        return value
    if not isinstance(value, str) or not value.strip():
        raise UnreadableDocument("the policy document is empty")
    try:
        document = json.loads(value)
    except ValueError as error:
        raise UnreadableDocument(f"the policy document is not JSON: {error}") from None
    if not isinstance(document, Mapping):
        raise UnreadableDocument("the policy document is not a JSON object")
    return document


def statements(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in as_list(document.get("Statement")) if isinstance(s, Mapping)]


def allows(statement: Mapping[str, Any]) -> bool:
    return str(statement.get("Effect", "")).strip().lower() == "allow"


def denies(statement: Mapping[str, Any]) -> bool:
    return str(statement.get("Effect", "")).strip().lower() == "deny"


def strings(value: Any) -> list[str]:
    """A field that may be one string or a list of them, as stripped strings."""
    return [str(v).strip() for v in as_list(value) if v is not None]


def principals(statement: Mapping[str, Any]) -> dict[str, list[str]]:
    """Principal kind -> values; a bare ``"*"`` principal becomes ``{"*": ["*"]}``."""
    principal = statement.get("Principal")
    if isinstance(principal, Mapping):
        return {str(kind): strings(values) for kind, values in principal.items()}
    values = strings(principal)
    return {"*": values} if values else {}


def grants_everything(statement: Mapping[str, Any], service: str | None = None) -> bool:
    """An Allow statement for every action (of ``service``, if given) on ``*``.

    ``NotAction`` statements are treated as granting everything too: they allow all
    but a few actions.
    """
    if not allows(statement) or "*" not in strings(statement.get("Resource")):
        return False
    if statement.get("NotAction") is not None:
        return True
    wanted = {"*"} if service is None else {"*", f"{service}:*"}
    return any(action.lower() in wanted for action in strings(statement.get("Action")))
