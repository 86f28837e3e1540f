"""The Findings page: every item of the scan in a filterable table, with its detail."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.model import ItemResult, ScanResult
from cloud_checkup.checks.base import Category, Check, Severity, Status

from . import presentation
from .detail_pane import DetailPane
from .models import (
    ENTRY_ROLE,
    FindingsColumn,
    FindingsFilterProxy,
    FindingsModel,
)
from .widgets import align_headers_with_cells, heading, mute


def _filter_box(
    parent: QWidget, everything: str, choices: list[tuple[str, Any]]
) -> QComboBox:
    box = QComboBox(parent)
    box.addItem(everything, None)
    for text, value in choices:
        box.addItem(text, value)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


def _chosen(box: QComboBox, kind: type[enum.Enum]) -> Any:
    # Qt hands a StrEnum back as a plain str; the filters compare enum members.
    data = box.currentData()
    return None if data is None else kind(data)


def _wrapped_width(metrics: QFontMetrics, text: str, lines: int) -> int:
    """The least width at which ``text`` wraps to at most ``lines`` (1 or 2) lines."""
    if lines == 1:
        return metrics.horizontalAdvance(text)
    words = text.split()
    return min(
        max(
            metrics.horizontalAdvance(" ".join(words[:split])),
            metrics.horizontalAdvance(" ".join(words[split:])),
        )
        for split in range(1, len(words) + 1)
    )


class FindingsTable(QTableView):
    """The findings table: the Item column takes the room, titles wrap.

    It never scrolls sideways: the other columns hold a known set of words, so they
    get fixed widths, one line wide when the Item column keeps ``MIN_ITEM_WIDTH``
    and two lines wide otherwise; on a narrow table titles get a third line. A
    title still too long ends in "…" and its tooltip has it whole. Nothing is
    measured per row, so a scan adding rows one by one stays cheap.
    """

    MIN_ITEM_WIDTH = 240
    TITLE_LINES = 2
    PADDING = 20
    ICON_COLUMNS = (FindingsColumn.SEVERITY, FindingsColumn.STATUS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        align_headers_with_cells(self)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._set_title_lines(self.TITLE_LINES)

    def setModel(self, model: Any) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(FindingsColumn.ITEM, QHeaderView.ResizeMode.Stretch)
        self.fit_columns()

    def _column_widths(self, lines: int) -> dict[FindingsColumn, int]:
        """Room for each column's words in ``lines`` lines, its icon and its title."""
        words = {
            FindingsColumn.SEVERITY: [presentation.severity_text(s) for s in Severity],
            FindingsColumn.STATUS: [presentation.status_text(s) for s in Status],
            FindingsColumn.RESOURCES: [
                QCoreApplication.translate(
                    "FindingsModel", "{failing} of {judged}"
                ).format(failing=999, judged=999)
            ],
            FindingsColumn.CATEGORY: [
                presentation.category_short_text(c) for c in Category
            ],
        }
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        icon = self.iconSize().width() if not self.iconSize().isEmpty() else 16
        widths = {}
        for column, texts in words.items():
            widest = max(_wrapped_width(metrics, text, lines) for text in texts)
            widest += self.PADDING + (icon if column in self.ICON_COLUMNS else 0)
            widths[column] = max(widest, header.sectionSizeHint(column))
        return widths

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give the word columns one line when the Item column keeps enough room."""
        room = self.viewport().width()
        widths = self._column_widths(lines=1)
        if room - sum(widths.values()) < self.MIN_ITEM_WIDTH:
            widths = self._column_widths(lines=2)
        header = self.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, width)
        narrow = room - sum(widths.values()) < self.MIN_ITEM_WIDTH
        self._set_title_lines(self.TITLE_LINES + 1 if narrow else self.TITLE_LINES)

    def title_lines(self) -> int:
        return self._title_lines

    def _set_title_lines(self, lines: int) -> None:
        self._title_lines = lines
        line = self.fontMetrics().lineSpacing()
        self.verticalHeader().setDefaultSectionSize(lines * line + 10)


class FindingsPage(QWidget):
    """Filters above a findings table, and the selected item's detail beside it.

    Signals:
        recheckRequested(object): re-check these items (a ``frozenset`` of check
            ids) to verify a fix.
    """

    recheckRequested = Signal(object)  # noqa: N815 - Qt signal naming

    def __init__(self, catalogue: Mapping[str, Check], parent: Any = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(catalogue, self)
        self.proxy = FindingsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        self.snapshot_label = QLabel(self)
        self.snapshot_label.setObjectName("snapshotBanner")
        self.snapshot_label.setWordWrap(True)
        self.snapshot_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.snapshot_label.setMargin(6)
        self.snapshot_label.hide()
        layout.addWidget(self.snapshot_label)
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_recheck_row())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_table(splitter))
        self.detail = DetailPane(splitter)
        splitter.addWidget(self.detail)
        # Two thirds for the table: its titles wrap badly sooner than the detail.
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([660, 330])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.views = QStackedWidget(self)
        self.views.addWidget(splitter)
        self.views.addWidget(self._build_empty_state())
        layout.addWidget(self.views, 1)
        self._connect_counts()

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("findingsSearch")
        self.search.setPlaceholderText(
            self.tr("Search items, check ids, resource ids and names (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.category_filter = _filter_box(
            self,
            self.tr("All categories"),
            [(presentation.category_short_text(c), c) for c in Category],
        )
        self.severity_filter = _filter_box(
            self,
            self.tr("All severities"),
            [(presentation.severity_text(s), s) for s in Severity],
        )
        statuses = sorted(Status, key=presentation.STATUS_ORDER.get)
        self.status_filter = _filter_box(
            self,
            self.tr("All statuses"),
            [(presentation.status_text(s), s) for s in statuses],
        )
        self.shown_label = mute(QLabel(self))
        for box, icon in (
            (self.severity_filter, presentation.severity_icon),
            (self.status_filter, presentation.status_icon),
        ):
            for index in range(1, box.count()):
                box.setItemIcon(index, icon(box.itemData(index)))
        row.addWidget(self.search, 1)
        for widget in (self.category_filter, self.severity_filter, self.status_filter):
            row.addWidget(widget)
        row.addWidget(self.shown_label)
        self._connect_filters()
        return row

    def _build_empty_state(self) -> QWidget:
        """What shows instead of an empty table: why it is empty and what to do."""
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        self.empty_title = heading("", 1.2, box)
        self.empty_text = mute(QLabel(box))
        self.empty_text.setWordWrap(True)
        self.clear_filters_button = QPushButton(self.tr("Clear filters"), box)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        for widget in (self.empty_title, self.empty_text, self.clear_filters_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.empty_state = box
        return box

    def _build_recheck_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.recheck_label = mute(QLabel(self))
        self.recheck_selected_button = QPushButton(self.tr("Re-check selected"), self)
        self.recheck_selected_button.setToolTip(
            self.tr("Run only the selected items again, to verify a fix")
        )
        self.recheck_failed_button = QPushButton(
            self.tr("Re-check all failed items"), self
        )
        self.recheck_selected_button.clicked.connect(
            lambda: self._request_recheck(self.selected_check_ids())
        )
        self.recheck_failed_button.clicked.connect(
            lambda: self._request_recheck(self.failed_check_ids())
        )
        row.addWidget(self.recheck_label, 1)
        row.addWidget(self.recheck_selected_button)
        row.addWidget(self.recheck_failed_button)
        self.set_recheck_enabled(False)
        return row

    def set_recheck_enabled(self, enabled: bool) -> None:
        """Re-checks need a finished scan to verify and no scan running."""
        self._recheck_allowed = enabled
        self._update_recheck_buttons()

    def _update_recheck_buttons(self) -> None:
        allowed = getattr(self, "_recheck_allowed", False)
        self.recheck_selected_button.setEnabled(
            allowed and bool(self.selected_check_ids())
        )
        self.recheck_failed_button.setEnabled(allowed and bool(self.failed_check_ids()))

    def selected_check_ids(self) -> frozenset[str]:
        rows = self.table.selectionModel().selectedRows()
        return frozenset(row.data(ENTRY_ROLE).result.check_id for row in rows)

    def failed_check_ids(self) -> frozenset[str]:
        return frozenset(
            entry.result.check_id
            for entry in self.model.entries()
            if entry.result.status is Status.FAIL
        )

    def _request_recheck(self, check_ids: frozenset[str]) -> None:
        if check_ids:
            self.recheckRequested.emit(check_ids)

    def show_snapshot(self, text: str | None) -> None:
        self.snapshot_label.setVisible(bool(text))
        self.snapshot_label.setText(text or "")

    def _connect_filters(self) -> None:
        self.search.textChanged.connect(self.proxy.set_search_text)
        filters = (
            (self.category_filter, Category, self.proxy.set_category),
            (self.severity_filter, Severity, self.proxy.set_severity),
            (self.status_filter, Status, self.proxy.set_status),
        )
        for box, kind, apply in filters:
            box.currentIndexChanged.connect(
                lambda _, box=box, kind=kind, apply=apply: apply(_chosen(box, kind))
            )

    def _connect_counts(self) -> None:
        """Keep the count of shown items and the empty state up to date."""
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_shown)
        self._update_shown()

    def _build_table(self, parent: QWidget) -> QTableView:
        view = FindingsTable(parent)
        view.setObjectName("findingsView")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(FindingsColumn.STATUS, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several items can be selected to re-check them; the detail shows one.
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table = view
        return view

    def scan_started(self) -> None:
        self.show_snapshot(None)
        self.model.clear()
        self.detail.show_entry(None)

    def item_finished(self, result: ItemResult) -> None:
        self.model.add_result(result)

    def scan_finished(self, scan: ScanResult) -> None:
        selected = self.selected_check_id()
        self.model.set_results(scan.results)
        if selected:
            self.select_check(selected)
        self._update_recheck_buttons()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_check_id(self) -> str | None:
        """The item the detail shows: the current row when it is selected."""
        entry = self.detail.entry
        return entry.result.check_id if entry is not None else None

    def select_check(self, check_id: str) -> bool:
        """Select the row of ``check_id``, clearing filters that hide it."""
        row = self._proxy_row(check_id)
        if row is None:
            self.clear_filters()
            row = self._proxy_row(check_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.proxy.index(row, 0),
            self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows,
        )
        self.table.scrollTo(self.proxy.index(row, 0))
        return True

    def clear_filters(self) -> None:
        self.search.clear()
        for box in (self.category_filter, self.severity_filter, self.status_filter):
            box.setCurrentIndex(0)

    def _proxy_row(self, check_id: str) -> int | None:
        for row in range(self.proxy.rowCount()):
            entry = self.proxy.index(row, 0).data(ENTRY_ROLE)
            if entry.result.check_id == check_id:
                return row
        return None

    def _on_selection_changed(self, selected: QItemSelection, _: Any) -> None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows()
        current = selection.currentIndex()
        index: QModelIndex | None = rows[0] if rows else None
        if current.isValid() and selection.isRowSelected(current.row()):
            index = current.siblingAtColumn(0)
        self.detail.show_entry(index.data(ENTRY_ROLE) if index else None)
        count = len(rows)
        self.recheck_label.setText(
            self.tr("{count} items selected").format(count=count) if count > 1 else ""
        )
        self._update_recheck_buttons()

    def _update_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 1:
            text = self.tr("{shown} of {total} item")
        else:
            text = self.tr("{shown} of {total} items")
        text = text.format(shown=shown, total=total)
        self.shown_label.setText(text if total else "")
        self._show_empty_state(shown, total)

    def _show_empty_state(self, shown: int, total: int) -> None:
        """The table when it has rows; otherwise no scan yet, or no match."""
        if shown:
            self.views.setCurrentWidget(self.splitter)
            return
        if total:
            self.empty_title.setText(self.tr("No items match"))
            self.empty_text.setText(
                self.tr("No item matches the search and the filters above.")
            )
        else:
            self.empty_title.setText(self.tr("No results yet"))
            self.empty_text.setText(
                self.tr(
                    "Choose an account at the top and press Start (Ctrl+R) to run "
                    "a checkup. Its items appear here as they finish."
                )
            )
        self.clear_filters_button.setVisible(bool(total))
        self.views.setCurrentWidget(self.empty_state)
