"""The HTML report: self-contained, inert cloud text, complete content."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import os
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser

import pytest

import cloud_checkup
from cloud_checkup.app.score import FORMULA
from cloud_checkup.checks.base import Category, Status
from cloud_checkup.reports import export_html, render_html
from cloud_checkup.reports.html_export import _environment, cloud_text

SG_DOC = "https://www.alibabacloud.com/help/en/ecs/user-guide/security-groups"


class _Page(HTMLParser):
    """Every element with its attributes, and the text of script and style blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._raw: str | None = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag):
        self._raw = None

    def handle_data(self, data):
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)
        else:
            self.text.append(data)

    def attribute_values(self, name):
        return [attrs[name] for _, attrs in self.elements if name in attrs]

    def element(self, element_id):
        return next(a for _, a in self.elements if a.get("id") == element_id)


def _parse(document: str) -> _Page:
    page = _Page()
    page.feed(document)
    page.close()
    return page


@pytest.fixture
def document(scan, previous, catalogue) -> str:
    return render_html(scan, catalogue=catalogue, previous=previous)


@pytest.fixture
def page(document) -> _Page:
    return _parse(document)


def test_template_environment_escapes_by_default():
    assert _environment().autoescape is True


def test_nothing_is_loaded_from_outside_the_file(document, page):
    assert page.attribute_values("src") == []
    assert not [tag for tag, _ in page.elements if tag in ("link", "img", "iframe")]
    for style in page.styles:
        assert "url(" not in style
        assert "@import" not in style
    assert not re.search(r"@font-face|xlink:href|srcset", document)


def test_only_documentation_urls_become_links(page):
    hrefs = page.attribute_values("href")

    external = {h for h in hrefs if not h.startswith("#")}
    assert external == {SG_DOC}
    for tag, attrs in page.elements:
        if attrs.get("href", "").startswith("http"):
            assert tag == "a"
            assert attrs["rel"] == "noopener noreferrer"


def test_csp_allows_only_the_report_own_script(page):
    csp = next(
        attrs["content"]
        for tag, attrs in page.elements
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
    )
    (script,) = page.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()

    assert "default-src 'none'" in csp
    assert f"script-src 'sha256-{digest}'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_hostile_resource_names_stay_text(document, page):
    assert "<script>alert(1)</script>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "<script>alert(1)</script>" in page.text
    assert '" onmouseover="alert(2)' in page.text
    for _, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")]


def test_javascript_urls_never_become_live_links(document, page):
    hrefs = page.attribute_values("href")

    assert not [h for h in hrefs if "javascript:" in h.lower()]
    assert "javascript:alert(3)" in page.text  # a failing resource's detail
    assert "javascript:alert(4)" in page.text  # a catalogue doc_url, shown as text


def test_every_failing_resource_id_is_shown(scan, page):
    text = "".join(page.text)
    failing = [
        f.resource_id
        for result in scan.results
        if result.status is Status.FAIL
        for f in result.findings
        if f.status is Status.FAIL
    ]

    assert len(failing) == 5
    for resource_id in failing:
        assert resource_id in text


def test_summary_score_and_formula(scan, document, page):
    text = "".join(page.text)

    assert html.escape(FORMULA) in document
    assert "1234567890123456" in text
    assert "demo-shop" in text
    assert "acs:ram::1234567890123456:user/audit" in text
    assert "cn-hangzhou, ap-southeast-1, cn-beijing" in text
    assert "2 min 13 s" in text
    assert "2026-12-04 10:00:00 UTC" in text
    assert cloud_checkup.__version__ in text
    assert scan.score.tier in text
    assert f"Health score {scan.score.value} of 100" in document


def test_top10_section_ranks_checks_with_status_and_change(document):
    section = document.split('id="top10"')[1].split("</section>")[0]
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", section, re.S) if "<th>" not in r]

    titles = [re.search(r"Title of ([\w-]+)", row).group(1) for row in rows]
    assert titles == [
        "ram-root-no-accesskey",
        "ecs-sg-no-open-admin-ports",
        "ram-user-mfa",
        "actiontrail-multi-region",
    ]
    assert "Pass" in rows[0] and "Fixed" in rows[0]
    assert "Fail" in rows[1] and "Unchanged" in rows[1]
    assert "Not checked" in rows[2]
    assert "Not scanned" in rows[3]


def test_severity_and_status_are_words_not_only_colour(page):
    text = "".join(page.text)

    for word in ("▲ High", "◆ Medium", "✕ Fail", "✓ Pass", "? Not checked"):
        assert word in text


def test_items_are_grouped_with_high_failures_first(document):
    order = re.findall(r'id="item-([\w-]+)"', document)

    assert order == [
        "ram-user-mfa",
        "ram-root-no-accesskey",
        "ecs-sg-no-open-admin-ports",
        "oss-bucket-no-public-read",
        "rds-multi-zone",
        "slb-health-check",
        "legacy-removed-check",
    ]


def test_remediation_is_shown_for_failing_items(document):
    item = document.split('id="item-ecs-sg-no-open-admin-ports"')[1].split(
        "</details>"
    )[0]

    assert "Fix ecs-sg-no-open-admin-ports step one." in item
    assert "<span>Network &amp; Security</span>" in item
    assert (
        "aliyun ecs DescribeSecurityGroupAttribute --SecurityGroupId &lt;id&gt;" in item
    )
    assert f'href="{SG_DOC}"' in item


def test_not_checked_items_list_reason_and_missing_permissions(document):
    section = document.split('id="not-checked"')[1].split("</section>")[0]

    assert "Title of ram-user-mfa" in section
    assert "Permission denied: ram:ListUsers" in section
    assert "ram:GetLoginProfile" in section


def test_changes_since_previous_scan(document):
    section = document.split('id="changes"')[1].split("</section>")[0]

    assert "New failures" in section and "Title of slb-health-check" in section
    assert "Fixed" in section and "Title of ram-root-no-accesskey" in section
    assert "sg-gone" in section  # fixed resource of a still-failing item
    assert "-14" in section or "+" in section


@pytest.mark.parametrize("then", ["left out", "not checked"])
def test_failures_the_previous_scan_did_not_check_are_counted_apart(
    scan, previous, catalogue, then
):
    # An item added to the catalogue since (or left out of) the previous scan, or
    # one that scan could not check, is neither a new failure nor a failure that
    # stayed: the counts must still add up.
    item = "ecs-sg-no-open-admin-ports"
    if then == "left out":
        results = [r for r in previous.results if r.check_id != item]
    else:
        results = [
            dataclasses.replace(r, status=Status.NOT_CHECKED, findings=[])
            if r.check_id == item
            else r
            for r in previous.results
        ]
    earlier = dataclasses.replace(previous, results=results)
    document = render_html(scan, catalogue=catalogue, previous=earlier)
    section = document.split('id="changes"')[1].split("</section>")[0]

    assert "failing, not checked in the previous scan" in section
    assert "Failing, not checked in the previous scan" in section
    listed = section.split("Failing, not checked in the previous scan")[1]
    assert f"Title of {item}" in listed
    assert f"Title of {item}" not in section.split("New failures")[1].split("Fixed")[0]


def test_no_changes_section_without_previous(scan, catalogue):
    document = render_html(scan, catalogue=catalogue)

    assert 'id="changes"' not in document
    assert 'id="top10"' in document


def test_check_ids_missing_from_the_catalogue_are_shown(scan):
    document = render_html(replace(scan, score=None), catalogue={})

    assert "Items not in this version&#39;s catalogue" in document
    assert "legacy-removed-check" in document
    assert "i-legacy1" in document
    assert "This version's catalogue ranks no item among the Top 10." in document


def test_everything_is_shown_without_javascript(page):
    filters = page.element("filters")

    assert "hidden" in filters  # the filter bar appears only when the script runs
    items = [a for _, a in page.elements if "data-item" in a]
    assert len(items) == 7
    assert not [a for a in items if "hidden" in a]
    failing = [a for a in items if a["data-status"] == "fail"]
    assert all("open" in a for a in failing)


def test_filter_attributes_match_filter_options(document, page):
    options = {
        name: set(
            re.findall(
                r'<option value="([^"]*)"',
                document.split(f'id="filter-{name}"')[1].split("</select>")[0],
            )
        )
        for name in ("category", "severity", "status")
    }
    items = [a for _, a in page.elements if "data-item" in a]

    assert {a["data-category"] for a in items} | {""} == options["category"]
    assert {a["data-status"] for a in items} | {""} <= options["status"]
    assert {a["data-severity"] for a in items} <= options["severity"]


def test_export_writes_the_rendered_report(scan, catalogue, tmp_path):
    path = tmp_path / "report.html"

    export_html(scan, str(path), catalogue=catalogue)

    written = path.read_text(encoding="utf-8")
    assert written == render_html(scan, catalogue=catalogue)
    assert written.startswith("<!DOCTYPE html>")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_filters_run_under_the_page_csp_in_a_browser(document, tmp_path):
    if CHROMIUM is None:
        # CI installs Chromium (Makefile SYSTEM_PACKAGES), so there it must run.
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing from PATH (Debian package chromium)")
        pytest.skip("chromium is missing from PATH (Debian package chromium)")
    # Preset a status and a search term as if typed; the script applies them on load.
    preset = document.replace(
        '<option value="fail">', '<option value="fail" selected>'
    ).replace('id="filter-text"', 'id="filter-text" value="SG-BP2"')
    page_path = tmp_path / "report.html"
    page_path.write_text(preset, encoding="utf-8")

    dom = _parse(_dump_dom(page_path, tmp_path / "profile"))

    assert "hidden" not in dom.element("filters")
    assert "1 of 7 items shown" in "".join(dom.text)
    items = {a["id"]: a for _, a in dom.elements if "data-item" in a}
    shown = [item_id for item_id, a in items.items() if "hidden" not in a]
    assert shown == ["item-ecs-sg-no-open-admin-ports"]
    sections = [a for _, a in dom.elements if "data-section" in a]
    assert sum("hidden" not in a for a in sections) == 1


def _dump_dom(page_path, profile) -> str:
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page_path.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_invisible_characters_in_cloud_text_are_shown_by_code_point():
    shown = cloud_text("\u202egnp.exe\u202c <b>db</b>\x00 👩‍💻")

    assert shown == (
        '<span class="control" title="An invisible control character">[U+202E]</span>'
        'gnp.exe<span class="control" title="An invisible control character">'
        "[U+202C]</span> &lt;b&gt;db&lt;/b&gt;"
        '<span class="control" title="An invisible control character">[U+0000]</span>'
        " 👩‍💻"  # the zero-width joiner inside an emoji is left alone
    )


def test_overlong_cloud_text_is_cut_with_a_note():
    shown = cloud_text("<" * 1200, limit=500)

    assert shown.startswith("&lt;" * 500 + '<span class="clipped">… (700 more')
    assert "&lt;" * 501 not in shown


def test_resource_names_pass_through_cloud_text(scan, catalogue):
    result = scan.result("ecs-sg-no-open-admin-ports")
    result.findings[0] = replace(result.findings[0], name="\u202egnp.exe")

    document = render_html(scan, catalogue=catalogue)

    assert "[U+202E]</span>gnp.exe" in document
    assert "\u202e" not in document


def test_summary_names_high_severity_failures_to_fix_first(document):
    summary = document.split('class="fix-first"')[1].split("</div>")[0]

    assert "Fix first: 1 high-severity failure" in summary
    assert 'href="#item-ecs-sg-no-open-admin-ports"' in summary
    assert "3 resources, Top 10 risk #2" in summary


def test_packages_are_named_standard_first(scan, catalogue):
    document = render_html(
        replace(scan, packages=["ai", "standard"]), catalogue=catalogue
    )

    assert "<dd>Standard, AI security</dd>" in document


def test_a_category_the_scan_did_not_include_is_not_drawn_as_clean(
    scan, catalogue, document
):
    # A standard-package scan has no AI items: its AI row must not read "0 failing".
    chart = document.split('aria-label="Failing items by category and severity">')[1]
    rows = chart.split("</svg>")[0].split("<g transform")[1:]
    scanned = {
        catalogue[r.check_id].category for r in scan.results if r.check_id in catalogue
    }
    ai_row = next(row for row in rows if ">AI security<" in row)

    assert Category.AI not in scanned
    assert "not in this scan" in ai_row and "<rect" not in ai_row
    assert sum("not in this scan" in row for row in rows) == len(rows) - len(scanned)
