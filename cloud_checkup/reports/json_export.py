"""The result JSON (``cloud-checkup-result/1``) that other tools read.

The fields named in the product's contract are never renamed or removed; the rest
(remediation, references, changes since the previous scan, ...) are additions.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from cloud_checkup.app.model import ExceptionNote, ScanResult, Score
from cloud_checkup.app.score import FORMULA
from cloud_checkup.checks.base import Check, Finding

from .content import Change, Item, Report, Top10Entry, build_report, utc_timestamp
from .target import Target, describe, open_text

logger = logging.getLogger(__name__)

FORMAT = "cloud-checkup-result/1"


def to_json(
    scan: ScanResult,
    *,
    catalogue: Mapping[str, Check] | None = None,
    previous: ScanResult | None = None,
) -> dict[str, Any]:
    """The scan as the result JSON's plain dict (JSON-serialisable as is)."""
    return report_to_json(build_report(scan, catalogue=catalogue, previous=previous))


def export_json(
    scan: ScanResult,
    target: Target,
    *,
    catalogue: Mapping[str, Check] | None = None,
    previous: ScanResult | None = None,
) -> None:
    """Write the result JSON to a path or to an open text stream (UTF-8, indented)."""
    document = to_json(scan, catalogue=catalogue, previous=previous)
    with open_text(target) as stream:
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    logger.info(
        "wrote the result JSON of scan %s to %s", scan.scan_id, describe(target)
    )


def report_to_json(report: Report) -> dict[str, Any]:
    scan = report.scan
    duration = report.duration
    document = {
        "format": FORMAT,
        "scan_id": scan.scan_id,
        "tool_version": scan.tool_version,
        "account": {
            "id": scan.account.id,
            "alias": scan.account.alias,
            "identity": scan.account.identity,
        },
        "started_at": utc_timestamp(scan.started_at),
        "finished_at": utc_timestamp(scan.finished_at),
        "duration_seconds": duration.total_seconds() if duration else None,
        "cancelled": scan.cancelled,
        "api_calls": scan.api_calls,
        "packages": list(scan.packages),
        "regions": list(scan.regions),
        "score": _score(report.score),
        "counts": {str(status): n for status, n in report.counts.items()},
        "top10": [_top10_entry(entry) for entry in report.top10],
        "results": [_result(item) for item in report.items],
        # Items a stopped scan never ran: they have no result above.
        "not_reached": list(scan.not_reached),
    }
    if report.previous is not None:
        document["previous"] = {
            "scan_id": report.previous.scan_id,
            "started_at": utc_timestamp(report.previous.started_at),
            "score": _score(report.previous_score),
        }
    return document


def _score(score: Score) -> dict[str, Any]:
    return {
        "value": score.value,
        "tier": score.tier,
        "categories": {str(c): v for c, v in score.categories.items()},
        "dimensions": dict(score.dimensions),
        "formula": FORMULA,
        # The share of applicable items judged: below 1, the score is partial.
        "coverage": score.coverage,
    }


def _result(item: Item) -> dict[str, Any]:
    check = item.check
    result = {
        "check_id": item.check_id,
        "title": item.title,
        "category": _str_or_none(item.category),
        "severity": _str_or_none(item.severity),
        "status": str(item.status),
        "reason": item.result.reason,
        "missing_actions": list(item.result.missing_actions),
        "resources": [_resource(f) for f in item.result.findings],
        "exceptions": [_exception(note) for note in item.result.exceptions],
        "in_catalogue": check is not None,
    }
    if check is not None:
        result |= _metadata(check)
    if item.change is not None:
        result["change"] = _change(item.change)
    return result


def _exception(note: ExceptionNote) -> dict[str, Any]:
    return {
        "id": note.exception_id,
        "covers": note.scope,
        "reason": note.reason,
        "created_by": note.created_by,
        "created_at": utc_timestamp(note.created_at),
        "expires_on": note.expires_on.isoformat() if note.expires_on else None,
    }


def _metadata(check: Check) -> dict[str, Any]:
    remediation = check.remediation
    return {
        "package": str(check.package),
        "description": check.description,
        "risk": check.risk,
        "remediation": {
            "steps": list(remediation.steps),
            "console_path": list(remediation.console_path),
            "doc_url": remediation.doc_url,
            "command": remediation.command,
        },
        "references": list(check.references),
        "top10": check.top10,
    }


def _resource(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.resource_id,
        "region": finding.region,
        "status": str(finding.status),
        "detail": finding.detail,
        "name": finding.name,
        "type": finding.resource_type,
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "kind": str(change.kind),
        "previous_status": _str_or_none(change.previous_status),
        "new_resources": [_resource_key(f) for f in change.new_resources],
        "fixed_resources": [_resource_key(f) for f in change.fixed_resources],
    }


def _resource_key(finding: Finding) -> dict[str, Any]:
    return {"id": finding.resource_id, "region": finding.region}


def _top10_entry(entry: Top10Entry) -> dict[str, Any]:
    item = entry.item
    return {
        "rank": entry.rank,
        "check_id": entry.check.id,
        "title": entry.check.title,
        "status": str(item.status) if item else None,
        "failing_resources": len(item.failed) if item else None,
        "change": str(item.change.kind) if item and item.change else None,
    }


def _str_or_none(value: object | None) -> str | None:
    return None if value is None else str(value)
