"""What a second new user's trial found on the Findings page, its detail pane and
the dialogs it opens: missing columns, clipped text, blank tables, ambiguous dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QGuiApplication
from PySide6.QtWidgets import QTableView
from ui_fakes import make_check, wait_for_signal

from cloud_checkup.app.model import ItemResult
from cloud_checkup.checks.base import Category, Finding, Status
from cloud_checkup.ui.detail_pane import DetailPane
from cloud_checkup.ui.exceptions_page import ExceptionDialog
from cloud_checkup.ui.history_page import HistoryColumn
from cloud_checkup.ui.models import (
    ENTRY_ROLE,
    FindingsColumn,
    ItemEntry,
    ResourcesColumn,
    Top10Column,
)

pytestmark = pytest.mark.gui

LONG_COMMAND = (
    "aliyun slb DescribeLoadBalancerAttribute --RegionId cn-hangzhou "
    '--LoadBalancerId lb-bp1shopweb01 --BackendServers \'[{"ServerId":'
    '"i-bp1backendwithalongid","Weight":"100"}]\''
)


def _detail_pane(qtbot, width: int = 320) -> DetailPane:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(width, 900)
    pane.show()
    return pane


def _failing_entry(check_id: str = "slb-backend-servers-multi-zone") -> ItemEntry:
    check = make_check(check_id, Category.RESILIENCE, command=LONG_COMMAND)
    findings = [
        Finding.failed(
            "lb-bp1shopweb01",
            "All 2 servers in cn-hangzhou-h",
            region="cn-hangzhou",
            name="shop-web",
        ),
        Finding.failed("lb-bp1shopadmin", "A single backend server"),
    ]
    return ItemEntry(ItemResult(check_id, Status.FAIL, findings=findings), check)


def test_the_exception_expiry_date_reads_the_same_everywhere(qapp):
    dialog = ExceptionDialog(
        "1111222233334444",
        "sg-ssh",
        "Title of sg-ssh",
        [],
        clock=lambda: datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
    )
    assert dialog.expiry_date.text() == "2027-03-04"  # three months on, ISO


@pytest.mark.parametrize(
    "name",
    [
        "findingsView",
        "resourcesView",
        "top10View",
        "exceptionsView",
        "profilesView",
        "historyView",
    ],
)
def test_column_titles_sit_over_their_left_aligned_cells(fake_window, name):
    (view,) = fake_window.findChildren(QTableView, name)
    alignment = view.horizontalHeader().defaultAlignment()
    assert alignment & Qt.AlignmentFlag.AlignLeft


def test_history_figures_have_their_titles_over_them_at_the_right(fake_window):
    model = fake_window.history_page.model
    alignment = Qt.ItemDataRole.TextAlignmentRole
    for column in (HistoryColumn.SCORE, HistoryColumn.FAILING):
        title = model.headerData(column, Qt.Orientation.Horizontal, alignment)
        assert title & Qt.AlignmentFlag.AlignRight
    date = model.headerData(HistoryColumn.DATE, Qt.Orientation.Horizontal, alignment)
    assert date is None  # the view's default: at the left


def test_the_top10_rank_title_stays_over_its_centred_ranks(fake_window):
    model = fake_window.checkup_page.top10_model
    alignment = Qt.ItemDataRole.TextAlignmentRole
    rank = model.headerData(Top10Column.RANK, Qt.Orientation.Horizontal, alignment)
    assert rank == model.index(0, Top10Column.RANK).data(alignment)


def test_the_command_shows_whole_in_monospace_with_its_copy_button(qtbot):
    pane = _detail_pane(qtbot)
    pane.show_entry(_failing_entry())
    command = pane.command
    assert command.toPlainText() == LONG_COMMAND
    assert command.isReadOnly()
    assert QFontInfo(command.font()).fixedPitch()
    lines = command.document().documentLayout().documentSize().height()
    assert lines > 1  # wrapped at the pane's width, not cut at its edge
    line = command.fontMetrics().lineSpacing()
    assert command.viewport().height() >= lines * line  # every line shows
    assert pane.copy_button.isVisibleTo(pane)

    pane.copy_button.click()
    assert QGuiApplication.clipboard().text() == LONG_COMMAND


@pytest.mark.parametrize("width, whole", [(200, False), (600, True)])
def test_the_check_id_is_one_word_whatever_the_width(qtbot, width, whole):
    pane = _detail_pane(qtbot, width)
    pane.show_entry(_failing_entry())
    shown = pane.check_id.text()
    assert "\n" not in shown
    assert (shown == "Item slb-backend-servers-multi-zone") is whole
    assert whole or "…" in shown  # cut in the middle, never wrapped at a hyphen
    assert pane.check_id.height() < 2 * pane.check_id.fontMetrics().lineSpacing()
    assert pane.check_id.toolTip() == "Item slb-backend-servers-multi-zone"
    assert pane.category.text() == "High availability and disaster recovery"


def test_affected_resources_show_id_name_region_and_detail_once(qtbot):
    pane = _detail_pane(qtbot, 320)  # the pane's width in a 1024x640 window
    pane.show_entry(_failing_entry())
    view = pane.resources_view
    shown = [c for c in ResourcesColumn if not view.isColumnHidden(c)]
    assert shown == list(ResourcesColumn)
    assert all(view.columnWidth(c) > 0 for c in shown)
    widths = sum(view.columnWidth(c) for c in shown)
    assert widths <= view.viewport().width()  # and nothing scrolls sideways
    row = [pane.resources_model.index(1, c).data() for c in ResourcesColumn]
    assert row == [
        "Fail",
        "lb-bp1shopweb01",
        "shop-web",
        "cn-hangzhou",
        "All 2 servers in cn-hangzhou-h",
    ]
    # What is wrong counts them; it does not repeat the table.
    problem = pane.problem.text()
    assert problem == "2 of 2 resources fail, listed under Affected resources."


def test_before_any_scan_findings_say_how_to_start_one(fake_window):
    page = fake_window.findings_page
    fake_window.show_page(page)
    assert page.views.currentWidget() is page.empty_state
    assert page.empty_title.text() == "No results yet"
    assert "press Start (Ctrl+R)" in page.empty_text.text()
    assert not page.clear_filters_button.isVisibleTo(page)
    assert not page.detail.isVisibleTo(page)  # no "Select an item" beside nothing


def test_a_search_matching_nothing_says_so_and_clears(fake_window, qloop):
    wait_for_signal(qloop, fake_window.scanFinished, fake_window.start_button.click)
    page = fake_window.findings_page
    fake_window.show_page(page)
    assert page.views.currentWidget() is page.splitter

    page.search.setText("no-such-item")
    page.severity_filter.setCurrentIndex(1)
    assert page.views.currentWidget() is page.empty_state
    assert page.empty_title.text() == "No items match"
    assert page.clear_filters_button.isVisibleTo(page)

    page.clear_filters_button.click()
    assert page.search.text() == ""
    assert page.severity_filter.currentIndex() == 0
    assert page.views.currentWidget() is page.splitter
    assert page.proxy.rowCount() == page.model.rowCount()


def test_at_1024x640_findings_show_every_column_and_the_title_takes_the_room(
    fake_window, qloop
):
    fake_window.resize(1024, 640)
    wait_for_signal(qloop, fake_window.scanFinished, fake_window.start_button.click)
    page = fake_window.findings_page
    fake_window.show_page(page)
    table = page.table
    assert not any(table.isColumnHidden(c) for c in FindingsColumn)
    header = page.model.headerData(FindingsColumn.CATEGORY, Qt.Orientation.Horizontal)
    assert header == "Category"
    widths = {c: table.columnWidth(c) for c in FindingsColumn}
    assert widths[FindingsColumn.ITEM] == max(widths.values())
    assert widths[FindingsColumn.ITEM] >= table.MIN_ITEM_WIDTH * 0.7
    tooltip = page.proxy.index(0, FindingsColumn.ITEM).data(Qt.ItemDataRole.ToolTipRole)
    assert page.proxy.index(0, FindingsColumn.ITEM).data() in tooltip  # whole title


def test_findings_sort_by_category_and_keep_the_category_filter(fake_window, qloop):
    wait_for_signal(qloop, fake_window.scanFinished, fake_window.start_button.click)
    page = fake_window.findings_page
    page.table.sortByColumn(FindingsColumn.CATEGORY, Qt.SortOrder.AscendingOrder)
    categories = [
        page.proxy.index(row, 0).data(ENTRY_ROLE).category
        for row in range(page.proxy.rowCount())
    ]
    order = list(Category)
    assert categories == sorted(categories, key=order.index)

    page.category_filter.setCurrentIndex(
        page.category_filter.findData(Category.INFRASTRUCTURE)
    )
    shown = {
        page.proxy.index(row, FindingsColumn.CATEGORY).data()
        for row in range(page.proxy.rowCount())
    }
    assert shown == {"Infrastructure"}
