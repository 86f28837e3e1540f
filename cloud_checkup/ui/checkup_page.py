"""The Checkup page: the health score, a progress row per category and the Top 10."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.events import CategoryProgress, ScanStarted
from cloud_checkup.app.model import ScanResult
from cloud_checkup.app.score import INCOMPLETE
from cloud_checkup.checks.base import Category, Check, Package, Severity, Status

from . import presentation
from .ai_panel import AiPackagePanel
from .models import Top10Column, Top10Model
from .widgets import Badge, align_headers_with_cells, heading, mute, set_font, tint


def _tr(text: str) -> str:
    return QCoreApplication.translate("CategoryPanel", text)


def _items_text(done: int, total: int) -> str:
    if total == 1:
        return _tr("{done}/{total} item").format(done=done, total=total)
    return _tr("{done}/{total} items").format(done=done, total=total)


def snapshot_text(scan: ScanResult, deleted: bool = False) -> str:
    """The banner over an opened older scan: when it was taken, and what that means.

    ``deleted``: the scan was deleted from the history while shown; it stays on
    screen until another is shown, but only here.
    """
    started = scan.started_at.astimezone()
    text = (
        "Deleted from the history: the scan of {account} taken {when} is shown until "
        "you open another, and is no longer saved (export it now to keep it)."
        if deleted
        else "Snapshot of {account} taken {when}: these results describe the account "
        "as it was then, not as it is now."
    )
    return QCoreApplication.translate("Snapshot", text).format(
        account=scan.account.alias or scan.account.id,
        when=f"{started:%Y-%m-%d %H:%M}",
    )


class ScorePanel(QFrame):
    """The health score, its tier and how it compares with the previous scan."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = mute(QLabel(self.tr("Health score"), self))
        self.value_label = QLabel(self)
        self.value_label.setObjectName("scoreValue")
        set_font(self.value_label, scale=2.6, bold=True)
        self.tier_label = QLabel(self)
        self.tier_label.setObjectName("scoreTier")
        self._tier_font = QFont(self.tier_label.font())
        self.note_label = mute(QLabel(self))
        self.note_label.setObjectName("scoreNote")
        self.note_label.setWordWrap(True)
        text_column = QVBoxLayout()
        text_column.addWidget(self.tier_label)
        text_column.addWidget(self.note_label)
        layout.addWidget(caption, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addSpacing(8)
        layout.addWidget(self.value_label)
        layout.addSpacing(8)
        layout.addLayout(text_column, 1)
        self.show_idle()

    def show_idle(self) -> None:
        self._show_placeholder(
            self.tr("No checkup yet – press Start"),
            self.tr(
                "The checkup only reads the account's settings; it changes nothing."
            ),
        )

    def show_scanning(self) -> None:
        self._show_placeholder(
            self.tr("Scanning…"), self.tr("The score appears when the scan ends.")
        )

    def show_result(self, scan: ScanResult, previous: ScanResult | None = None) -> None:
        if scan.score is None:
            self._show_placeholder(self.tr("No score"), self._note(scan, previous))
            return
        colour = presentation.tier_colour(scan.score.tier)
        self.value_label.setText(str(scan.score.value))
        self.value_label.setPalette(self.palette())
        if scan.score.tier == INCOMPLETE:
            # A score resting on a few items is no verdict: no bold ink for it.
            tint(self.value_label, colour)
        self.value_label.show()
        self.tier_label.setText(presentation.tier_text(scan.score.tier))
        self._set_tier_font(scale=1.4, bold=True)
        self.tier_label.setPalette(self.palette())
        tint(self.tier_label, colour)
        self.note_label.setText(self._note(scan, previous))

    def _show_placeholder(self, text: str, note: str) -> None:
        """Before (or without) a score: calm words where the number goes."""
        self.value_label.hide()
        self.value_label.setText("")
        self.tier_label.setText(text)
        self._set_tier_font(scale=1.2, bold=False)
        mute(self.tier_label)
        self.note_label.setText(note)

    def _set_tier_font(self, scale: float, bold: bool) -> None:
        # From the label's first font each time: scaling the current one compounds.
        font = QFont(self._tier_font)
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        self.tier_label.setFont(font)

    def _note(self, scan: ScanResult, previous: ScanResult | None) -> str:
        lines = [self._coverage_note(scan)]
        if not scan.cancelled:
            lines.insert(0, self._change_note(scan, previous))
        return "\n".join(line for line in lines if line)

    def _coverage_note(self, scan: ScanResult) -> str:
        share = round(scan.score.coverage * 100) if scan.score else 0
        if scan.cancelled:
            return self.tr(
                "Cancelled: the score rests on the {share}% of the applicable items "
                "that finished."
            ).format(share=share)
        if scan.score is not None and scan.score.coverage < 1:
            return self.tr(
                "Based on {share}% of the applicable items; the others could not be "
                "checked (see Findings, status Not checked)."
            ).format(share=share)
        return ""

    def _change_note(self, scan: ScanResult, previous: ScanResult | None) -> str:
        if previous is None or previous.score is None or scan.score is None:
            return self.tr(
                "First checkup of this account: nothing to compare with yet."
            )
        change = scan.score.value - previous.score.value
        then = previous.started_at.astimezone()
        # A checkup earlier the same day is told by its time, an older one by its day.
        same_day = then.date() == scan.started_at.astimezone().date()
        day = f"{then:%H:%M}" if same_day else f"{then.day} {then:%b}"
        if change == 0:
            text = self.tr("Unchanged since {day}")
        else:
            text = self.tr("{change:+d} since {day}")
        return text.format(change=change, day=day)


class _CategoryRow:
    """The widgets of one category in the progress grid."""

    def __init__(
        self, category: Category, grid: QGridLayout, row: int, parent: QWidget
    ):
        self.category = category
        self._failed: dict[Severity, int] = {}
        self._done = self._total = 0
        self._visible = True
        # Short names keep the grid within the smallest window; the tooltip has all.
        self.name = QLabel(presentation.category_short_text(category), parent)
        self.name.setToolTip(presentation.category_text(category))
        self.bar = QProgressBar(parent)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(120)
        self.bar.setMaximumHeight(14)
        self.count = QLabel(parent)
        self.count.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.failures = {
            severity: Badge(presentation.severity_icon(severity), "", parent)
            for severity in Severity
        }
        self.clean = mute(QLabel(parent))
        self.score = QLabel(parent)
        self.score.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        set_font(self.score, bold=True)
        failures = QHBoxLayout()
        failures.setSpacing(12)
        for badge in self.failures.values():
            failures.addWidget(badge)
        failures.addWidget(self.clean)
        failures.addStretch(1)
        grid.addWidget(self.name, row, 0)
        grid.addWidget(self.bar, row, 1)
        grid.addWidget(self.count, row, 2)
        grid.addLayout(failures, row, 3)
        grid.addWidget(self.score, row, 4)
        self._widgets = [self.name, self.bar, self.count, self.clean, self.score]
        self._widgets += list(self.failures.values())

    def set_visible(self, visible: bool) -> None:
        self._visible = visible
        for widget in self._widgets:
            widget.setVisible(visible)
        self._show_failures(self._failed)

    def plan(self, total: int) -> None:
        self._failed = {}
        self._done, self._total = 0, total
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self.count.setText(_items_text(0, total))
        self.score.setText("")
        self.score.setToolTip("")
        self._show_failures({})
        self.clean.setText("")

    def advance(self, done: int, total: int, failed: Mapping[Severity, int]) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total) if total else 1)
        self._done, self._total = done, total
        if done >= total:
            text = _tr("{done}/{total} done").format(done=done, total=total)
        else:
            text = _items_text(done, total)
        self.count.setText(text)
        self._failed = dict(failed)
        self._show_failures(self._failed)

    def finish(self, score: int | None, cancelled: bool = False) -> None:
        unfinished = cancelled and self._done < self._total
        if unfinished:
            # A few finished items are no verdict on the category.
            self.score.setText("–")
            self.score.setToolTip(
                _tr("Not scored: the checkup was cancelled before this category ended")
            )
        elif score is None:
            self.score.setText("–")
            self.score.setToolTip(_tr("No item of this category could be scored"))
        else:
            self.score.setText(str(score))
            self.score.setToolTip(_tr("Category score out of 100"))
        if not any(self._failed.values()):
            self.clean.setText(
                _tr("No failures so far") if unfinished else _tr("No failures")
            )

    def _show_failures(self, failed: Mapping[Severity, int]) -> None:
        for severity, badge in self.failures.items():
            count = failed.get(severity, 0)
            badge.set(
                presentation.severity_icon(severity),
                _tr("{count} {severity}").format(
                    count=count,
                    severity=presentation.severity_text(severity).lower(),
                ),
            )
            badge.setVisible(self._visible and count > 0)


class CategoryPanel(QFrame):
    """A row per category: a bar that fills as items finish, and failure counts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.rows = {
            category: _CategoryRow(category, grid, index + 1, self)
            for index, category in enumerate(Category)
        }
        self._add_column_captions(grid)
        for row in self.rows.values():
            row.plan(0)

    def _add_column_captions(self, grid: QGridLayout) -> None:
        captions = (
            (0, self.tr("Category"), Qt.AlignmentFlag.AlignLeft),
            (1, self.tr("Progress"), Qt.AlignmentFlag.AlignLeft),
            (2, self.tr("Items"), Qt.AlignmentFlag.AlignRight),
            (3, self.tr("Failing items"), Qt.AlignmentFlag.AlignLeft),
            (4, self.tr("Score"), Qt.AlignmentFlag.AlignRight),
        )
        for column, text, alignment in captions:
            caption = mute(QLabel(text, self))
            set_font(caption, scale=0.9)
            grid.addWidget(caption, 0, column, alignment)

    def plan(self, totals: Mapping[Category, int]) -> None:
        """Show the categories with items in ``totals`` at zero; hide the others."""
        for category, row in self.rows.items():
            row.plan(totals.get(category, 0))
            row.set_visible(totals.get(category, 0) > 0)

    def advance(self, event: CategoryProgress) -> None:
        self.rows[event.category].advance(event.done, event.total, event.failed)

    def finish(self, scan: ScanResult) -> None:
        scores = scan.score.categories if scan.score else {}
        for category, row in self.rows.items():
            row.finish(scores.get(category), scan.cancelled)


class CheckupPage(QScrollArea):
    """The dashboard: score, AI package choice, category progress and the Top 10.

    Signals:
        packagesChanged(object): the user ticked or cleared the AI package; carries
            the chosen ``frozenset[Package]``.
        top10Activated(str): the user opened a Top 10 row; carries its check id.
    """

    packagesChanged = Signal(object)  # noqa: N815 - Qt signal naming
    top10Activated = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, catalogue: Mapping[str, Check], parent: Any = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        self.snapshot_label = QLabel(content)
        self.snapshot_label.setObjectName("snapshotBanner")
        self.snapshot_label.setWordWrap(True)
        self.snapshot_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.snapshot_label.setMargin(8)
        self.snapshot_label.hide()
        layout.addWidget(self.snapshot_label)
        layout.addLayout(self._build_score_row(content))
        layout.addWidget(heading(self.tr("Categories"), parent=content))
        self.categories = CategoryPanel(content)
        self.categories.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.categories)
        layout.addWidget(heading(self.tr("Top 10 configuration risks"), parent=content))
        layout.addWidget(self._build_top10(content))
        layout.addStretch(1)
        self.setWidget(content)
        self._showing_result = False
        self.ai_checkbox.toggled.connect(self._on_packages_toggled)
        self._show_plan()

    def _build_score_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.score = ScorePanel(parent)
        ai_items = sum(1 for c in self._catalogue.values() if c.package is Package.AI)
        self.ai_panel = AiPackagePanel(ai_items, parent)
        self.ai_checkbox = self.ai_panel.checkbox
        row.addWidget(self.score, 1, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(16)
        row.addWidget(self.ai_panel, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _build_top10(self, parent: QWidget) -> QTableView:
        self.top10_model = Top10Model(self._catalogue, self)
        view = QTableView(parent)
        view.setObjectName("top10View")
        view.setModel(self.top10_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.verticalHeader().hide()
        align_headers_with_cells(view)
        header = view.horizontalHeader()
        header.setSectionResizeMode(Top10Column.RISK, QHeaderView.ResizeMode.Stretch)
        for column in (
            Top10Column.RANK,
            Top10Column.SEVERITY,
            Top10Column.STATUS,
            Top10Column.CHANGE,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        rows = max(self.top10_model.rowCount(), 1)
        row_height = view.verticalHeader().defaultSectionSize()
        frame = 2 * view.frameWidth()
        view.setFixedHeight(header.sizeHint().height() + rows * row_height + frame + 2)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.doubleClicked.connect(self._on_top10_activated)
        view.activated.connect(self._on_top10_activated)
        self.top10_view = view
        return view

    def packages(self) -> frozenset[Package]:
        chosen = {Package.STANDARD}
        if self.ai_checkbox.isChecked():
            chosen.add(Package.AI)
        return frozenset(chosen)

    def set_scanning(self, scanning: bool) -> None:
        self.ai_panel.set_scanning(scanning)

    def scan_started(self, event: ScanStarted) -> None:
        self._showing_result = False
        self.show_snapshot(None)
        self.score.show_scanning()
        self.categories.plan(event.totals)
        packages = self.packages()
        planned = {
            check_id
            for check_id, item in self._catalogue.items()
            if item.package in packages and event.totals.get(item.category)
        }
        self.top10_model.start(planned)

    def category_progress(self, event: CategoryProgress) -> None:
        self.categories.advance(event)

    def item_finished(self, result: Any) -> None:
        self.top10_model.set_result(result)

    def scan_finished(
        self, scan: ScanResult, previous: ScanResult | None = None
    ) -> None:
        self._showing_result = True
        self.score.show_result(scan, previous)
        self.categories.finish(scan)
        self.top10_model.set_results(scan.results, cancelled=scan.cancelled)
        self.top10_model.set_previous(previous.results if previous else None)

    def show_scan(
        self, scan: ScanResult, previous: ScanResult | None, snapshot: bool
    ) -> None:
        """Show a finished scan; ``snapshot``: an older scan opened from the history."""
        self.show_snapshot(scan if snapshot else None)
        totals = Counter(
            self._catalogue[r.check_id].category
            for r in scan.results
            if r.check_id in self._catalogue
        )
        self.categories.plan(totals)
        for category, total in totals.items():
            failed = Counter(
                self._catalogue[r.check_id].severity
                for r in scan.results
                if r.check_id in self._catalogue
                and self._catalogue[r.check_id].category is category
                and r.status is Status.FAIL
            )
            self.categories.advance(
                CategoryProgress(category, total, total, dict(failed))
            )
        self.scan_finished(scan, previous)

    def show_snapshot(self, scan: ScanResult | None, deleted: bool = False) -> None:
        """Say that the page shows an older scan (or a deleted one), not the account
        as it is now."""
        self.snapshot_label.setVisible(scan is not None)
        if scan is not None:
            self.snapshot_label.setText(snapshot_text(scan, deleted))

    def _show_plan(self) -> None:
        """Before a scan: the items each chosen category will run."""
        packages = self.packages()
        totals = Counter(
            item.category
            for item in self._catalogue.values()
            if item.package in packages
        )
        self.categories.plan(totals)

    def _on_packages_toggled(self) -> None:
        # A scan on screen stays there until the next one starts.
        if not self._showing_result:
            self.score.show_idle()
            self._show_plan()
        self.packagesChanged.emit(self.packages())

    def _on_top10_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.top10Activated.emit(self.top10_model.check(index.row()).id)
