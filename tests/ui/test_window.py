"""The window driven through a replayed scan: progress, findings, errors, export."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from ui_fakes import ACCOUNT, make_results, make_scan, scan_error, wait_for_signal

from cloud_checkup.checks.base import Category, Severity, Status
from cloud_checkup.ui import export

pytestmark = pytest.mark.gui


def _scan(window, qloop):
    (scan,) = wait_for_signal(qloop, window.scanFinished, window.start_button.click)
    return scan


def _error_boxes(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_a_scan_fills_the_categories_findings_score_and_top10(fake_window, qloop):
    scan = _scan(fake_window, qloop)

    rows = fake_window.checkup_page.categories.rows
    infrastructure = rows[Category.INFRASTRUCTURE]
    assert infrastructure.bar.value() == infrastructure.bar.maximum() == 2
    assert infrastructure.count.text() == "2/2 done"
    assert infrastructure.failures[Severity.HIGH].text() == "1 high"
    assert infrastructure.failures[Severity.HIGH].isVisibleTo(fake_window)
    assert not rows[Category.AI].bar.isVisibleTo(fake_window)  # not in this scan

    score = fake_window.checkup_page.score
    assert score.value_label.text() == str(scan.score.value)
    assert score.tier_label.text() == scan.score.tier
    assert "First checkup" in score.note_label.text()

    top10 = fake_window.checkup_page.top10_model
    assert top10.index(0, 3).data() == "Fail"
    assert fake_window.findings_page.model.rowCount() == len(scan.results)
    assert fake_window.export_button.isEnabled()
    assert "Checkup finished: 6 items, 3 failing" in fake_window.activity_label.text()


def test_start_disables_itself_and_enables_cancel_while_scanning(fake_window, qloop):
    states = []
    fake_window.controller.runningChanged.connect(
        lambda running: states.append(
            (
                running,
                fake_window.start_button.isEnabled(),
                fake_window.cancel_button.isEnabled(),
            )
        )
    )
    _scan(fake_window, qloop)
    assert states == [(True, False, True), (False, True, False)]


def test_cancel_ends_the_scan_with_a_partial_result(fake_window, qloop, job_options):
    job_options["delay"] = 0.05

    def start_then_cancel():
        fake_window.start_button.click()
        qloop.call_later(0.08, fake_window.cancel_button.click)

    (scan,) = wait_for_signal(qloop, fake_window.scanFinished, start_then_cancel)
    assert scan.cancelled
    assert 0 < len(scan.results) < len(make_results())
    assert "Cancelled" in fake_window.checkup_page.score.note_label.text()
    assert fake_window.start_button.isEnabled()


def test_a_scan_that_cannot_run_says_why_in_words(fake_window, qloop, job_options):
    message = "The AccessKey is disabled. Enable it in the RAM console."
    job_options["error"] = scan_error(message)

    (shown,) = wait_for_signal(
        qloop, fake_window.scanFailed, fake_window.start_button.click
    )

    assert shown == message
    boxes = _error_boxes(fake_window)
    assert [box.text() for box in boxes] == [message]
    assert fake_window.start_button.isEnabled()


def test_a_bug_in_the_scan_is_reported_without_a_traceback(
    fake_window, qloop, job_options
):
    job_options["error"] = KeyError("Instances")
    (shown,) = wait_for_signal(
        qloop, fake_window.scanFailed, fake_window.start_button.click
    )
    assert "internal error" in shown
    assert "KeyError" not in shown


def test_findings_filters_and_detail_pane_follow_the_user(fake_window, qloop, qtbot):
    _scan(fake_window, qloop)
    page = fake_window.findings_page
    page.severity_filter.setCurrentIndex(page.severity_filter.findData(Severity.LOW))
    assert page.proxy.rowCount() == 2
    page.severity_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData(Status.FAIL))
    assert page.proxy.rowCount() == 3
    qtbot.keyClicks(page.search, "web-serv")
    assert page.proxy.rowCount() == 1
    assert page.shown_label.text() == "1 of 6 items"

    page.table.selectRow(0)
    detail = page.detail
    assert detail.title.text() == "Title of sg-ssh"
    assert detail.resources_model.rowCount() == 3
    assert detail.resources_model.index(0, 1).data() == "sg-bp1open"
    assert "2 of 3 fail" in detail.resources_heading.text()
    # What is wrong counts the failing resources; what the item checks stays apart.
    assert detail.problem.text() == (
        "2 of 3 resources fail, listed under Affected resources."
    )
    assert detail.description.text() == "Description of sg-ssh"
    assert detail.console_path.text().endswith("RAM console > Identities > Users")
    assert "href='https://www.alibabacloud.com/help/en/ram/'" in detail.doc_link.text()
    assert "First step for sg-ssh" in detail.steps.text()

    detail.copy_button.click()
    assert QApplication.clipboard().text() == "aliyun ram GetAccountSummary"


def test_a_not_checked_item_shows_its_reason_and_hides_empty_parts(fake_window, qloop):
    _scan(fake_window, qloop)
    fake_window.show_finding("oss-private")
    detail = fake_window.findings_page.detail
    assert detail.reason.isVisibleTo(fake_window)
    assert detail.reason.text() == "oss:ListBuckets was denied"
    assert not detail.command_row.isVisibleTo(fake_window)


def test_opening_a_top10_row_shows_its_finding(fake_window, qloop):
    _scan(fake_window, qloop)
    fake_window.findings_page.search.setText("nothing matches this")
    view = fake_window.checkup_page.top10_view
    view.activated.emit(fake_window.checkup_page.top10_model.index(1, 1))
    assert fake_window.pages.currentWidget() is fake_window.findings_page
    assert fake_window.findings_page.selected_check_id() == "sg-ssh"
    assert fake_window.findings_page.search.text() == ""


def test_shortcuts_reach_their_actions(fake_window, qloop, qtbot):
    assert fake_window.start_action.shortcut().toString() == "Ctrl+R"
    assert fake_window.cancel_action.shortcut().toString() == "Esc"
    assert fake_window.export_action.shortcut().toString() == "Ctrl+E"
    assert fake_window.quit_action.shortcut().toString() == "Ctrl+Q"
    fake_window.activateWindow()
    qtbot.keyClick(fake_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.pages.currentWidget() is fake_window.findings_page
    assert fake_window.findings_page.search.hasFocus()


def test_export_writes_the_report_where_the_user_chose(
    fake_window, qloop, tmp_path, monkeypatch
):
    scan = _scan(fake_window, qloop)
    asked = {}

    def save_dialog(parent, caption, directory, filter_):
        asked["default"] = directory
        return str(tmp_path / "report"), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    fake_window.export_action.trigger()

    written = tmp_path / "report.html"
    assert written.is_file()
    assert ACCOUNT.id in written.read_text(encoding="utf-8")
    assert asked["default"].endswith(export.default_report_name(scan))
    assert str(written) in fake_window.statusBar().currentMessage()


def test_an_export_that_fails_says_what_to_do(
    fake_window, qloop, tmp_path, monkeypatch
):
    _scan(fake_window, qloop)
    folder_in_the_way = tmp_path / "taken.html"
    folder_in_the_way.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *args: (str(folder_in_the_way), ""),
    )
    fake_window.export_html()
    (box,) = _error_boxes(fake_window)
    assert "could not be saved" in box.text()
    assert "Choose another folder" in box.text()


def test_the_default_report_name_names_the_account_and_time(catalogue):
    scan = make_scan(make_results(), catalogue)
    local = datetime(2026, 12, 4, 10, 0, tzinfo=UTC).astimezone()
    assert export.default_report_name(scan) == (
        f"checkup-fake-shop-{local:%Y%m%d-%H%M}.html"
    )
    unsafe = make_scan([], catalogue)
    object.__setattr__(unsafe, "account", type(ACCOUNT)("42", "a/b: c", "arn"))
    assert export.default_report_name(unsafe).startswith("checkup-a-b-c-")


def test_closing_stops_the_background_work_of_every_page(fake_window, qloop):
    # A page's work still running at quit is cancelled and waited for, as the
    # window's own is: nothing is left pending when the loop closes.
    pending = [
        page.tasks.run(asyncio.sleep(3600))
        for page in (fake_window.history_page, fake_window.accounts_page)
    ]
    fake_window.close()
    qloop.run_until_complete(fake_window.shutdown(timeout=5))
    assert all(task.cancelled() for task in pending)
