"""The check catalogue as data: every item's metadata and the RAM actions it needs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cloud_checkup.checks.base import CATEGORY_NAMES, Check

from .engine import required_actions


def check_document(item: Check) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "category": item.category.value,
        "category_name": CATEGORY_NAMES[item.category],
        "dimension": item.category.dimension,
        "severity": item.severity.value,
        "package": item.package.value,
        "description": item.description,
        "risk": item.risk,
        "remediation": {
            "steps": list(item.remediation.steps),
            "console_path": list(item.remediation.console_path),
            "doc_url": item.remediation.doc_url,
            "command": item.remediation.command,
        },
        "required_actions": [
            a
            for a in required_actions([item])
            if a not in ("sts:GetCallerIdentity", "ecs:DescribeRegions")
        ],
        "references": list(item.references),
        "top10": item.top10,
    }


def catalogue_document(items: Mapping[str, Check]) -> dict[str, Any]:
    return {
        "format": "cloud-checkup-catalogue/1",
        "count": len(items),
        "checks": [check_document(item) for item in items.values()],
    }


def catalogue_markdown(items: Mapping[str, Check]) -> str:
    """The catalogue as a Markdown document (docs/catalogue.md is this, generated)."""
    from cloud_checkup.checks.base import Category

    lines = [
        "# The check catalogue",
        "",
        "Generated from the items' metadata by `cloud-checkup checks list --format "
        "markdown`; do not edit by hand.",
        "",
        f"{len(items)} items. Top 10 configuration risks are marked with their rank.",
        "",
    ]
    for category in Category:
        members = [item for item in items.values() if item.category is category]
        lines += [
            f"## {CATEGORY_NAMES[category]} ({len(members)})",
            "",
            "| id | item | severity | package | references |",
            "| --- | --- | --- | --- | --- |",
        ]
        for item in members:
            rank = f" (Top 10 #{item.top10})" if item.top10 else ""
            references = "; ".join(item.references) or "-"
            lines.append(
                f"| `{item.id}` | {item.title}{rank} | {item.severity.value} | "
                f"{item.package.value} | {references} |"
            )
        lines.append("")
    return "\n".join(lines)
