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
    is_bad: Callable[[Mapping[str, Any]], bool],
    failing: str,
    passing: str,
) -> Iterable[Finding]:
    """One finding per instance: the repositories for which ``is_bad`` holds."""
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
        bad = sorted(_name(r) for r in repositories if is_bad(r))
        if bad:
            yield Finding.failed(instance_id, f"{failing}: " + ", ".join(bad), **kw)
        elif not listed_fully(body, repositories):
            text = "Only part of the repositories was returned"
            yield Finding.unknown(instance_id, text, **kw)
        else:
            yield Finding.passed(
                instance_id, f"{len(repositories)} repositories {passing}", **kw
            )


def _name(repository: Mapping[str, Any]) -> str:
    return f"{repository.get('RepoNamespaceName')}/{repository.get('RepoName')}"
