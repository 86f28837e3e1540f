"""The exported demo report in headless Chromium: offline, filterable, readable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cloud_checkup.checks import catalogue
from cloud_checkup.checks.base import Status
from cloud_checkup.reports import export_html

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo_report(demo_scan, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "demo-report.html"
    export_html(demo_scan, path)
    return path


@pytest.fixture(scope="module")
def items(demo_scan) -> list[dict[str, str]]:
    """The demo scan's items with the attributes the filters select on."""
    checks = catalogue()
    return [
        {
            "check_id": r.check_id,
            "category": str(checks[r.check_id].category),
            "severity": str(checks[r.check_id].severity),
            "status": str(r.status),
        }
        for r in demo_scan.results
    ]


def _shown(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-item]",
        "items => items.filter(i => i.checkVisibility()).map(i => i.id.slice(5))",
    )


def test_the_request_recorder_notices_a_page_that_loads_something(
    open_report, tmp_path
):
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<!DOCTYPE html><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<img src="pixel.png">',
        encoding="utf-8",
    )

    visit = open_report(leaky)

    assert "https://cdn.example/x.css" in visit.requests
    assert (tmp_path / "pixel.png").as_uri() in visit.requests


def test_the_report_makes_no_network_request(open_report, demo_report):
    visit = open_report(demo_report)
    visit.page.select_option("#filter-status", "fail")
    visit.page.fill("#filter-text", "sg-")
    visit.page.click("#filter-reset")

    assert visit.requests == [demo_report.resolve().as_uri()]
    assert visit.errors == []  # no CSP violation, no script error
    assert visit.dialogs == []


def test_the_demo_report_shows_every_item(open_report, demo_report, items):
    page = open_report(demo_report).page

    assert len(items) >= 20
    assert sorted(_shown(page)) == sorted(i["check_id"] for i in items)
    assert page.is_visible("#filters")
    assert page.text_content("#filter-count") == (
        f"{len(items)} of {len(items)} items shown"
    )


@pytest.mark.parametrize("field", ["category", "severity", "status"])
def test_each_filter_shows_only_matching_items(open_report, demo_report, items, field):
    page = open_report(demo_report).page
    value, _ = Counter(i[field] for i in items).most_common(1)[0]
    expected = sorted(i["check_id"] for i in items if i[field] == value)

    page.select_option(f"#filter-{field}", value)

    assert sorted(_shown(page)) == expected
    assert 0 < len(expected) < len(items)
    assert page.text_content("#filter-count") == (
        f"{len(expected)} of {len(items)} items shown"
    )


def test_filters_combine_and_reset_shows_everything(open_report, demo_report, items):
    page = open_report(demo_report).page
    expected = sorted(
        i["check_id"]
        for i in items
        if i["category"] == "identity" and i["status"] == "fail"
    )

    page.select_option("#filter-category", "identity")
    page.select_option("#filter-status", "fail")
    combined = sorted(_shown(page))
    visible_sections = page.locator("[data-section]:visible").count()
    page.click("#filter-reset")

    assert combined == expected and expected
    assert visible_sections == 1
    assert len(_shown(page)) == len(items)


def test_search_finds_the_items_naming_a_failing_resource(
    open_report, demo_report, demo_scan
):
    page = open_report(demo_report).page
    failing = [
        (r.check_id, f.resource_id)
        for r in demo_scan.results
        for f in r.findings
        if f.status is Status.FAIL and f.resource_id.startswith("sg-")
    ]
    needle = failing[0][1]
    expected = sorted({check_id for check_id, rid in failing if rid == needle})

    page.fill("#filter-text", needle.upper())  # the search ignores case

    assert sorted(_shown(page)) == expected
    for check_id in expected:
        assert page.is_visible(f"#item-{check_id} td.id >> text={needle}")


def test_a_search_matching_nothing_says_so(open_report, demo_report, items):
    page = open_report(demo_report).page

    page.fill("#filter-text", "no-such-resource-anywhere")

    assert _shown(page) == []
    assert page.text_content("#filter-count") == f"0 of {len(items)} items shown"


def test_without_javascript_everything_is_shown(open_report, demo_report, demo_scan):
    page = open_report(demo_report, java_script_enabled=False).page
    failing_ids = {
        f.resource_id
        for r in demo_scan.results
        for f in r.findings
        if f.status is Status.FAIL
    }

    assert sorted(_shown(page)) == sorted(r.check_id for r in demo_scan.results)
    assert not page.is_visible("#filters")  # controls that could not work are hidden
    assert page.locator("details[data-status=fail]:not([open])").count() == 0
    shown_ids = set(page.locator("table.resources td.id:visible").all_inner_texts())
    assert failing_ids <= {text.split()[0] for text in shown_ids}


def test_printing_opens_every_item(open_report, demo_report, items):
    page = open_report(demo_report).page
    closed_before = page.locator("details[data-item]:not([open])").count()

    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    closed_while_printing = page.locator("details[data-item]:not([open])").count()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")

    assert closed_before > 0
    assert closed_while_printing == 0
    assert page.locator("details[data-item]:not([open])").count() == closed_before


def test_the_report_fits_the_window_and_is_screenshotted(open_report, demo_report):
    page = open_report(demo_report).page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.screenshot(path=SCREENSHOTS / "report.png")
    page.select_option("#filter-status", "fail")
    page.locator("#items").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('items').scrollIntoView()")
    page.screenshot(path=SCREENSHOTS / "report-items.png")

    assert overflow <= 0
    for name in ("report.png", "report-items.png"):
        data = (SCREENSHOTS / name).read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 50_000


@pytest.mark.parametrize("width", [360, 420])
def test_on_a_phone_the_page_never_scrolls_sideways(open_report, demo_report, width):
    # Long API field paths and URLs wrap, the Top 10 scrolls inside its panel, and
    # each failing resource becomes a block with its values under their headings.
    page = open_report(demo_report).page
    page.set_viewport_size({"width": width, "height": 800})
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    region = page.locator("table.resources td[data-label=Region]").first

    assert overflow <= 0
    assert region.evaluate("cell => getComputedStyle(cell).display") == "block"
    assert page.locator("table.resources thead").first.is_hidden()
