"""The Settings page: how long the history keeps scans.

The rule is saved as soon as it changes, applied after each recorded scan, and now
with "Apply now" (which asks first, saying how many scans would go).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.preferences import Preferences, PreferencesFile
from cloud_checkup.app.store import Keep, RetentionRule

from . import presentation
from .services import History
from .tasks import TaskRunner
from .widgets import ask, heading, mute, show_error

log = logging.getLogger(__name__)

DEFAULT_DAYS = 180
DEFAULT_SCANS = 20
MAXIMUM = 9999


class SettingsPage(QWidget):
    """The retention rule, saved with the app's preferences.

    Signals:
        scansDeleted(list): "Apply now" deleted these scans (ids).
    """

    scansDeleted = Signal(list)  # noqa: N815 - Qt signal naming

    def __init__(
        self, history: History, preferences: PreferencesFile, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._preferences = preferences
        self.tasks = TaskRunner(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Settings"), parent=self))
        layout.addWidget(heading(self.tr("Keeping scans"), 1.05, self))
        layout.addLayout(self._build_choices())
        note = mute(
            QLabel(
                self.tr(
                    "The rule is applied after each checkup. An account's newest scan "
                    "and latest full checkup, and a checkup that can be resumed, are "
                    "always kept. Deleting only touches this computer; exceptions "
                    "stay."
                ),
                self,
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        row = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("Apply now"), self)
        self.apply_button.clicked.connect(self.apply_now)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("retentionResult")
        row.addWidget(self.apply_button)
        row.addWidget(self.result_label, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self._show(preferences.load().retention)
        self._connect()

    def _build_choices(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)
        self.keep_all = QRadioButton(self.tr("Keep every scan"), self)
        self.keep_days = QRadioButton(self.tr("Keep scans newer than"), self)
        self.keep_last = QRadioButton(self.tr("Keep the last"), self)
        self.days = self._spin_box(DEFAULT_DAYS)
        self.scans = self._spin_box(DEFAULT_SCANS)
        self.choices = QButtonGroup(self)
        for row, (button, spin, unit) in enumerate(
            (
                (self.keep_all, None, ""),
                (self.keep_days, self.days, self.tr("days")),
                (self.keep_last, self.scans, self.tr("scans of each account")),
            )
        ):
            self.choices.addButton(button)
            grid.addWidget(button, row, 0)
            if spin is not None:
                grid.addWidget(spin, row, 1)
                grid.addWidget(QLabel(unit, self), row, 2)
        return grid

    def _spin_box(self, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(1, MAXIMUM)
        spin.setValue(value)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def _connect(self) -> None:
        self.choices.buttonToggled.connect(lambda _, checked: checked and self._save())
        self.days.valueChanged.connect(lambda _: self._save())
        self.scans.valueChanged.connect(lambda _: self._save())

    def _show(self, rule: RetentionRule) -> None:
        if rule.keep is Keep.DAYS:
            self.days.setValue(rule.count)
        elif rule.keep is Keep.LAST:
            self.scans.setValue(rule.count)
        button = {
            Keep.EVERYTHING: self.keep_all,
            Keep.DAYS: self.keep_days,
            Keep.LAST: self.keep_last,
        }[rule.keep]
        button.setChecked(True)
        self._update_spins()

    def rule(self) -> RetentionRule:
        """The rule as the page shows it."""
        if self.keep_days.isChecked():
            return RetentionRule.newer_than(self.days.value())
        if self.keep_last.isChecked():
            return RetentionRule.last(self.scans.value())
        return RetentionRule()

    def _update_spins(self) -> None:
        self.days.setEnabled(self.keep_days.isChecked())
        self.scans.setEnabled(self.keep_last.isChecked())
        self.apply_button.setEnabled(not self.keep_all.isChecked())

    def _save(self) -> None:
        self._update_spins()
        self.result_label.clear()
        try:
            self._preferences.save(Preferences(self.rule()))
        except OSError as error:
            log.warning("the preferences were not saved: %s", error)
            show_error(self, self.tr("The setting was not saved"), str(error))

    # Apply now

    def apply_now(self) -> None:
        """Count what the rule would delete; ask; then delete it."""
        rule = self.rule()
        self.tasks.run(
            self._history.call(lambda store: store.prune(rule, dry_run=True)),
            lambda going: self._confirm(rule, len(going)),
            self._failed,
        )

    def _confirm(self, rule: RetentionRule, count: int) -> None:
        if not count:
            self.result_label.setText(self.tr("No scan to delete: every one is kept."))
            return
        self.prune_box = ask(
            self,
            "confirmPrune",
            self.tr("Delete old scans"),
            presentation.plural(
                count,
                self.tr("The rule deletes {count} scan from this computer. Delete it?"),
                self.tr(
                    "The rule deletes {count} scans from this computer. Delete them?"
                ),
            ),
            self.tr("Delete"),
            lambda: self._prune(rule),
            icon=QMessageBox.Icon.Warning,
            role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def _prune(self, rule: RetentionRule) -> None:
        self.tasks.run(
            self._history.call(lambda store: store.prune(rule)),
            self._pruned,
            self._failed,
        )

    def _pruned(self, deleted: list[Any]) -> None:
        self.result_label.setText(
            presentation.plural(
                len(deleted),
                self.tr("Removed {count} scan."),
                self.tr("Removed {count} scans."),
            )
        )
        self.scansDeleted.emit([s.scan_id for s in deleted])

    def _failed(self, error: Exception) -> None:
        log.warning("the retention rule could not be applied: %s", error)
        show_error(self, self.tr("Old scans were not deleted"), str(error))
