"""Reading Container Registry repositories per instance, for the repository items."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._ai import detail_or_unknown, listed_fully, where
from .._fields import as_list
from ..base import Finding, Inventory

INSTANCE_TYPE = "ACS::CR::Instance"


def repository_findings(
    inventory: Inventory,
    field: str,
    is_bad: Callable[[Any], bool | None],
    failing: str,
    passing: str,
) -> Iterable[Finding]:
    """One finding per instance: the repositories whose ``field`` ``is_bad`` holds
    for. A repository listed without ``field``, or with a value ``is_bad`` cannot
    read (None), cannot be judged."""
    for instance in inventory.records("cr.instances"):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", INSTANCE_TYPE)
        body, unknown = detail_or_unknown(
            inventory, "cr.repositories", instance_id, "the repositories", **kw
        )
        if unknown or body is None:
            if unknown:
                yield unknown
            continue
        if "Repositories" not in body:
            text = "The repository list was not in the answer"
            yield Finding.unknown(instance_id, text, **kw)
            continue
        repositories = as_list(body.get("Repositories"))
        bad, unsaid = _sort_out(repositories, field, is_bad)
        if bad:
            yield Finding.failed(instance_id, f"{failing}: " + ", ".join(bad), **kw)
        elif unsaid:
            text = f"{field} was missing or unreadable for " + ", ".join(unsaid)
            yield Finding.unknown(instance_id, text, **kw)
        elif not listed_fully(body, repositories):
            text = "Only part of the repositories was returned"
            yield Finding.unknown(instance_id, text, **kw)
        else:
            yield Finding.passed(
                instance_id, f"{len(repositories)} repositories {passing}", **kw
            )


def _sort_out(
    repositories: list[Any], field: str, is_bad: Callable[[Any], bool | None]
) -> tuple[list[str], list[str]]:
    """The names of the repositories whose ``field`` is bad, and of those listed
    without it or with a value that says neither."""
    verdicts = [
        (_name(r), None if r.get(field) in (None, "") else is_bad(r.get(field)))
        for r in repositories
    ]
    bad = [name for name, verdict in verdicts if verdict]
    unsaid = [name for name, verdict in verdicts if verdict is None]
    return sorted(bad), sorted(unsaid)


def _name(repository: Mapping[str, Any]) -> str:
    return f"{repository.get('RepoNamespaceName')}/{repository.get('RepoName')}"
