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
