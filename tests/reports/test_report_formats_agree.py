"""The HTML, JSON and CSV exports of one real scan state the same facts."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from html.parser import HTMLParser

import pytest
import yaml
from harness import ALL_PACKAGES, scan_dataset

from cloud_checkup.app.runner import demo_dataset_path
from cloud_checkup.checks.base import Status
from cloud_checkup.reports import export_csv, export_html, export_json

# Resource statuses the HTML lists in a table of their own, by the table's caption.
HTML_TABLES = {
    "Failing resources": "fail",
    "Excepted resources": "excepted",
    "Resources that could not be read": "not_checked",
}


class _ReportItems(HTMLParser):
    """Each item's status and the resource ids in its tables, from the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.status: dict[str, str] = {}
        self.resources: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._item: str | None = None
        self._table: str | None = None
        self._capture: str | None = None  # "caption" or "id" while inside one
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and "data-item" in attrs:
            self._item = attrs["id"].removeprefix("item-")
            self.status[self._item] = attrs["data-status"]
        elif tag == "caption" and self._item:
            self._capture, self._text = "caption", []
        elif tag == "td" and "id" in (attrs.get("class") or "").split():
            self._capture, self._text = "id", []
        elif tag == "span" and self._capture == "id":
            self._capture = "badge"  # the "New" badge beside an id is not the id

    def handle_endtag(self, tag):
        if tag == "caption" and self._capture == "caption":
            self._table = HTML_TABLES["".join(self._text).strip()]
            self._capture = None
        elif tag == "span" and self._capture == "badge":
            self._capture = "id"
        elif tag == "td" and self._capture == "id":
            key = (self._item, self._table)
            self.resources[key].append("".join(self._text).strip())
            self._capture = None
        elif tag == "details":
            self._item = self._table = None

    def handle_data(self, data):
        if self._capture in ("caption", "id"):
            self._text.append(data)


def demo_without_permission(*actions: str) -> dict:
    """The demo dataset, as the sandbox merges its folder, with ``actions`` denied."""
    folder = demo_dataset_path()
    dataset = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    services = dataset.setdefault("services", {}) or {}
    for part in sorted((folder / "services").glob("*.y*ml")):
        for product, regions in yaml.safe_load(part.read_text("utf-8")).items():
            for region, calls in regions.items():
                services.setdefault(product, {}).setdefault(region, {}).update(calls)
    dataset["services"] = services
    dataset["identities"][0]["deny"] = list(actions)
    return dataset


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The demo account scanned once, exported in all three formats.

    The auditor may not list RAM users, so that some items are not checked.
    """
    dataset = demo_without_permission("ram:ListUsers")
    scan = scan_dataset(dataset, packages=ALL_PACKAGES)
    folder = tmp_path_factory.mktemp("exports")
    export_html(scan, folder / "report.html")
    export_json(scan, folder / "report.json")
    export_csv(scan, folder / "report.csv")
    html_items = _ReportItems()
    html_items.feed((folder / "report.html").read_text(encoding="utf-8"))
    with (folder / "report.csv").open(encoding="utf-8-sig", newline="") as stream:
        csv_rows = list(csv.DictReader(stream))
    return {
        "scan": scan,
        "html": html_items,
        "json": json.loads((folder / "report.json").read_text(encoding="utf-8")),
        "csv": csv_rows,
    }


def _json_resources(document, status):
    return {
        (result["check_id"], resource["id"])
        for result in document["results"]
        for resource in result["resources"]
        if resource["status"] == status
    }


def _csv_resources(rows, status):
    return {
        (row["check_id"], row["resource_id"])
        for row in rows
        if row["resource_status"] == status
    }


def _html_resources(items, status):
    return {
        (check_id, resource_id)
        for (check_id, table), ids in items.resources.items()
        if table == status
        for resource_id in ids
    }


def test_the_scan_has_something_to_compare(exports):
    statuses = {str(r.status) for r in exports["scan"].results}

    assert {"fail", "pass", "not_checked"} <= statuses
    assert len(_json_resources(exports["json"], "fail")) >= 10


def test_every_item_has_the_same_status_in_all_formats(exports):
    scan_status = {r.check_id: str(r.status) for r in exports["scan"].results}
    json_status = {r["check_id"]: r["status"] for r in exports["json"]["results"]}
    csv_status = defaultdict(set)
    for row in exports["csv"]:
        csv_status[row["check_id"]].add(row["item_status"])

    assert json_status == scan_status
    assert exports["html"].status == scan_status
    assert dict(csv_status) == {k: {v} for k, v in scan_status.items()}


@pytest.mark.parametrize("status", ["fail", "excepted", "not_checked"])
def test_every_resource_needing_attention_is_in_all_formats(exports, status):
    expected = {
        (r.check_id, f.resource_id)
        for r in exports["scan"].results
        for f in r.findings
        if f.status is Status(status)
    }

    assert _json_resources(exports["json"], status) == expected
    assert _csv_resources(exports["csv"], status) == expected
    assert _html_resources(exports["html"], status) == expected


def test_csv_has_one_row_per_finding_and_json_every_finding(exports):
    scan = exports["scan"]
    findings = sum(max(1, len(r.findings)) for r in scan.results)
    json_findings = sum(len(r["resources"]) for r in exports["json"]["results"])

    assert len(exports["csv"]) == findings
    assert json_findings == sum(len(r.findings) for r in scan.results)


def test_failing_resource_details_agree(exports):
    json_details = {
        (result["check_id"], resource["id"], resource["region"]): resource["detail"]
        for result in exports["json"]["results"]
        for resource in result["resources"]
    }
    csv_details = {
        (row["check_id"], row["resource_id"], row["region"] or None): row["detail"]
        for row in exports["csv"]
        if row["resource_id"]
    }

    assert csv_details == json_details


def test_exporting_to_a_named_pipe_writes_through_it_and_leaves_it_a_pipe(
    tmp_path, scan, catalogue
):
    import os
    import stat
    import threading

    from cloud_checkup.reports import export_json

    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()))
    reader.start()
    export_json(scan, pipe, catalogue=catalogue)
    reader.join(timeout=10)
    assert '"cloud-checkup-result/1"' in received[0]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_exporting_through_a_symlink_replaces_the_file_it_points_to(
    tmp_path, scan, catalogue
):
    from cloud_checkup.reports import export_json

    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    export_json(scan, link, catalogue=catalogue)
    assert link.is_symlink()
    assert '"cloud-checkup-result/1"' in real.read_text(encoding="utf-8")
