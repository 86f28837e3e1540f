"""The main window: header with account and Start, page navigation, status bar.

It ties the pages to the scan controller, the history store and the tray: what a
finished scan is compared with, which exceptions apply, re-checks and resuming.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QElapsedTimer, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.ai_package import ai_scans_used
from cloud_checkup.app.allowance import AllowanceLedger, NextSteps
from cloud_checkup.app.engine import Resume
from cloud_checkup.app.events import CategoryProgress, ScanStarted
from cloud_checkup.app.exceptions import RecordedException, apply_exceptions
from cloud_checkup.app.model import ItemResult, ScanResult
from cloud_checkup.app.profiles import Profile
from cloud_checkup.app.runner import SandboxTarget, ScanRequest, demo_target
from cloud_checkup.app.score import compute_score
from cloud_checkup.app.store import InterruptedScan, ResumePlan
from cloud_checkup.checks import catalogue as default_catalogue
from cloud_checkup.checks.base import Check, Package, Status

from .accounts_page import AccountsPage
from .ai_panel import AiState, ask_consent
from .checkup_page import CheckupPage, snapshot_text
from .exceptions_page import ExceptionsPage
from .export import ExportError, default_report_path, write_html_report
from .findings_page import FindingsPage
from .history_page import HistoryPage
from .models import ItemEntry
from .presentation import plural
from .recording import BackgroundRecorder
from .scan_controller import JobOptions, ScanController, ScanOrder
from .services import WindowServices
from .settings_page import SettingsPage
from .tasks import TaskRunner
from .tray import Tray
from .widgets import ask, heading, mute, show_error

log = logging.getLogger(__name__)

STATUS_MESSAGE_MS = 8000


@dataclass(frozen=True)
class AccountChoice:
    """One entry of the account picker: a ready target, or a profile to resolve."""

    name: str
    target: Any = None
    profile: Profile | None = None


@dataclass
class _Run:
    """What the window remembers about the scan it started."""

    choice: AccountChoice
    recorder: BackgroundRecorder | None
    verifies: ScanResult | None = None


class MainWindow(QMainWindow):
    """The Cloud Health Checkup window.

    Pages are added with ``add_page``; the navigation list and the stack follow.

    Signals:
        scanFinished(object): a scan ended with a result (``ScanResult``), complete or
            cancelled, and the window shows it (compared with the previous scan).
        scanFailed(str): a scan could not run; carries the message shown to the user.
        closed(): the window really closed (not hidden in the tray).
    """

    scanFinished = Signal(object)  # noqa: N815 - Qt signal naming
    scanFailed = Signal(str)  # noqa: N815 - Qt signal naming
    closed = Signal()

    # Room around the page names in the navigation list: its item padding and a gap.
    NAVIGATION_MARGIN = 40

    def __init__(
        self,
        controller: ScanController | None = None,
        targets: Sequence[Any] | None = None,
        catalogue: Mapping[str, Check] | None = None,
        parent: Any = None,
        *,
        services: WindowServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cloud Health Checkup"))
        self.setMinimumSize(QSize(960, 640))
        self._catalogue = default_catalogue() if catalogue is None else catalogue
        self.services = services or WindowServices()
        self.controller = controller or ScanController(parent=self)
        self.tasks = TaskRunner(self)
        self._cancelled_runners: list[TaskRunner] = []
        self.scan: ScanResult | None = None
        self.previous: ScanResult | None = None
        self._run: _Run | None = None
        # Scans deleted from the history this session: one still shown is only here.
        self._deleted: set[str] = set()
        self._quitting = False
        self._stop_confirmed = False
        self._closed = False
        self._ai_generation = 0
        self._start_waits_for_ai = False
        self._fixed_choices = [
            AccountChoice(t.name, target=t)
            for t in (targets if targets is not None else [demo_target()])
        ]
        self._elapsed = QElapsedTimer()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._show_elapsed)
        self._build()
        self.tray = Tray(self.windowIcon(), self)
        self._create_actions()
        self._connect_controller()
        self._connect_pages()
        self._set_running(False)

    # Layout

    def _build(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header(central))
        layout.addWidget(self._separator(central))
        body = QHBoxLayout()
        body.setSpacing(0)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
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
        self._build_pages()
        self._fit_navigation()
        self.navigation.setCurrentRow(0)
        self._build_status_bar()

    def _fit_navigation(self) -> None:
        """As wide as the longest page name: the pages need the room more, the
        Findings page above all on a small screen."""
        navigation = self.navigation
        metrics = navigation.fontMetrics()
        words = max(
            metrics.horizontalAdvance(navigation.item(row).text())
            for row in range(navigation.count())
        )
        navigation.setFixedWidth(words + self.NAVIGATION_MARGIN)

    def _build_pages(self) -> None:
        services = self.services
        self.checkup_page = CheckupPage(self._catalogue, self)
        self.findings_page = FindingsPage(self._catalogue, self)
        self.history_page = HistoryPage(services.history, self._catalogue, self)
        self.exceptions_page = ExceptionsPage(
            services.history, self._catalogue, services.clock, self
        )
        self.accounts_page = AccountsPage(
            services, self._catalogue, self.checkup_page.packages, self
        )
        self.add_page(self.tr("Checkup"), self.checkup_page)
        self.add_page(self.tr("Findings"), self.findings_page)
        self.add_page(self.tr("History"), self.history_page)
        self.add_page(self.tr("Exceptions"), self.exceptions_page)
        self.settings_page = SettingsPage(services.history, services.preferences, self)
        self.add_page(self.tr("Accounts"), self.accounts_page)
        self.add_page(self.tr("Settings"), self.settings_page)

    def _build_header(self, parent: QWidget) -> QWidget:
        header = QWidget(parent)
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 10, 16, 10)
        row.addWidget(heading(self.tr("Cloud Health Checkup"), 1.35, header))
        row.addStretch(1)
        row.addWidget(mute(QLabel(self.tr("Account:"), header)))
        self.account_picker = QComboBox(header)
        self.account_picker.setObjectName("accountPicker")
        self.account_picker.setMinimumWidth(220)
        for choice in self._fixed_choices:
            self.account_picker.addItem(choice.name, choice)
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
        self.quit_action = action(self.tr("Quit"), "Ctrl+Q", self.quit)
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

    def _connect_pages(self) -> None:
        self.checkup_page.top10Activated.connect(self.show_finding)
        self.findings_page.detail.commandCopied.connect(
            lambda: self.show_message(self.tr("Command copied to the clipboard"))
        )
        self.findings_page.detail.acceptRequested.connect(self.accept_exception)
        self.findings_page.recheckRequested.connect(self.recheck)
        self.history_page.openRequested.connect(self.open_scan)
        self.history_page.scansDeleted.connect(self._on_scans_deleted)
        self.settings_page.scansDeleted.connect(self._on_scans_deleted)
        self.settings_page.scansDeleted.connect(lambda _: self.history_page.reload())
        self.exceptions_page.exceptionsChanged.connect(self._on_exceptions_changed)
        self.accounts_page.profilesChanged.connect(self._on_profiles_changed)
        self.accounts_page.policyCopied.connect(
            lambda: self.show_message(self.tr("Policy copied to the clipboard"))
        )
        self.account_picker.currentIndexChanged.connect(self._on_account_changed)
        self.checkup_page.ai_panel.claimRequested.connect(self._claim_allowance)
        self.checkup_page.ai_panel.retryRequested.connect(self.refresh_ai_package)
        self.tray.showRequested.connect(self.bring_back)
        self.tray.quitRequested.connect(self.quit)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    # Start-up: profiles, history, the AI package, an interrupted scan

    def start_up(self) -> None:
        """Load what the window shows besides a scan; offer to resume a cut-off one."""
        self.tray.show()
        self.accounts_page.reload()
        self.history_page.reload()
        self.exceptions_page.reload()
        self.refresh_ai_package()
        self.tasks.run(
            self.services.history.call(lambda store: store.interrupted_scans()),
            self._offer_resume,
            self._history_unavailable,
        )

    def _history_unavailable(self, error: Exception) -> None:
        log.warning("the history is not available: %s", error)
        show_error(self, self.tr("The history is not available"), str(error))

    def _on_profiles_changed(self, profiles: list[Profile]) -> None:
        current = self.account_picker.currentText()
        picker = self.account_picker
        picker.blockSignals(True)
        while picker.count() > len(self._fixed_choices):
            picker.removeItem(picker.count() - 1)
        for profile in profiles:
            picker.addItem(profile.name, AccountChoice(profile.name, profile=profile))
        index = picker.findText(current)
        picker.setCurrentIndex(max(index, 0))
        picker.blockSignals(False)
        if picker.currentText() != current:
            self._on_account_changed()

    def choice(self) -> AccountChoice | None:
        return self.account_picker.currentData()

    def _on_account_changed(self) -> None:
        self._call_off_waiting_start()
        self.refresh_ai_package()

    async def _resolve(self, choice: AccountChoice) -> Any:
        if choice.target is not None:
            return choice.target
        services = self.services
        return await services.profile_target(choice.profile, services.profiles)

    # The AI package

    def refresh_ai_package(self) -> None:
        """Read the AI package's prerequisite, estimate and the account's allowance."""
        choice = self.choice()
        if choice is None:
            return
        self._ai_generation += 1
        generation = self._ai_generation
        self.checkup_page.ai_panel.show_checking()

        def shown(state: AiState) -> None:
            if generation == self._ai_generation:
                self.checkup_page.ai_panel.show_state(state)
                self._start_after_ai_answer()

        def failed(error: Exception) -> None:
            log.info("the AI package's prerequisite could not be read: %s", error)
            if generation == self._ai_generation:
                self.checkup_page.ai_panel.show_error(str(error))
                self._start_after_ai_answer()

        self.tasks.run(self._ai_state(choice), shown, failed)

    async def _ai_state(self, choice: AccountChoice) -> AiState:
        target = await self._resolve(choice)
        packages = frozenset({Package.STANDARD, Package.AI})
        preflight = await self.services.preflight(target, ScanRequest(packages))
        now = self.services.clock()
        if not _billable(target):
            return AiState(preflight, preflight.account_id, None, now, billable=False)
        history = self.services.history
        try:
            account_id = await history.call(lambda s: _account_of(s, choice.name))
            allowance = None
            if account_id is not None:
                allowance = await history.call(
                    lambda s: AllowanceLedger(s, self.services.clock).allowance(
                        account_id
                    )
                )
        except Exception as error:  # the allowance is unknown, not the package
            log.warning("the AI allowance could not be read: %s", error)
            account_id, allowance = None, None
        return AiState(preflight, account_id, allowance, now)

    def _wait_for_ai_answer(self) -> None:
        """Start once Security Center has said whether the AI package can run."""
        self._start_waits_for_ai = True
        self.activity_label.setText(
            self.tr("Waiting for Security Center's answer about the AI package…")
        )
        if not self.checkup_page.ai_panel.checking:
            self.refresh_ai_package()

    def _start_after_ai_answer(self) -> None:
        if not self._start_waits_for_ai:
            return
        self._start_waits_for_ai = False
        state = self.checkup_page.ai_panel.state
        if state is not None and state.preflight.status.available:
            self.start_scan()
            return
        self.activity_label.setText(self.tr("Ready"))
        self.show_message(
            self.tr(
                "The checkup did not start: the AI package cannot run for this "
                "account (see beside the AI checkbox). Untick it to run the standard "
                "checkup."
            )
        )

    def _call_off_waiting_start(self) -> None:
        if self._start_waits_for_ai:
            self._start_waits_for_ai = False
            self.activity_label.setText(self.tr("Ready"))

    def _claim_allowance(self, account_id: str) -> None:
        ledger = lambda store: AllowanceLedger(store, self.services.clock)  # noqa: E731
        self.tasks.run(
            self.services.history.call(lambda s: ledger(s).claim(account_id)),
            lambda _: self.refresh_ai_package(),
            lambda error: show_error(self, self.tr("AI allowance"), str(error)),
        )

    # Scanning

    def start_scan(self) -> None:
        """Start a full checkup of the chosen account; past the allowance, ask first."""
        choice = self.choice()
        if choice is None or self.controller.running:
            return
        packages = self.checkup_page.packages()
        if Package.AI in packages and self.checkup_page.ai_panel.state is None:
            self._wait_for_ai_answer()
            return
        self._launch_within_allowance(choice, ScanRequest(packages=packages))

    def _launch_within_allowance(
        self,
        choice: AccountChoice,
        request: ScanRequest,
        verifies: ScanResult | None = None,
    ) -> None:
        """Launch ``request``; when its AI items go past the free allowance of a
        billable account, ask first whether to scan them all or what it covers."""
        state = self.checkup_page.ai_panel.state
        ai_items = state.ai_items(request) if state else []
        if not ai_items or not state.needs_consent(ai_items):
            self._launch(choice, request, verifies=verifies)
            return
        box = ask_consent(self, state.plan(ai_items, consent=True))
        box.buttonClicked.connect(
            lambda button: self._after_consent(button, choice, request, verifies)
        )
        self.consent_box = box
        box.open()

    def _after_consent(
        self,
        button: QAbstractButton,
        choice: AccountChoice,
        request: ScanRequest,
        verifies: ScanResult | None,
    ) -> None:
        consent = button.property("consent")
        if consent == "all":
            self._launch(choice, request, verifies=verifies)
        elif consent == "covered":
            self._launch(choice, self._covered_request(request), verifies=verifies)

    def _covered_request(self, request: ScanRequest) -> ScanRequest:
        """``request`` withholding the AI items the allowance does not cover: they are
        reported not checked, with why and what to do."""
        state = self.checkup_page.ai_panel.state
        plan = state.plan(state.ai_items(request), consent=False)
        if plan.left_out:
            self.show_message(
                plural(
                    len(plan.left_out),
                    self.tr(
                        "{count} AI item left out: the allowance does not cover it"
                    ),
                    self.tr(
                        "{count} AI items left out: the allowance does not cover them"
                    ),
                )
            )
        steps = NextSteps(
            claim=self.tr(
                "claim it with the button beside the AI package's checkbox on the "
                "Checkup page"
            ),
            consent=self.tr(
                "run the checkup again and choose to scan everything (Security "
                "Center may bill the AI scans past the allowance)"
            ),
        )
        withheld = tuple(
            (item, state.left_out_reason(item, steps)) for item in plan.left_out
        )
        return dataclasses.replace(request, withheld=withheld)

    def _launch(
        self,
        choice: AccountChoice,
        request: ScanRequest,
        *,
        verifies: ScanResult | None = None,
        resume: ResumePlan | None = None,
        resume_started: Any = None,
    ) -> None:
        if self.controller.running:
            return
        log.info("starting a checkup of %s", choice.name)
        self.scan = None
        self.findings_page.scan_started()
        self.activity_label.setText(self.tr("Starting the checkup…"))
        self._elapsed.start()
        self._show_elapsed()
        self._clock.start()
        recorder = BackgroundRecorder(
            self.services.history,
            request,
            target=choice.name,
            catalogue=self._catalogue,
            rechecks=verifies.scan_id if verifies else None,
            resumes=resume.scan_id if resume else None,
        )
        options = JobOptions(
            exceptions=self._exceptions,
            resume=_resume_of(resume, resume_started),
            rechecks=verifies.scan_id if verifies else None,
        )
        self._run = _Run(choice, recorder, verifies)
        if choice.target is not None:
            self._order(choice.target, request, options, recorder)
            return
        self.tasks.run(
            self._resolve(choice),
            lambda target: self._order(target, request, options, recorder),
            self._target_failed,
        )

    def _order(
        self,
        target: Any,
        request: ScanRequest,
        options: JobOptions,
        recorder: BackgroundRecorder,
    ) -> None:
        self.controller.run(
            ScanOrder(
                target,
                request,
                options,
                observer=recorder,
                on_error=recorder.interrupted,
            )
        )

    def _target_failed(self, error: Exception) -> None:
        self._clock.stop()
        self._on_failed(str(error))

    async def _exceptions(self) -> list[RecordedException]:
        try:
            return await self.services.history.call(lambda store: store.exceptions())
        except Exception as error:  # scan without them rather than not at all
            log.warning("the exceptions could not be read: %s", error)
            return []

    def cancel_scan(self) -> None:
        self._call_off_waiting_start()
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
        self.findings_page.set_recheck_enabled(has_scan and not self._scan_deleted())
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
        run = self._run
        if self._closed:  # quitting: the scan only had to let go of its connections
            self.scanFinished.emit(scan)
            return
        self._show_elapsed()
        self.activity_label.setText(self.tr("Saving the checkup…"))
        self.tasks.run(
            self._settle(scan, run),
            lambda outcome: self._show_finished(*outcome),
            lambda error: self._show_finished(scan, None, run, error),
        )

    async def _settle(
        self, scan: ScanResult, run: _Run | None
    ) -> tuple[ScanResult, ScanResult | None, _Run | None, Exception | None]:
        """Let the history catch up, then find what the scan is compared with."""
        if run is None or run.recorder is None:
            return scan, None, run, None
        await run.recorder.drain()
        history = self.services.history
        billable = _billable(run.choice.target)
        if (
            billable
            and Package.AI.value in scan.packages
            and run.recorder.error is None
        ):
            used = ai_scans_used(scan, self._catalogue)
            await history.call(
                lambda s: AllowanceLedger(s, self.services.clock).record_usage(
                    scan.scan_id, used
                )
            )
        previous = run.verifies or await history.call(
            lambda store: store.previous_scan(scan)
        )
        if run.recorder.error is None:
            await self._apply_retention()
        return scan, previous, run, run.recorder.error

    async def _apply_retention(self) -> None:
        """Delete what the user's retention rule lets go, now that a scan is saved."""
        rule = self.services.preferences.load().retention
        try:
            deleted = await self.services.history.call(lambda s: s.prune(rule))
        except Exception as error:  # the scan is saved; old ones stay a while longer
            log.warning("the retention rule could not be applied: %s", error)
            return
        if deleted:
            log.info("the retention rule deleted %d scan(s)", len(deleted))
            self._on_scans_deleted([s.scan_id for s in deleted])

    def _show_finished(
        self,
        scan: ScanResult,
        previous: ScanResult | None,
        run: _Run | None,
        error: Exception | None,
    ) -> None:
        if error is not None:
            log.warning("the checkup was not saved to the history: %s", error)
            self.show_message(
                self.tr("The checkup was not saved to the history: {why}").format(
                    why=error
                )
            )
        shown = scan
        if run is not None and run.verifies is not None:
            shown = self._merged(run.verifies, scan)
        self.scan, self.previous = shown, previous
        self.checkup_page.scan_finished(shown, previous)
        self.findings_page.scan_finished(shown)
        self._set_running(self.controller.running)
        text = self._finished_text(scan, run)
        self.activity_label.setText(text)
        self.tray.notify(self.tr("Checkup finished"), text)
        self.history_page.reload()
        self.refresh_ai_package()
        self.scanFinished.emit(scan)

    def _merged(self, verified: ScanResult, recheck: ScanResult) -> ScanResult:
        """The verified scan with the re-checked items' new results in place."""
        fresh = {r.check_id: r for r in recheck.results}
        results = [fresh.pop(r.check_id, r) for r in verified.results]
        results += list(fresh.values())
        return dataclasses.replace(
            verified,
            scan_id=recheck.scan_id,
            started_at=recheck.started_at,
            finished_at=recheck.finished_at,
            results=results,
            score=compute_score(results, self._catalogue),
            cancelled=recheck.cancelled,
        )

    def _finished_text(self, scan: ScanResult, run: _Run | None) -> str:
        failing = sum(1 for r in scan.results if r.status is Status.FAIL)
        items = plural(
            len(scan.results), self.tr("{count} item"), self.tr("{count} items")
        )
        if scan.cancelled:
            return self.tr("Checkup cancelled: {items} finished").format(items=items)
        if run is not None and run.verifies is not None:
            before = {r.check_id: r.status for r in run.verifies.results}
            fixed = sum(
                1
                for r in scan.results
                if before.get(r.check_id) is Status.FAIL
                and r.status in (Status.PASS, Status.NOT_APPLICABLE)
            )
            return self.tr(
                "Re-check finished: {items}, {fixed} fixed, {failing} still failing"
            ).format(items=items, fixed=fixed, failing=failing)
        return self.tr("Checkup finished: {items}, {failing} failing").format(
            items=items, failing=failing
        )

    def _on_failed(self, message: str) -> None:
        self.activity_label.setText(self.tr("The checkup could not run"))
        show_error(self, self.tr("The checkup could not run"), message)
        self.tray.notify(self.tr("The checkup could not run"), message)
        self.scanFailed.emit(message)

    def _show_elapsed(self) -> None:
        if not self._elapsed.isValid():
            return
        seconds = self._elapsed.elapsed() // 1000
        minutes, seconds = divmod(seconds, 60)
        self.elapsed_label.setText(f"{minutes:02d}:{seconds:02d}")

    # Re-checks and resuming

    def recheck(self, check_ids: frozenset[str]) -> None:
        """Run only ``check_ids`` again on the shown scan's account, to verify fixes."""
        verified, choice = self.scan, self.choice()
        if verified is None or choice is None or self.controller.running:
            return
        if self._scan_deleted():  # its re-check would have nothing to verify
            self.show_message(self.tr("This checkup was deleted: run a new one."))
            return
        known = frozenset(i for i in check_ids if i in self._catalogue)
        packages = frozenset(
            {Package.STANDARD} | {self._catalogue[i].package for i in known}
        )
        request = ScanRequest(packages=packages, check_ids=known)
        state = self.checkup_page.ai_panel.state
        if Package.AI in packages and (
            state is None or not state.preflight.status.available
        ):
            self.show_message(
                self.tr(
                    "AI items are re-checked once Security Center has said the AI "
                    "package can run (see beside the AI checkbox)."
                )
            )
            return
        self._launch_within_allowance(choice, request, verifies=verified)

    def _offer_resume(self, interrupted: list[InterruptedScan]) -> None:
        resumable = [s for s in interrupted if self._choice_named(s.target) is not None]
        if not resumable or self.controller.running:
            return
        scan = resumable[0]
        started = scan.started_at.astimezone()
        self.resume_box = ask(
            self,
            "resumeOffer",
            self.tr("Resume the interrupted checkup?"),
            self.tr(
                "The checkup of {account} started {when} was cut off with {done} "
                "done and {left} to go. Resume it where it stopped?"
            ).format(
                account=scan.target,
                when=f"{started:%Y-%m-%d %H:%M}",
                done=plural(
                    scan.done, self.tr("{count} item"), self.tr("{count} items")
                ),
                left=len(scan.remaining),
            ),
            self.tr("Resume"),
            lambda: self.resume(scan),
            decline=QMessageBox.StandardButton.No,
        )

    def _choice_named(self, name: str | None) -> int | None:
        index = self.account_picker.findText(name or "")
        return index if index >= 0 else None

    def resume(self, scan: InterruptedScan) -> None:
        """Continue ``scan``: its finished items are kept, the rest run now."""
        index = self._choice_named(scan.target)
        if index is None:
            return
        self.account_picker.setCurrentIndex(index)
        choice = self.choice()

        def resume_with(plan: ResumePlan) -> None:
            request = dataclasses.replace(plan.request, regions=plan.regions or None)
            self._launch(choice, request, resume=plan, resume_started=scan.started_at)

        self.tasks.run(
            self.services.history.call(lambda store: store.resume_plan(scan.scan_id)),
            resume_with,
            self._history_unavailable,
        )

    # History and exceptions

    def open_scan(self, scan_id: str) -> None:
        """Show a recorded scan on the Checkup and Findings pages, as a snapshot."""
        if self.controller.running:
            self.show_message(self.tr("Wait for the running checkup to finish."))
            return

        def load(store: Any) -> tuple[ScanResult, ScanResult | None]:
            scan = store.load_scan(scan_id)
            return scan, store.previous_scan(scan)

        self.tasks.run(
            self.services.history.call(load),
            lambda pair: self._show_opened(*pair),
            self._history_unavailable,
        )

    def _show_opened(self, scan: ScanResult, previous: ScanResult | None) -> None:
        self.scan, self.previous = scan, previous
        self.checkup_page.show_scan(scan, previous, snapshot=True)
        self.findings_page.scan_finished(scan)
        self.findings_page.show_snapshot(snapshot_text(scan))
        self._set_running(False)
        self.show_page(self.checkup_page)

    def _on_scans_deleted(self, scan_ids: list[str]) -> None:
        """The scan on screen was deleted: it stays shown, and the pages say so."""
        self._deleted.update(scan_ids)
        scan = self.scan
        if scan is None or not self._scan_deleted():
            return
        self.checkup_page.show_snapshot(scan, deleted=True)
        self.findings_page.show_snapshot(snapshot_text(scan, deleted=True))
        self._set_running(self.controller.running)

    def _scan_deleted(self) -> bool:
        return self.scan is not None and self.scan.scan_id in self._deleted

    def accept_exception(self, entry: ItemEntry, resource_id: str | None) -> None:
        scan = self.scan
        if scan is None or not scan.account.id:
            self.show_message(self.tr("Exceptions need a finished checkup."))
            return
        self.exceptions_page.accept_finding(
            scan.account.id,
            entry.result.check_id,
            entry.result.findings,
            resource_id,
            self,
        )

    def _on_exceptions_changed(self) -> None:
        """Show newly accepted failures as excepted in the scan on screen too."""
        scan = self.scan
        if scan is None:
            return
        account_id = scan.account.id

        def shown(exceptions: list[RecordedException]) -> None:
            if self.scan is not scan:
                return
            results = apply_exceptions(scan.results, exceptions, self.services.clock())
            self.scan = dataclasses.replace(
                scan, results=results, score=compute_score(results, self._catalogue)
            )
            self.checkup_page.scan_finished(self.scan, self.previous)
            self.findings_page.scan_finished(self.scan)

        self.tasks.run(
            self.services.history.call(lambda store: store.exceptions(account_id)),
            shown,
            self._history_unavailable,
        )

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
            self.show_message(self.tr("Run a checkup first; then export its report."))
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
            self.show_message(self.tr("Report saved to {path}").format(path=written))

    # Closing: the tray keeps a scan going; quitting asks first

    def bring_back(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        """Quit the app (Ctrl+Q, the tray's Quit): asks first while a scan runs."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.controller.running or self._stop_confirmed:
            self._close(event)
            return
        if not self._quitting and self.tray.available:
            event.ignore()
            self.hide()
            self.tray.show()
            self.tray.tell_once_about_background()
            return
        event.ignore()
        self._quitting = False
        self._ask_before_quitting()

    def _ask_before_quitting(self) -> None:
        self.quit_box = ask(
            self,
            "confirmQuit",
            self.tr("Stop the checkup and quit?"),
            self.tr(
                "A checkup is still running. Quitting stops it; what it has finished "
                "is kept, and it can be resumed the next time the app starts."
            ),
            self.tr("Stop and quit"),
            self._stop_and_quit,
        )

    def _stop_and_quit(self) -> None:
        # The scan's record stays "interrupted" (not "cancelled") so that it is
        # offered for resuming on the next start.
        self.controller.detach_observer()
        self.controller.cancel()
        self._stop_confirmed = True
        self.close()

    async def shutdown(self, timeout: float = 5.0) -> None:
        """After closing: stop the scan and let the history finish writing, bounded."""
        await self.controller.shutdown(timeout)
        run = self._run
        if run is not None and run.recorder is not None:
            await run.recorder.drain(timeout)
        for runner in self._cancelled_runners:
            await runner.wait(timeout)

    def _close(self, event: QCloseEvent) -> None:
        self._closed = True
        self.tray.hide()
        # The window's background work and every page's; kept, for ``shutdown`` to
        # wait for, since the window itself may be deleted by then.
        self._cancelled_runners = self.findChildren(TaskRunner)
        for runner in self._cancelled_runners:
            runner.cancel_all()
        super().closeEvent(event)
        self.closed.emit()


def _billable(target: Any) -> bool:
    """Whether Security Center may bill AI scans of ``target``: a sandbox never."""
    return not isinstance(target, SandboxTarget)


def _account_of(store: Any, target_name: str) -> str | None:
    """The account id the latest recorded scan of this picker entry found."""
    for summary in store.scans():
        if summary.target == target_name and summary.account_id:
            return summary.account_id
    return None


def _resume_of(plan: ResumePlan | None, started: Any) -> Resume | None:
    """The engine's resume of a stored plan; the continuation is a new scan."""
    if plan is None:
        return None
    return Resume(uuid.uuid4().hex, started, tuple(plan.completed))
