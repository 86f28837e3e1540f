"""The application around the window: names, icon, cycle collection, closing."""

from __future__ import annotations

import gc

import pytest
from ui_fakes import wait_for_signal

from cloud_checkup.ui.garbage import GuiThreadGarbageCollector
from cloud_checkup.ui.main import app_icon, create_application

pytestmark = pytest.mark.gui


def test_the_application_is_named_and_has_an_icon(qapp):
    app = create_application([])
    assert app is qapp
    assert app.applicationName() == "Cloud Health Checkup"
    assert app.organizationName() == "Cloud Checkup"
    assert not app_icon().isNull()
    assert not app_icon().pixmap(64, 64).isNull()  # the SVG renders


def test_cycles_are_collected_on_the_gui_thread_only(qapp):
    class Cycle:
        def __init__(self):
            self.me = self

    was_enabled = gc.isenabled()
    collector = GuiThreadGarbageCollector()
    try:
        assert not gc.isenabled()
        for _ in range(gc.get_threshold()[0] + 10):
            Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]
        collector.check()
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        collector.stop()
    assert gc.isenabled() == was_enabled


def test_closing_the_window_cancels_a_running_scan(
    fake_window, qloop, job_options, qapp
):
    job_options["delay"] = 0.05
    # In the app the loop ends with the last window and main() then waits for the
    # cancelled scan; here the loop has to keep running to watch it end.
    qapp.setQuitOnLastWindowClosed(False)

    def start_then_close():
        fake_window.start_button.click()
        qloop.call_later(0.08, fake_window.close)

    try:
        (scan,) = wait_for_signal(qloop, fake_window.scanFinished, start_then_close)
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert scan.cancelled
    assert not fake_window.controller.running


def test_the_status_bar_shows_activity_and_elapsed_time(fake_window, qloop):
    activities: list[str] = []
    fake_window.controller.activity.connect(activities.append)
    wait_for_signal(qloop, fake_window.scanFinished, fake_window.start_button.click)
    assert activities[-1] == "Reading ecs-expiry"
    assert fake_window.elapsed_label.text() == "00:00"


def test_main_opens_the_window_and_returns_when_it_is_closed(qapp, monkeypatch):
    from PySide6.QtCore import QTimer

    from cloud_checkup.ui import main as main_module
    from cloud_checkup.ui.window import MainWindow

    opened: list[MainWindow] = []

    def close_the_window() -> None:
        opened.extend(
            w
            for w in qapp.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible()
        )
        for window in opened:
            window.close()

    monkeypatch.setattr(main_module.logging, "basicConfig", lambda **kw: None)
    QTimer.singleShot(200, close_the_window)
    assert main_module.main() == 0
    assert len(opened) == 1
    assert opened[0].account_picker.currentText() == "Demo account"
    opened[0].deleteLater()
