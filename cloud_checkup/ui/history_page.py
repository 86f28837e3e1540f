"""The History page: every recorded scan, the score over time, opening and comparing.

The store is read off the GUI thread; the page shows what came back.
"""

from __future__ import annotations

import enum
import html
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.compare import Comparison, compare
from cloud_checkup.app.model import ScanResult
from cloud_checkup.app.store import ScanStatus, ScanSummary, ScorePoint, Store
from cloud_checkup.app.store.retention import with_rechecks
from cloud_checkup.checks.base import Check, Status

from . import presentation
from .models import AnyIndex, RowsModel
from .services import History
from .tasks import TaskRunner
from .widgets import align_headers_with_cells, ask, heading, mute, show_error

log = logging.getLogger(__name__)

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
# Room beside a column's widest cell, so that neighbouring numbers do not touch.
COLUMN_GAP = 18


class HistoryColumn(enum.IntEnum):
    DATE = 0
    ACCOUNT = 1
    SCORE = 2
    FAILING = 3
    PASSING = 4
    NOT_CHECKED = 5
    KIND = 6


# Columns of figures: right-aligned, titles included.
_NUMBERS = frozenset(
    {
        HistoryColumn.SCORE,
        HistoryColumn.FAILING,
        HistoryColumn.PASSING,
        HistoryColumn.NOT_CHECKED,
    }
)


def account_name(summary: ScanSummary) -> str:
    if summary.account_alias and summary.account_id:
        return f"{summary.account_alias} ({summary.account_id})"
    return summary.account_alias or summary.account_id or summary.target or "?"


class HistoryModel(RowsModel):
    """The recorded scans, newest first, with score and item counts."""

    columns = HistoryColumn

    def set_scans(self, scans: Sequence[ScanSummary]) -> None:
        self._set_rows(list(scans))

    def summary(self, row: int) -> ScanSummary:
        return self._rows[row]

    def summaries(self) -> list[ScanSummary]:
        return list(self._rows)

    def row_of(self, scan_id: str) -> int | None:
        ids = [s.scan_id for s in self._rows]
        return ids.index(scan_id) if scan_id in ids else None

    def headerData(  # noqa: N802 - Qt override
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        numbers = orientation == Qt.Orientation.Horizontal and section in _NUMBERS
        if role == Qt.ItemDataRole.TextAlignmentRole and numbers:
            # Over the right-aligned numbers; the view puts the others at the left.
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)

    def headers(self) -> dict[enum.IntEnum, str]:
        return {
            HistoryColumn.DATE: self.tr("Date"),
            HistoryColumn.ACCOUNT: self.tr("Account"),
            HistoryColumn.SCORE: self.tr("Score"),
            HistoryColumn.FAILING: self.tr("Failing"),
            HistoryColumn.PASSING: self.tr("Passing"),
            HistoryColumn.NOT_CHECKED: self.tr("Not checked"),
            HistoryColumn.KIND: self.tr("Scan"),
        }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self._row_at(index)
        if summary is None:
            return None
        column = HistoryColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.DecorationRole and column is HistoryColumn.FAILING:
            return presentation.status_icon(Status.FAIL)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SUMMARY_ROLE:
            return summary
        return None

    def describe(self, summary: ScanSummary) -> str:
        """``demo-shop (1790…), 2026-12-04 10:00, score 72 Fair``: which scan it is."""
        return self.tr("{account}, {when}, score {score}").format(
            account=account_name(summary),
            when=self._display(summary, HistoryColumn.DATE),
            score=self._display(summary, HistoryColumn.SCORE),
        )

    def _display(self, summary: ScanSummary, column: HistoryColumn) -> str:
        counts = summary.counts
        if column is HistoryColumn.DATE:
            return f"{summary.started_at.astimezone():%Y-%m-%d %H:%M}"
        if column is HistoryColumn.ACCOUNT:
            return account_name(summary)
        if column is HistoryColumn.SCORE:
            if summary.score is None:
                return "–"
            tier = presentation.tier_text(summary.tier or "")
            return f"{summary.score} {tier}".strip()
        if column is HistoryColumn.FAILING:
            return str(counts.get(Status.FAIL.value, 0))
        if column is HistoryColumn.PASSING:
            return str(counts.get(Status.PASS.value, 0))
        if column is HistoryColumn.NOT_CHECKED:
            return str(counts.get(Status.NOT_CHECKED.value, 0))
        return self._kind(summary)

    def _kind(self, summary: ScanSummary) -> str:
        if summary.rechecks:
            return self.tr("Re-check")
        return {
            ScanStatus.COMPLETE: self.tr("Full checkup"),
            ScanStatus.CANCELLED: self.tr("Cancelled"),
            ScanStatus.INTERRUPTED: self.tr("Interrupted"),
            ScanStatus.RUNNING: self.tr("Running"),
        }[summary.status]


class ScoreChart(QWidget):
    """The health score of one account after each full checkup, drawn with QPainter.

    QtCharts lives in PySide6-Addons; a line and some dots do not justify it.
    """

    MARGIN_LEFT = 36
    MARGIN = 14

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.points: list[ScorePoint] = []
        self.title = ""
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 180)

    def set_points(self, points: Sequence[ScorePoint], title: str = "") -> None:
        self.points = list(points)
        self.title = title
        self.update()

    def point_positions(self) -> list[QPointF]:
        """Where each score is drawn, left (oldest) to right."""
        area = self._plot_area()
        count = len(self.points)
        positions = []
        for index, point in enumerate(self.points):
            share = 0.5 if count == 1 else index / (count - 1)
            x = area.left() + share * area.width()
            y = area.bottom() - point.value / 100 * area.height()
            positions.append(QPointF(x, y))
        return positions

    def _plot_area(self) -> QRectF:
        return QRectF(
            self.MARGIN_LEFT,
            self.MARGIN + 16,
            max(10, self.width() - self.MARGIN_LEFT - self.MARGIN),
            max(10, self.height() - 2 * self.MARGIN - 32),
        )

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(text)
        painter.drawText(QPointF(self.MARGIN_LEFT, self.MARGIN + 4), self.title)
        self._draw_grid(painter, muted)
        if not self.points:
            painter.setPen(muted)
            painter.drawText(
                self._plot_area(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No full checkup of this account yet"),
            )
            painter.end()
            return
        self._draw_line(painter)
        self._draw_dates(painter, muted)
        painter.end()

    def _draw_grid(self, painter: QPainter, colour: Any) -> None:
        area = self._plot_area()
        pen = QPen(colour, 1, Qt.PenStyle.DotLine)
        for value in (0, 50, 100):
            y = area.bottom() - value / 100 * area.height()
            painter.setPen(pen)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(colour)
            painter.drawText(
                QRectF(0, y - 8, self.MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )

    def _draw_line(self, painter: QPainter) -> None:
        positions = self.point_positions()
        line_colour = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(line_colour, 2))
        path = QPainterPath(positions[0])
        for position in positions[1:]:
            path.lineTo(position)
        painter.drawPath(path)
        for point, position in zip(self.points, positions, strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(presentation.tier_colour(point.tier))
            painter.drawEllipse(position, 4.5, 4.5)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(position + QPointF(-6, -9), str(point.value))

    def _draw_dates(self, painter: QPainter, colour: Any) -> None:
        area = self._plot_area()
        painter.setPen(colour)
        positions = self.point_positions()
        shown = {0, len(self.points) - 1}
        for index in sorted(shown):
            day = self.points[index].started_at.astimezone()
            # Kept inside the widget: the first and last dates sit at its edges.
            x = min(max(positions[index].x(), 40.0), self.width() - 40.0)
            painter.drawText(
                QRectF(x - 40, area.bottom() + 4, 80, 16),
                Qt.AlignmentFlag.AlignCenter,
                f"{day.day} {day:%b}",
            )


def comparison_html(
    comparison: Comparison,
    current: ScanResult,
    previous: ScanResult,
    catalogue: Mapping[str, Check],
) -> str:
    """New, fixed and unchanged failures, per item with their resources, as HTML."""

    def title(check_id: str) -> str:
        item = catalogue.get(check_id)
        return html.escape(item.title if item else check_id)

    def when(scan: ScanResult) -> str:
        return f"{scan.started_at.astimezone():%Y-%m-%d %H:%M}"

    def tr(text: str) -> str:
        return QCoreApplication.translate("Comparison", text)

    parts = [
        "<p>"
        + html.escape(
            tr("{current} compared with {previous}.").format(
                current=when(current), previous=when(previous)
            )
        )
        + "</p>"
    ]
    if comparison.score_change is not None:
        change = tr("Score change: {change:+d}").format(change=comparison.score_change)
        parts.append(f"<p><b>{html.escape(change)}</b></p>")
    resources = comparison.resources
    sections = [
        (tr("New failures"), comparison.items.new, resources.new),
        (tr("Fixed"), comparison.items.fixed, resources.fixed),
        (tr("Unchanged failures"), comparison.items.unchanged, resources.unchanged),
        (tr("Now excepted"), comparison.items.excepted, resources.excepted),
        (
            tr("Not verified this time"),
            comparison.items.unverified,
            resources.unverified,
        ),
    ]
    if comparison.items.not_compared or resources.not_compared:
        sections.append(
            (
                tr("Failing, not checked in the earlier scan"),
                comparison.items.not_compared,
                resources.not_compared,
            )
        )
    for label, ids, changed in sections:
        counts = tr("{label} ({items}, {resources})").format(
            label=label,
            items=presentation.plural(
                len(ids), tr("{count} item"), tr("{count} items")
            ),
            resources=presentation.plural(
                len(changed), tr("{count} resource"), tr("{count} resources")
            ),
        )
        parts.append(f"<h4>{html.escape(counts)}</h4>")
        if not ids and not changed:
            parts.append(f"<p>{html.escape(tr('None.'))}</p>")
            continue
        by_item: dict[str, list[str]] = {}
        for change in changed:
            by_item.setdefault(change.check_id, []).append(change.resource_id)
        rows = []
        for check_id in dict.fromkeys([*ids, *by_item]):
            listed = ", ".join(html.escape(r) for r in by_item.get(check_id, []))
            rows.append(f"<li>{title(check_id)}" + (f": {listed}" if listed else ""))
        parts.append("<ul>" + "".join(rows) + "</ul>")
    return "".join(parts)


class HistoryPage(QWidget):
    """Every scan of every account; open one, or compare two.

    Signals:
        openRequested(str): the user wants to see the scan with this id.
        scansDeleted(list): these scans (ids) were deleted from the history.
    """

    openRequested = Signal(str)  # noqa: N815 - Qt signal naming
    scansDeleted = Signal(list)  # noqa: N815 - Qt signal naming

    def __init__(
        self, history: History, catalogue: Mapping[str, Check], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._catalogue = catalogue
        self._compared: list[str] = []
        self.tasks = TaskRunner(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("History"), parent=self))
        layout.addLayout(self._build_toolbar())
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_table())
        lower = QSplitter(Qt.Orientation.Horizontal, splitter)
        self.chart = ScoreChart(lower)
        self.comparison = QTextBrowser(lower)
        self.comparison.setObjectName("comparison")
        self.comparison.setPlaceholderText(
            self.tr(
                "Select a scan and press Compare to see what is new, fixed and "
                "unchanged since the previous checkup, or select two scans."
            )
        )
        lower.addWidget(self.chart)
        lower.addWidget(self.comparison)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.empty_label = mute(
            QLabel(self.tr("No checkup recorded yet: run one from the Checkup page."))
        )
        layout.addWidget(self.empty_label)
        self._update_buttons()

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.account_filter = QComboBox(self)
        self.account_filter.setObjectName("historyAccount")
        self.account_filter.addItem(self.tr("All accounts"), None)
        self.account_filter.currentIndexChanged.connect(self._on_account_chosen)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.compare_button = QPushButton(self.tr("Compare"), self)
        self.compare_button.setToolTip(
            self.tr(
                "One scan selected: compare it with the account's previous checkup. "
                "Two selected: compare them."
            )
        )
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        self.delete_button.setToolTip(
            self.tr("Delete the selected scans from this computer")
        )
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(mute(QLabel(self.tr("Account:"), self)))
        row.addWidget(self.account_filter)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.compare_button)
        row.addSpacing(12)
        row.addWidget(self.delete_button)
        return row

    def _build_table(self) -> QTableView:
        self.model = HistoryModel(self)
        view = QTableView(self)
        view.setObjectName("historyView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.verticalHeader().hide()
        align_headers_with_cells(view)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        view.doubleClicked.connect(lambda _: self.open_selected())
        self.table = view
        return view

    # Loading

    def reload(self) -> None:
        """Read the scans of the chosen account (or all) from the store."""
        account_id = self.account_filter.currentData()
        self.tasks.run(
            self._history.call(lambda store: store.scans()),
            lambda scans: self._show_scans(scans, account_id),
            self._show_failure,
        )

    def _show_scans(self, scans: list[ScanSummary], account_id: str | None) -> None:
        self._fill_accounts(scans)
        shown = [s for s in scans if account_id is None or s.account_id == account_id]
        self.model.set_scans(shown)
        self._fit_columns()
        self.empty_label.setVisible(not scans)
        self._update_buttons()
        self._show_chart()

    def _fit_columns(self) -> None:
        """Each column as wide as its contents and a gap; the last takes the rest."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in list(HistoryColumn)[:-1]:
            header.resizeSection(column, header.sectionSize(column) + COLUMN_GAP)

    def _fill_accounts(self, scans: list[ScanSummary]) -> None:
        """The filter lists the accounts that have scans (all of them deleted: gone)."""
        names = {s.account_id: account_name(s) for s in scans if s.account_id}
        chooser = self.account_filter
        chooser.blockSignals(True)
        for index in reversed(range(1, chooser.count())):
            if chooser.itemData(index) not in names:
                chooser.removeItem(index)
        listed = {chooser.itemData(i) for i in range(1, chooser.count())}
        for account_id, name in names.items():
            if account_id not in listed:
                chooser.addItem(name, account_id)
        chooser.blockSignals(False)

    def _on_account_chosen(self) -> None:
        self.reload()

    def selected(self) -> list[ScanSummary]:
        rows = sorted(r.row() for r in self.table.selectionModel().selectedRows())
        return [self.model.summary(row) for row in rows]

    def select(self, scan_id: str) -> None:
        row = self.model.row_of(scan_id)
        if row is not None:
            self.table.selectRow(row)

    def _on_selection_changed(self, *_: Any) -> None:
        self._update_buttons()
        self._show_chart()

    def _update_buttons(self) -> None:
        chosen = len(self.selected())
        self.open_button.setEnabled(chosen == 1)
        self.compare_button.setEnabled(chosen in (1, 2))
        self.delete_button.setEnabled(chosen > 0)

    # The chart

    def _chart_account(self) -> str | None:
        chosen = self.selected()
        if chosen and chosen[0].account_id:
            return chosen[0].account_id
        account_id = self.account_filter.currentData()
        if account_id is not None:
            return account_id
        summaries = self.model.summaries()
        return summaries[0].account_id if summaries else None

    def _show_chart(self) -> None:
        account_id = self._chart_account()
        if account_id is None:
            self.chart.set_points([], "")
            return
        names = {s.account_id: account_name(s) for s in self.model.summaries()}
        title = self.tr("Health score of {account}").format(
            account=names.get(account_id, account_id)
        )
        self.tasks.run(
            self._history.call(lambda store: store.score_history(account_id)),
            lambda points: self.chart.set_points(points, title),
            self._show_failure,
        )

    # Open and compare

    def open_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.openRequested.emit(chosen[0].scan_id)

    def compare_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) not in (1, 2):
            return
        self._compare([s.scan_id for s in chosen])

    def _compare(self, ids: list[str]) -> None:
        self._compared = ids
        self.comparison.setPlainText(self.tr("Comparing…"))
        self.tasks.run(
            self._history.call(lambda store: _load_pair(store, ids)),
            self._show_comparison,
            self._show_failure,
        )

    def _show_comparison(self, pair: tuple[ScanResult, ScanResult | None]) -> None:
        current, previous = pair
        if previous is None:
            self.comparison.setPlainText(
                self.tr(
                    "This is the account's first full checkup: there is nothing "
                    "earlier to compare it with."
                )
            )
            return
        self.last_comparison = compare(current, previous)
        self.comparison.setHtml(
            comparison_html(self.last_comparison, current, previous, self._catalogue)
        )

    # Delete

    def delete_selected(self) -> None:
        """Ask, naming each scan that would go (re-checks of them too), then delete."""
        chosen = [s.scan_id for s in self.selected()]
        if not chosen:
            return
        going = with_rechecks(chosen, self.model.summaries())
        self.delete_box = ask(
            self,
            "confirmDelete",
            self.tr("Delete scans"),
            self._deletion_text(going, len(chosen)),
            self.tr("Delete"),
            lambda: self._delete(chosen),
            icon=QMessageBox.Icon.Warning,
            role=QMessageBox.ButtonRole.DestructiveRole,
        )

    def _deletion_text(self, going: list[ScanSummary], chosen: int) -> str:
        lines = [
            presentation.plural(
                len(going),
                self.tr("Delete this scan from this computer?"),
                self.tr("Delete these {count} scans from this computer?"),
            )
        ]
        lines += [f"• {self.model.describe(summary)}" for summary in going]
        if len(going) > chosen:
            lines.append(self.tr("Re-checks of a deleted scan go with it."))
        lines.append(
            self.tr(
                "Their results and findings are deleted; exceptions stay. This "
                "cannot be undone."
            )
        )
        return "\n".join(lines)

    def _delete(self, scan_ids: list[str]) -> None:
        self.tasks.run(
            self._history.call(lambda store: _delete_all(store, scan_ids)),
            self._after_deleting,
            lambda error: show_error(
                self, self.tr("The scans were not deleted"), str(error)
            ),
        )

    def _after_deleting(self, deleted: list[str]) -> None:
        """Refresh the list and chart; the open comparison is re-run or cleared."""
        self.reload()
        if set(self._compared) & set(deleted):
            self._compared = []
            self.comparison.setPlainText(
                self.tr("The scans compared here were deleted.")
            )
        elif self._compared:  # its "previous checkup" may have been deleted
            self._compare(self._compared)
        self.scansDeleted.emit(deleted)

    def _show_failure(self, error: Exception) -> None:
        log.warning("the history could not be read: %s", error)
        show_error(self, self.tr("The history could not be read"), str(error))


def _delete_all(store: Store, scan_ids: list[str]) -> list[str]:
    """Delete each scan (a re-check among them may already have gone with its scan)."""
    deleted: list[str] = []
    for scan_id in scan_ids:
        if scan_id not in deleted:
            deleted += [s.scan_id for s in store.delete_scan(scan_id)]
    return deleted


def _load_pair(store: Any, ids: list[str]) -> tuple[ScanResult, ScanResult | None]:
    """The newer scan and the one to compare it with (the other, or the previous)."""
    scans = sorted((store.load_scan(i) for i in ids), key=lambda s: s.started_at)
    if len(scans) == 2:
        return scans[1], scans[0]
    return scans[0], store.previous_scan(scans[0])
