"""The real window on the real demo scan: sandbox, HTTP client and engine included."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog
from ui_fakes import qasync_loop, wait_for_signal

from cloud_checkup.app.model import ScanResult
from cloud_checkup.app.runner import demo_dataset_path
from cloud_checkup.checks import catalogue
from cloud_checkup.checks.base import Category, Severity, Status
from cloud_checkup.ui.models import ENTRY_ROLE
from cloud_checkup.ui.window import MainWindow

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(
        not demo_dataset_path().exists(),
        reason=f"the bundled demo dataset is missing: {demo_dataset_path()}",
    ),
]

SCAN_TIMEOUT_S = 60


@dataclass
class Demo:
    window: MainWindow
    loop: asyncio.AbstractEventLoop
    scan: ScanResult


@pytest.fixture(scope="module")
def demo(qapp) -> Iterator[Demo]:
    """The window after one complete demo scan with both packages.

    One scan serves the module's tests (each reads, none changes the result), which
    keeps them fast.
    """
    with qasync_loop(qapp) as loop:
        window = MainWindow()
        window.resize(1300, 850)
        window.show()
        window.checkup_page.ai_checkbox.setChecked(True)
        failures: list[str] = []
        window.scanFailed.connect(failures.append)
        (scan,) = wait_for_signal(
            loop, window.scanFinished, window.start_button.click, SCAN_TIMEOUT_S
        )
        assert not failures
        yield Demo(window, loop, scan)
        window.close()
        loop.run_until_complete(window.controller.shutdown(5))
        window.deleteLater()


@pytest.fixture
def demo_window(demo) -> Iterator[MainWindow]:
    yield demo.window
    demo.window.findings_page.clear_filters()


@pytest.fixture
def demo_scan(demo) -> ScanResult:
    return demo.scan


def _shown_ids(page) -> set[str]:
    proxy = page.proxy
    return {
        proxy.index(row, 0).data(ENTRY_ROLE).result.check_id
        for row in range(proxy.rowCount())
    }


def test_the_account_picker_offers_the_demo_account(demo_window):
    assert demo_window.account_picker.currentText() == "Demo account"


def test_each_category_reaches_its_total(demo_window, demo_scan):
    assert not demo_scan.cancelled
    items = catalogue()
    for category, row in demo_window.checkup_page.categories.rows.items():
        planned = sum(
            1 for r in demo_scan.results if items[r.check_id].category is category
        )
        assert row.bar.maximum() == max(planned, 1)
        assert row.bar.value() == (planned if planned else 0)
        if planned:
            assert row.count.text() == f"{planned}/{planned} done"
            high = sum(
                1
                for r in demo_scan.results
                if items[r.check_id].category is category
                and items[r.check_id].severity is Severity.HIGH
                and r.status is Status.FAIL
            )
            assert row.failures[Severity.HIGH].isVisibleTo(demo_window) == (high > 0)
    score = demo_window.checkup_page.score
    assert score.value_label.text() == str(demo_scan.score.value)


def test_the_findings_table_holds_every_item_and_filters_reduce_it(
    demo_window, demo_scan
):
    page = demo_window.findings_page
    items = catalogue()
    all_ids = {r.check_id for r in demo_scan.results}
    assert page.model.rowCount() == len(demo_scan.results)
    assert _shown_ids(page) == all_ids

    def choose(box, value):
        box.setCurrentIndex(box.findData(value))

    choose(page.category_filter, Category.IDENTITY)
    assert _shown_ids(page) == {
        i for i in all_ids if items[i].category is Category.IDENTITY
    }
    choose(page.severity_filter, Severity.HIGH)
    expected = {
        i
        for i in all_ids
        if items[i].category is Category.IDENTITY and items[i].severity is Severity.HIGH
    }
    assert _shown_ids(page) == expected
    page.clear_filters()

    choose(page.status_filter, Status.FAIL)
    failing = {r.check_id for r in demo_scan.results if r.status is Status.FAIL}
    assert failing, "the demo account is meant to show failures"
    assert _shown_ids(page) == failing
    page.clear_filters()

    failing_result = next(r for r in demo_scan.results if r.failed)
    resource_id = failing_result.failed[0].resource_id
    page.search.setText(resource_id)
    shown = _shown_ids(page)
    assert failing_result.check_id in shown
    assert len(shown) < len(all_ids)


def test_the_detail_pane_shows_a_failing_items_resources(demo_window, demo_scan):
    failing = next(r for r in demo_scan.results if r.failed)
    demo_window.show_finding(failing.check_id)
    detail = demo_window.findings_page.detail
    assert detail.title.text() == catalogue()[failing.check_id].title
    model = detail.resources_model
    shown = {model.finding(row).resource_id for row in range(model.rowCount())}
    assert {f.resource_id for f in failing.failed} <= shown
    assert model.finding(0).status is Status.FAIL  # failing resources come first
    assert detail.resources_view.isVisibleTo(demo_window)


def test_export_writes_html_with_the_account_id(
    demo_window, demo_scan, tmp_path, monkeypatch
):
    target = tmp_path / "demo-report.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    demo_window.export_action.trigger()
    assert demo_scan.account.id
    assert demo_scan.account.id in target.read_text(encoding="utf-8")


def test_the_window_stays_responsive_during_a_scan(demo, demo_window):
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    started = time.monotonic()
    timer.start()
    (scan,) = wait_for_signal(
        demo.loop,
        demo_window.scanFinished,
        demo_window.start_button.click,
        SCAN_TIMEOUT_S,
    )
    timer.stop()
    assert not scan.cancelled
    took = time.monotonic() - started
    moments = [started, *ticks, time.monotonic()]
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments)]
    assert len(ticks) >= 3, f"the timer fired {len(ticks)} times in {took:.2f} s"
    # A scan run on the GUI thread would freeze the window for about its whole
    # length; a scan on the loop gives it back within a fraction of a second, with
    # some slack for a loaded test machine.
    allowed = max(0.5, took / 3)
    assert max(gaps) < allowed, f"the event loop was blocked for {max(gaps):.2f} s"
