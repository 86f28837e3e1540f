"""The main window: header with account and Start, page navigation, status bar."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QElapsedTimer, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.events import CategoryProgress, ScanStarted
from cloud_checkup.app.model import ItemResult, ScanResult
from cloud_checkup.app.runner import demo_target
from cloud_checkup.checks import catalogue as default_catalogue
from cloud_checkup.checks.base import Check, Status

from .checkup_page import CheckupPage
from .export import ExportError, default_report_path, write_html_report
from .findings_page import FindingsPage
from .scan_controller import ScanController
from .widgets import heading, mute, show_error

log = logging.getLogger(__name__)

STATUS_MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """The Cloud Health Checkup window.

    Pages are added with ``add_page``; the navigation list and the stack follow.

    Signals:
        scanFinished(object): a scan ended with a result (``ScanResult``), complete or
            cancelled.
        scanFailed(str): a scan could not run; carries the message shown to the user.
    """

    scanFinished = Signal(object)  # noqa: N815 - Qt signal naming
    scanFailed = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(
        self,
        controller: ScanController | None = None,
        targets: Sequence[Any] | None = None,
        catalogue: Mapping[str, Check] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cloud Health Checkup"))
        self.setMinimumSize(QSize(960, 640))
        self._catalogue = default_catalogue() if catalogue is None else catalogue
        self.controller = controller or ScanController(parent=self)
        self.scan: ScanResult | None = None
        self._elapsed = QElapsedTimer()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show_elapsed)
        self._build(targets if targets is not None else [demo_target()])
        self._create_actions()
        self._connect_controller()
        self._set_running(False)

    # Layout

    def _build(self, targets: Sequence[Any]) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header(central, targets))
        layout.addWidget(self._separator(central))
        body = QHBoxLayout()
        body.setSpacing(0)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(170)
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.navigation.setIconSize(QSize(18, 18))
        self.navigation.setSpacing(2)
        self.pages = QStackedWidget(central)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        body.addWidget(self.navigation)
        body.addWidget(self._separator(central, vertical=True))
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.checkup_page = CheckupPage(self._catalogue, self)
        self.findings_page = FindingsPage(self._catalogue, self)
        self.add_page(self.tr("Checkup"), self.checkup_page)
        self.add_page(self.tr("Findings"), self.findings_page)
        self.navigation.setCurrentRow(0)
        self._build_status_bar()

    def _build_header(self, parent: QWidget, targets: Sequence[Any]) -> QWidget:
        header = QWidget(parent)
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 10, 16, 10)
        row.addWidget(heading(self.tr("Cloud Health Checkup"), 1.35, header))
        row.addStretch(1)
        row.addWidget(mute(QLabel(self.tr("Account:"), header)))
        self.account_picker = QComboBox(header)
        self.account_picker.setObjectName("accountPicker")
        self.account_picker.setMinimumWidth(220)
        for target in targets:
            self.account_picker.addItem(target.name, target)
        row.addWidget(self.account_picker)
        row.addSpacing(12)
        self.export_button = QPushButton(self.tr("Export HTML…"), header)
        self.start_button = QPushButton(self.tr("Start"), header)
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), header)
        for button in (self.export_button, self.start_button, self.cancel_button):
            button.setMinimumWidth(96)
            row.addWidget(button)
        self.export_button.clicked.connect(self.export_html)
        self.start_button.clicked.connect(self.start_scan)
        self.cancel_button.clicked.connect(self.cancel_scan)
        return header

    @staticmethod
    def _separator(parent: QWidget, vertical: bool = False) -> QFrame:
        line = QFrame(parent)
        line.setFrameShape(QFrame.Shape.VLine if vertical else QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def _build_status_bar(self) -> None:
        self.activity_label = QLabel(self.tr("Ready"), self)
        self.elapsed_label = mute(QLabel(self))
        self.elapsed_label.setObjectName("elapsed")
        self.statusBar().addWidget(self.activity_label, 1)
        self.statusBar().addPermanentWidget(self.elapsed_label)

    def add_page(self, title: str, page: QWidget) -> QListWidgetItem:
        """Add a page to the navigation list and the page stack."""
        item = QListWidgetItem(title, self.navigation)
        item.setSizeHint(QSize(0, 34))
        self.pages.addWidget(page)
        return item

    def show_page(self, page: QWidget) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(page))

    def _create_actions(self) -> None:
        def action(text: str, shortcut: QKeySequence | str, slot: Any) -> QAction:
            created = QAction(text, self)
            created.setShortcut(QKeySequence(shortcut))
            created.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            created.triggered.connect(slot)
            self.addAction(created)
            return created

        self.start_action = action(self.tr("Start checkup"), "Ctrl+R", self.start_scan)
        self.cancel_action = action(self.tr("Cancel checkup"), "Esc", self.cancel_scan)
        self.search_action = action(
            self.tr("Search findings"), "Ctrl+F", self.focus_search
        )
        self.export_action = action(self.tr("Export HTML…"), "Ctrl+E", self.export_html)
        self.quit_action = action(self.tr("Quit"), "Ctrl+Q", self.close)
        self.start_button.setToolTip(self.tr("Start a checkup (Ctrl+R)"))
        self.cancel_button.setToolTip(self.tr("Cancel the checkup (Esc)"))
        self.export_button.setToolTip(
            self.tr("Save the report as an HTML file (Ctrl+E)")
        )

    def _connect_controller(self) -> None:
        controller = self.controller
        controller.started.connect(self._on_started)
        controller.activity.connect(self.activity_label.setText)
        controller.progress.connect(self._on_progress)
        controller.itemFinished.connect(self._on_item_finished)
        controller.finished.connect(self._on_finished)
        controller.failed.connect(self._on_failed)
        controller.runningChanged.connect(self._set_running)
        self.checkup_page.top10Activated.connect(self.show_finding)
        self.findings_page.detail.commandCopied.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Command copied to the clipboard"), STATUS_MESSAGE_MS
            )
        )

    # Scanning

    def start_scan(self) -> None:
        target = self.account_picker.currentData()
        if target is None or self.controller.running:
            return
        log.info("starting a checkup of %s", target.name)
        self.scan = None
        self.findings_page.scan_started()
        self.activity_label.setText(self.tr("Starting the checkup…"))
        self._elapsed.start()
        self._show_elapsed()
        self._clock.start()
        self.controller.start(target, self.checkup_page.packages())

    def cancel_scan(self) -> None:
        if self.controller.running:
            self.activity_label.setText(self.tr("Cancelling…"))
            self.controller.cancel()

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.start_action.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.cancel_action.setEnabled(running)
        self.account_picker.setEnabled(not running)
        self.checkup_page.set_scanning(running)
        has_scan = self.scan is not None and not running
        self.export_button.setEnabled(has_scan)
        self.export_action.setEnabled(has_scan)
        if not running:
            self._clock.stop()

    def _on_started(self, event: ScanStarted) -> None:
        self.checkup_page.scan_started(event)

    def _on_progress(self, event: CategoryProgress) -> None:
        self.checkup_page.category_progress(event)

    def _on_item_finished(self, result: ItemResult) -> None:
        self.checkup_page.item_finished(result)
        self.findings_page.item_finished(result)

    def _on_finished(self, scan: ScanResult) -> None:
        self.scan = scan
        self.checkup_page.scan_finished(scan)
        self.findings_page.scan_finished(scan)
        self._show_elapsed()
        failing = sum(1 for r in scan.results if r.status is Status.FAIL)
        if scan.cancelled:
            text = self.tr("Checkup cancelled: {done} items finished").format(
                done=len(scan.results)
            )
        else:
            text = self.tr("Checkup finished: {count} items, {failing} failing").format(
                count=len(scan.results), failing=failing
            )
        self.activity_label.setText(text)
        self.scanFinished.emit(scan)

    def _on_failed(self, message: str) -> None:
        self.activity_label.setText(self.tr("The checkup could not run"))
        show_error(self, self.tr("The checkup could not run"), message)
        self.scanFailed.emit(message)

    def _show_elapsed(self) -> None:
        if not self._elapsed.isValid():
            return
        seconds = self._elapsed.elapsed() // 1000
        minutes, seconds = divmod(seconds, 60)
        self.elapsed_label.setText(f"{minutes:02d}:{seconds:02d}")

    # Findings and export

    def focus_search(self) -> None:
        self.show_page(self.findings_page)
        self.findings_page.focus_search()

    def show_finding(self, check_id: str) -> None:
        self.show_page(self.findings_page)
        self.findings_page.select_check(check_id)

    def export_html(self) -> None:
        """Ask where to save the HTML report, then write it.

        A plain slot, never a coroutine: the save dialog runs a nested event loop.
        """
        scan = self.scan
        if scan is None or self.controller.running:
            self.statusBar().showMessage(
                self.tr("Run a checkup first; then export its report."),
                STATUS_MESSAGE_MS,
            )
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the HTML report"),
            str(default_report_path(scan)),
            self.tr("HTML report (*.html)"),
        )
        if path:
            self._write_report(scan, path)

    def _write_report(self, scan: ScanResult, path: str) -> None:
        try:
            written = write_html_report(scan, path)
        except ExportError as error:
            show_error(self, self.tr("The report was not saved"), str(error))
        except Exception:
            log.exception("the HTML report could not be rendered")
            show_error(
                self,
                self.tr("The report was not saved"),
                self.tr(
                    "The report could not be produced because of an internal error. "
                    "The details are in the application log; please report them."
                ),
            )
        else:
            self.statusBar().showMessage(
                self.tr("Report saved to {path}").format(path=written),
                STATUS_MESSAGE_MS,
            )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Until there is a tray icon to keep it going, closing the window ends the scan.
        self.controller.cancel()
        super().closeEvent(event)
