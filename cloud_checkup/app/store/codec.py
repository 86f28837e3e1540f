"""Turning the engine's values into column values and back, losslessly."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from cloud_checkup.checks.base import Category, Finding, Package, Status

from ..engine import ScanRequest
from ..model import ExceptionNote, ItemResult, Score


def time_text(moment: datetime | None) -> str | None:
    """ISO 8601; aware times in UTC so that the text sorts in time order."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.isoformat()


def parse_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def request_text(request: ScanRequest) -> str:
    return json.dumps(
        {
            "packages": sorted(p.value for p in request.packages),
            "check_ids": sorted(request.check_ids)
            if request.check_ids is not None
            else None,
            "regions": list(request.regions) if request.regions is not None else None,
            # Kept so that a resumed scan still leaves out what the allowance did not
            # cover when it started.
            "withheld": [list(pair) for pair in request.withheld],
        }
    )


def parse_request(text: str) -> ScanRequest:
    data = json.loads(text)
    check_ids = data.get("check_ids")
    regions = data.get("regions")
    return ScanRequest(
        packages=frozenset(Package(p) for p in data.get("packages", ["standard"])),
        check_ids=frozenset(check_ids) if check_ids is not None else None,
        regions=tuple(regions) if regions is not None else None,
        withheld=tuple((str(i), str(why)) for i, why in data.get("withheld", ())),
    )


def score_text(score: Score | None) -> str | None:
    if score is None:
        return None
    return json.dumps(
        {
            "value": score.value,
            "tier": score.tier,
            "categories": {c.value: v for c, v in score.categories.items()},
            "dimensions": dict(score.dimensions),
            "coverage": score.coverage,
        }
    )


def parse_score(text: str | None) -> Score | None:
    if not text:
        return None
    data = json.loads(text)
    return Score(
        value=data["value"],
        tier=data["tier"],
        categories={Category(c): v for c, v in data["categories"].items()},
        dimensions=dict(data["dimensions"]),
        coverage=data.get("coverage", 1.0),  # scores stored before coverage was kept
    )


def item_row(scan_id: str, position: int, result: ItemResult) -> tuple[Any, ...]:
    return (
        scan_id,
        result.check_id,
        position,
        result.status.value,
        result.reason,
        json.dumps(list(result.missing_actions)),
        json.dumps([_note_data(note) for note in result.exceptions]),
    )


def _note_data(note: ExceptionNote) -> dict[str, Any]:
    return {
        "id": note.exception_id,
        "scope": note.scope,
        "reason": note.reason,
        "created_by": note.created_by,
        "created_at": time_text(note.created_at),
        "expires_on": note.expires_on.isoformat() if note.expires_on else None,
        "resource_id": note.resource_id,
        "tag": list(note.tag) if note.tag else None,
    }


def _parse_note(data: Mapping[str, Any]) -> ExceptionNote:
    expires = data.get("expires_on")
    return ExceptionNote(
        exception_id=data.get("id"),
        scope=data["scope"],
        reason=data["reason"],
        created_by=data["created_by"],
        created_at=parse_time(data["created_at"]),
        expires_on=date.fromisoformat(expires) if expires else None,
        resource_id=data.get("resource_id"),
        tag=tuple(data["tag"]) if data.get("tag") else None,
    )


def finding_rows(scan_id: str, result: ItemResult) -> list[tuple[Any, ...]]:
    return [
        (
            scan_id,
            result.check_id,
            position,
            finding.resource_id,
            finding.status.value,
            finding.detail,
            finding.region,
            finding.name,
            finding.resource_type,
            json.dumps([list(tag) for tag in finding.tags]),
        )
        for position, finding in enumerate(result.findings)
    ]


def parse_item(row: Mapping[str, Any], findings: list[Finding]) -> ItemResult:
    return ItemResult(
        check_id=row["check_id"],
        status=Status(row["status"]),
        reason=row["reason"],
        findings=findings,
        missing_actions=tuple(json.loads(row["missing_actions"])),
        exceptions=tuple(_parse_note(n) for n in json.loads(row["exceptions"])),
    )


def parse_finding(row: Mapping[str, Any]) -> Finding:
    return Finding(
        resource_id=row["resource_id"],
        status=Status(row["status"]),
        detail=row["detail"],
        region=row["region"],
        name=row["name"],
        resource_type=row["resource_type"],
        tags=tuple((key, value) for key, value in json.loads(row["tags"])),
    )
