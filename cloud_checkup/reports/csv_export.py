"""The CSV export: one row per resource finding, for spreadsheets and ticket imports.

An item without findings (not checked, not applicable, an account-wide pass) gets one
row with the resource columns empty, so that every item of the scan appears.
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Iterator, Mapping

from cloud_checkup.app.model import ScanResult
from cloud_checkup.checks.base import Check, Finding, Status

from .content import Item, Report, build_report
from .target import Target, describe, open_text

logger = logging.getLogger(__name__)

COLUMNS = (
    "check_id",
    "title",
    "category",
    "severity",
    "item_status",
    "reason",
    "resource_id",
    "resource_name",
    "resource_type",
    "region",
    "resource_status",
    "detail",
    "change",
    "accepted_reason",
)

# A cell starting with one of these is run as a formula by spreadsheet programs;
# resource names and details come from the cloud and must stay inert text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(
    scan: ScanResult,
    target: Target,
    *,
    catalogue: Mapping[str, Check] | None = None,
    previous: ScanResult | None = None,
) -> None:
    """Write the findings as CSV to a path or to an open text stream.

    A file gets a UTF-8 byte order mark so that spreadsheet programs read non-ASCII
    names (Chinese resource names are common) correctly; a stream gets none.
    """
    report = build_report(scan, catalogue=catalogue, previous=previous)
    is_path = isinstance(target, str | os.PathLike)
    encoding = "utf-8-sig" if is_path else "utf-8"
    with open_text(target, encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        writer.writerows([_inert(cell) for cell in row] for row in rows(report))
    logger.info(
        "wrote the CSV findings of scan %s to %s", scan.scan_id, describe(target)
    )


def rows(report: Report) -> Iterator[list[str]]:
    """The CSV rows (without the header), cells as plain strings."""
    for item in report.items:
        findings = item.result.findings or [None]
        for finding in findings:
            yield _row(item, finding)


def _row(item: Item, finding: Finding | None) -> list[str]:
    item_part = [
        item.check_id,
        item.title,
        _text(item.category),
        _text(item.severity),
        str(item.status),
        _text(item.result.reason),
    ]
    if finding is None:
        resource_part = [""] * 6
    else:
        resource_part = [
            finding.resource_id,
            _text(finding.name),
            _text(finding.resource_type),
            _text(finding.region),
            str(finding.status),
            finding.detail,
        ]
    change = str(item.change.kind) if item.change else ""
    return [*item_part, *resource_part, change, _accepted_reason(item, finding)]


def _accepted_reason(item: Item, finding: Finding | None) -> str:
    """Why a failure was accepted, on the rows of the findings an exception covers."""
    if finding is None or finding.status is not Status.EXCEPTED:
        return ""
    note = next((n for n in item.result.exceptions if n.covers(finding)), None)
    return note.reason if note else ""


def _text(value: object | None) -> str:
    return "" if value is None else str(value)


def _inert(cell: str) -> str:
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell
