"""The application around the window: names, icon, cycle collection, closing."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QMessageBox
from ui_fakes import make_results, wait_for_signal

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


def _box(window, name):
    boxes = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
    assert len(boxes) == 1, f"expected one visible {name}"
    return boxes[0]


def _button(box, text):
    return next(b for b in box.buttons() if b.text() == text)


def test_quitting_during_a_scan_asks_then_stops_it_resumably(
    fake_window, qloop, job_options, qapp, services
):
    job_options["delay"] = 0.05
    fake_window.tray.available = False  # no tray to keep the scan in
    qapp.setQuitOnLastWindowClosed(False)

    def quit_after_the_first_item(_result) -> None:
        fake_window.controller.itemFinished.disconnect(quit_after_the_first_item)
        fake_window.quit_action.trigger()
        box = _box(fake_window, "confirmQuit")
        qloop.call_soon(_button(box, "Stop and quit").click)

    fake_window.controller.itemFinished.connect(quit_after_the_first_item)

    def start_then_quit():
        fake_window.start_button.click()

    try:
        (scan,) = wait_for_signal(qloop, fake_window.scanFinished, start_then_quit)
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert scan.cancelled
    assert not fake_window.isVisible()
    assert not fake_window.controller.running
    qloop.run_until_complete(fake_window.shutdown())
    assert fake_window._run.recorder.error is None
    # Stopped by quitting, the scan stays resumable rather than "cancelled".
    interrupted = services.history.call_now(lambda s: s.interrupted_scans())
    assert [s.scan_id for s in interrupted] == [scan.scan_id]
    assert 0 < interrupted[0].done < len(make_results())


def test_quitting_during_a_scan_can_be_called_off(fake_window, qloop, job_options):
    job_options["delay"] = 0.05
    fake_window.tray.available = False

    def start_then_quit():
        fake_window.start_button.click()
        qloop.call_later(0.05, fake_window.quit_action.trigger)
        qloop.call_later(
            0.08, lambda: _button(_box(fake_window, "confirmQuit"), "Cancel").click()
        )

    (scan,) = wait_for_signal(qloop, fake_window.scanFinished, start_then_quit)
    assert not scan.cancelled
    assert fake_window.isVisible()


def test_closing_during_a_scan_keeps_it_running_in_the_tray(
    fake_window, qloop, job_options, qapp
):
    job_options["delay"] = 0.03
    fake_window.tray.available = True
    qapp.setQuitOnLastWindowClosed(False)

    def start_then_close():
        fake_window.start_button.click()
        qloop.call_later(0.05, fake_window.close)

    try:
        (scan,) = wait_for_signal(qloop, fake_window.scanFinished, start_then_close)
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert not scan.cancelled
    assert not fake_window.isVisible()
    titles = [title for title, _ in fake_window.tray.messages]
    assert titles == ["The checkup goes on", "Checkup finished"]
    assert "6 items, 3 failing" in fake_window.tray.messages[-1][1]

    fake_window.show()
    fake_window.start_button.click()
    fake_window.close()  # told only once
    assert [t for t, _ in fake_window.tray.messages].count("The checkup goes on") == 1
    fake_window.tray.showRequested.emit()
    assert fake_window.isVisible()
    wait_for_signal(qloop, fake_window.scanFinished)


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
