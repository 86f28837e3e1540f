"""Custom RAM policies whose default version grants too much, shared by two items."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._fields import as_int, dig
from .._policy_document import UnreadableDocument, parse_document, statements
from .._resources import detail_findings
from ..base import Finding, Inventory

Statement = Mapping[str, Any]


def custom_policy_findings(
    inventory: Inventory,
    too_broad: Callable[[Statement], bool],
    problem: str,
    *,
    reported_elsewhere: tuple[Callable[[Statement], bool], str] | None = None,
) -> Iterable[Finding]:
    """One finding per custom policy: fails when a statement is ``too_broad``.

    Args:
        reported_elsewhere: a test for statements another item already fails, and
            the words saying so; a policy whose too-broad statement also fails that
            test is not applicable here, so that one policy is reported once.
    """

    def verdict(name, policy, detail, where):
        if detail is None:
            return None
        try:
            text = dig(detail, "DefaultPolicyVersion.PolicyDocument")
            document = parse_document(text)
        except UnreadableDocument as error:
            return Finding.unknown(name, str(error), **where)
        attached = policy.get("AttachmentCount")
        broad = [s for s in statements(document) if too_broad(s)]
        if broad and reported_elsewhere is not None:
            covered, words = reported_elsewhere
            if any(covered(s) for s in broad):
                return Finding.not_applicable(name, words, **where)
        if broad:
            return Finding.failed(
                name, f"{problem} ({_attachments(attached)})", **where
            )
        return Finding.passed(name, "No statement is that broad", **where)

    return detail_findings(
        inventory,
        "ram.custom_policies",
        "ram.custom_policy_documents",
        id_field="PolicyName",
        what="the policy document",
        verdict=verdict,
        where=lambda policy: {"name": policy.get("PolicyName")},
    )


def _attachments(count: object) -> str:
    """How often the policy is attached, as the report says it."""
    attached = as_int(count)
    if attached is None:
        return "attachments not returned"
    if attached == 0:
        return "attached to no one yet"
    return "attached once" if attached == 1 else f"attached {attached} times"
