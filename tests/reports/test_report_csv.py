"""The CSV export: one row per resource finding, the same facts as the JSON."""

from __future__ import annotations

import csv
import io

from cloud_checkup.reports import export_csv, to_json
from cloud_checkup.reports.csv_export import COLUMNS


def _rows(scan, catalogue, **kw):
    stream = io.StringIO()
    export_csv(scan, stream, catalogue=catalogue, **kw)
    return list(csv.DictReader(io.StringIO(stream.getvalue())))


def _fact(row):
    # Cells neutralised against spreadsheet formulas start with a quote.
    def plain(cell):
        return cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell

    return (row["check_id"], row["resource_id"], row["region"], plain(row["detail"]))


def test_one_row_per_finding_and_per_item_without_findings(scan, catalogue):
    rows = _rows(scan, catalogue)

    expected = sum(max(1, len(r.findings)) for r in scan.results)
    assert len(rows) == expected
    assert list(rows[0]) == list(COLUMNS)
    sg_rows = [r for r in rows if r["check_id"] == "ecs-sg-no-open-admin-ports"]
    assert [r["resource_id"] for r in sg_rows] == [
        "sg-bp1open22",
        "sg-bp2open3389",
        "sg-bp3chinese",
        "sg-bp4closed",
    ]
    assert {r["item_status"] for r in sg_rows} == {"fail"}
    assert [r["resource_status"] for r in sg_rows] == ["fail", "fail", "fail", "pass"]


def test_items_without_findings_keep_their_status_and_reason(scan, catalogue):
    rows = {r["check_id"]: r for r in _rows(scan, catalogue)}

    mfa = rows["ram-user-mfa"]
    assert (mfa["item_status"], mfa["reason"], mfa["resource_id"]) == (
        "not_checked",
        "Permission denied: ram:ListUsers",
        "",
    )
    assert rows["rds-multi-zone"]["item_status"] == "not_applicable"
    assert rows["legacy-removed-check"]["title"] == "legacy-removed-check"


def test_same_facts_as_json(scan, catalogue):
    document = to_json(scan, catalogue=catalogue)
    from_json = {
        (result["check_id"], res["id"], res["region"] or "", res["detail"])
        for result in document["results"]
        for res in result["resources"]
    }
    from_csv = {_fact(r) for r in _rows(scan, catalogue) if r["resource_id"]}

    assert from_csv == from_json
    statuses = {r["check_id"]: r["item_status"] for r in _rows(scan, catalogue)}
    assert statuses == {r["check_id"]: r["status"] for r in document["results"]}


def test_cloud_text_cannot_become_a_spreadsheet_formula(scan, catalogue):
    row = next(r for r in _rows(scan, catalogue) if r["resource_id"] == "lb-formula")

    assert row["detail"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["resource_name"] == "'+cmd"


def test_change_column_with_previous_scan(scan, previous, catalogue):
    rows = _rows(scan, catalogue, previous=previous)
    changes = {r["check_id"]: r["change"] for r in rows}

    assert changes["slb-health-check"] == "new"
    assert changes["ram-root-no-accesskey"] == "fixed"


def test_file_has_a_byte_order_mark_for_spreadsheets(scan, catalogue, tmp_path):
    path = tmp_path / "findings.csv"

    export_csv(scan, path, catalogue=catalogue)

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert "生产-数据库" in {r["resource_name"] for r in rows}
    assert len(rows) == len(_rows(scan, catalogue))
