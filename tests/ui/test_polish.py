"""What a new user's trial found: the AI box's timing, cut-off text, calm placeholders,
one colour palette with the report, cancelled scans and plurals."""

from __future__ import annotations

import asyncio
import re
from importlib import resources

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from ui_fakes import (
    FakeJob,
    available_preflight,
    cspm_off_preflight,
    make_check,
    make_results,
    make_scan,
    settle,
    wait_for_signal,
)

from cloud_checkup.app.model import ItemResult, Score
from cloud_checkup.app.runner import demo_target
from cloud_checkup.checks.base import Category, Finding, Package, Severity, Status
from cloud_checkup.reports import html_export
from cloud_checkup.ui import presentation
from cloud_checkup.ui.checkup_page import ScorePanel
from cloud_checkup.ui.models import FindingsColumn, Top10Column

pytestmark = pytest.mark.gui


def _gated(preflight):
    """``preflight`` that answers only once the returned event is set."""
    gate = asyncio.Event()

    async def answer(target, request):
        await gate.wait()
        return await preflight(target, request)

    return answer, gate


# The AI package waits for Security Center's answer


def test_the_ai_box_is_disabled_until_security_center_answers_and_start_waits(
    fake_window, qloop, services, jobs
):
    # No AI assets: no AI scans to consent to, so the scan starts on the answer.
    services.preflight, gate = _gated(available_preflight(assets=0))
    fake_window.refresh_ai_package()
    panel = fake_window.checkup_page.ai_panel
    assert not panel.checkbox.isEnabled()
    assert "Checking Security Center" in panel.status.text()

    panel.checkbox.setChecked(True)
    fake_window.start_button.click()
    assert not fake_window.controller.running and not jobs
    assert "Waiting for Security Center" in fake_window.activity_label.text()

    wait_for_signal(qloop, fake_window.scanFinished, gate.set)
    assert Package.AI in jobs[-1][1].packages
    settle(qloop, fake_window.tasks)  # the check after the scan answers too
    assert panel.checkbox.isEnabled()


def test_a_start_waiting_for_an_ai_package_that_is_off_does_not_start(
    fake_window, qloop, services, jobs
):
    services.preflight, gate = _gated(cspm_off_preflight)
    fake_window.refresh_ai_package()
    fake_window.checkup_page.ai_checkbox.setChecked(True)
    fake_window.start_button.click()
    gate.set()
    settle(qloop, fake_window.tasks)
    assert not jobs and not fake_window.controller.running
    assert "did not start" in fake_window.statusBar().currentMessage()
    assert not fake_window.checkup_page.ai_checkbox.isChecked()


@pytest.fixture
def demo_like_window(qtbot, qloop, catalogue, services, jobs):
    """A window whose only account is the sandbox demo; its scans are replayed."""
    from cloud_checkup.ui.scan_controller import ScanController
    from cloud_checkup.ui.window import MainWindow

    def factory(target, request, on_event, options):
        jobs.append((target, request, options))
        return FakeJob(on_event, catalogue, make_results(), request=request)

    services.preflight = available_preflight(assets=400, items=5)
    window = MainWindow(
        controller=ScanController(job_factory=factory),
        targets=[demo_target()],
        catalogue=catalogue,
        services=services,
    )
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    qloop.run_until_complete(window.shutdown(5))


def test_the_demo_account_is_never_billed_so_nothing_asks_about_allowances(
    demo_like_window, qloop, jobs
):
    window = demo_like_window
    window.refresh_ai_package()
    settle(qloop, window.tasks)
    panel = window.checkup_page.ai_panel
    assert panel.checkbox.isEnabled()  # the demo's Security Center has CSPM on
    assert "never billed" in panel.status.text()
    assert not panel.claim_button.isVisibleTo(window)

    # 2,000 AI scans and no allowance claimed: a billable account would be asked
    # first (and the scan would wait for the answer).
    panel.checkbox.setChecked(True)
    wait_for_signal(qloop, window.scanFinished, window.start_button.click)
    assert not hasattr(window, "consent_box")
    assert jobs[-1][1].check_ids is None  # everything, nothing left out


# Findings: no cut-off titles, no sideways scrolling


def test_at_the_minimum_size_the_findings_table_never_scrolls_sideways(
    fake_window, qloop
):
    fake_window.resize(fake_window.minimumSize())
    (scan,) = wait_for_signal(
        qloop, fake_window.scanFinished, fake_window.start_button.click
    )
    fake_window.show_page(fake_window.findings_page)
    table = fake_window.findings_page.table
    shown = [c for c in FindingsColumn if not table.isColumnHidden(c)]
    widths = sum(table.columnWidth(c) for c in shown)
    assert widths <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    item = table.columnWidth(FindingsColumn.ITEM)
    assert all(item >= table.columnWidth(c) for c in shown)  # the widest column
    assert shown == list(FindingsColumn)  # Category included
    assert table.title_lines() == 3  # narrow: titles get a third line

    fake_window.resize(2000, 900)  # room enough: two lines, wider Item column
    assert table.title_lines() == 2
    assert table.columnWidth(FindingsColumn.ITEM) > item


def test_resource_tooltips_hold_the_whole_row(qapp):
    from cloud_checkup.ui.models import ResourcesModel

    detail = "SSH port 22 is open to 0.0.0.0/0 on " + "a very long rule " * 10
    model = ResourcesModel()
    model.set_findings(
        [Finding.failed("sg-1", detail, region="cn-hangzhou", name="web <b>")]
    )
    tooltip = model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "web &lt;b&gt; (sg-1)" in tooltip  # escaped: names come from the cloud
    assert "cn-hangzhou" in tooltip
    assert detail.strip() in tooltip


def test_what_is_wrong_is_said_only_when_something_is(fake_window, qloop):
    wait_for_signal(qloop, fake_window.scanFinished, fake_window.start_button.click)
    detail = fake_window.findings_page.detail
    fake_window.show_finding("root-no-accesskey")
    assert detail.problem.text() == (
        "1 of 1 resource fails, listed under Affected resources."
    )
    assert "(1 of 1 fails)" in detail.resources_heading.text()
    fake_window.show_finding("ram-mfa")
    assert not detail.problem.isVisibleTo(fake_window)
    assert detail.description.text() == "Description of ram-mfa"


# The score before a scan and after a cancelled one


def test_before_the_first_scan_the_score_is_a_calm_sentence(fake_window):
    score = fake_window.checkup_page.score
    assert not score.value_label.isVisibleTo(fake_window)
    assert score.tier_label.text() == "No checkup yet – press Start"
    assert not score.tier_label.font().bold()


def test_an_incomplete_score_is_grey(qapp, catalogue):
    panel = ScorePanel()
    scan = make_scan(make_results(), catalogue)
    scan.score = Score(100, "Incomplete", {}, {}, 0.2)
    panel.show_result(scan)
    grey = presentation.tier_colour("Incomplete")
    for label in (panel.value_label, panel.tier_label):
        assert label.palette().color(QPalette.ColorRole.WindowText) == grey
    panel.show_result(scan)  # shown twice: the tier's font does not grow
    size = panel.tier_label.font().pointSizeF()
    panel.show_result(scan)
    assert panel.tier_label.font().pointSizeF() == size


def test_a_cancelled_scan_scores_no_unfinished_category_and_top10_says_so(
    fake_window, qloop, job_options
):
    job_options["delay"] = 0.05

    def start_then_cancel():
        fake_window.start_button.click()
        qloop.call_later(0.08, fake_window.cancel_button.click)

    (scan,) = wait_for_signal(qloop, fake_window.scanFinished, start_then_cancel)
    assert scan.cancelled and len(scan.results) < 3
    rows = fake_window.checkup_page.categories.rows
    infrastructure = rows[Category.INFRASTRUCTURE]
    assert infrastructure.score.text() == "–"
    assert "cancelled" in infrastructure.score.toolTip()
    top10 = fake_window.checkup_page.top10_model
    assert top10.index(1, Top10Column.STATUS).data() == "Not reached (cancelled)"
    assert top10.index(1, Top10Column.CHANGE).data() == ""
    finished = len(scan.results)
    assert fake_window.activity_label.text() == (
        f"Checkup cancelled: {finished} item{'s' if finished != 1 else ''} finished"
    )


# One palette with the HTML report


def _css_colours() -> dict[str, str]:
    css = (
        resources.files("cloud_checkup.reports") / "templates" / "report.css"
    ).read_text(encoding="utf-8")
    return {
        name: value.lower()
        for name, value in re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css)
    }


def test_the_window_uses_the_reports_colours(qapp):
    css = _css_colours()
    for severity in Severity:
        assert (
            presentation.SEVERITY_COLOURS[severity].name()
            == html_export.SEVERITY_COLOURS[severity].lower()
        )
    assert presentation.STATUS_COLOURS[Status.FAIL].name() == css["high"]
    assert presentation.STATUS_COLOURS[Status.PASS].name() == css["pass"]
    assert presentation.STATUS_COLOURS[Status.NOT_CHECKED].name() == css["unknown"]
    assert presentation.STATUS_COLOURS[Status.NOT_APPLICABLE].name() == css["neutral"]
    for tier, colour in html_export.TIER_COLOURS.items():
        assert presentation.tier_colour(tier).name() == colour.lower()
    assert presentation.tier_colour("Incomplete").name() == css["neutral"]


# Words


def test_counts_of_one_read_in_the_singular(qapp, catalogue):
    from cloud_checkup.ui.findings_page import FindingsPage

    single = {"only": make_check("only")}
    page = FindingsPage(single)
    page.model.set_results([ItemResult("only", Status.PASS)])
    assert page.shown_label.text() == "1 of 1 item"
    assert presentation.plural(1, "{count} item", "{count} items") == "1 item"
    assert presentation.plural(1200, "{count} item", "{count} items") == "1,200 items"
