"""Reading RAM and OSS policy documents, which APIs return as JSON inside a string.

A statement's ``Action``, ``Resource`` and ``Principal`` may each be one string or a
list; ``Principal`` may also be ``"*"`` or a mapping of principal kinds (``RAM``,
``Service``, ``Federated``) to values. Effects arrive as ``Allow`` or ``allow``, and
element names are read whatever their case (``Statement``, ``statement``), so a
document spelled unusually is read rather than taken for an empty one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ._fields import as_list

# "*" and wildcard ARNs such as "acs:*:*:*:*" name every resource.
_EVERY_RESOURCE = re.compile(r"^(\*|acs(:\*)+)$", re.IGNORECASE)


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


def element(mapping: Mapping[str, Any], name: str) -> Any:
    """The policy element ``name`` of a document or statement, in any letter case."""
    if name in mapping:
        return mapping[name]
    wanted = name.lower()
    for key, value in mapping.items():
        if str(key).lower() == wanted:
            return value
    return None


def statements(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [
        s for s in as_list(element(document, "Statement")) if isinstance(s, Mapping)
    ]


def allows(statement: Mapping[str, Any]) -> bool:
    return str(element(statement, "Effect") or "").strip().lower() == "allow"


def denies(statement: Mapping[str, Any]) -> bool:
    return str(element(statement, "Effect") or "").strip().lower() == "deny"


def strings(value: Any) -> list[str]:
    """A field that may be one string or a list of them, as stripped strings."""
    return [str(v).strip() for v in as_list(value) if v is not None]


def principals(statement: Mapping[str, Any]) -> dict[str, list[str]]:
    """Principal kind -> values; a bare ``"*"`` principal becomes ``{"*": ["*"]}``."""
    principal = element(statement, "Principal")
    if isinstance(principal, Mapping):
        return {str(kind): strings(values) for kind, values in principal.items()}
    values = strings(principal)
    return {"*": values} if values else {}


def grants_everything(statement: Mapping[str, Any], service: str | None = None) -> bool:
    """An Allow statement for every action (of ``service``, if given) on ``*``.

    ``NotAction`` and ``NotResource`` statements allow all but a few actions or
    resources, so they count as granting everything unless they leave out the very
    actions in question.
    """
    if not allows(statement) or not _every_resource(statement):
        return False
    excluded = element(statement, "NotAction")
    if excluded is not None:
        return not _excludes_service(strings(excluded), service)
    wanted = {"*"} if service is None else {"*", f"{service}:*"}
    return any(
        action.lower() in wanted for action in strings(element(statement, "Action"))
    )


def _every_resource(statement: Mapping[str, Any]) -> bool:
    if element(statement, "NotResource") is not None:
        return True
    resources = strings(element(statement, "Resource"))
    return any(_EVERY_RESOURCE.match(resource) for resource in resources)


def _excludes_service(excluded: list[str], service: str | None) -> bool:
    """Whether a ``NotAction`` list leaves out every action (of ``service``)."""
    names = {action.lower() for action in excluded}
    if "*" in names:
        return True
    return service is not None and f"{service}:*" in names
