"""The Findings page: every item of the scan in a filterable table, with its detail."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
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
from .widgets import mute


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


class FindingsPage(QWidget):
    """Filters above a findings table, and the selected item's detail beside it."""

    def __init__(self, catalogue: Mapping[str, Check], parent: Any = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(catalogue, self)
        self.proxy = FindingsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(self._build_filters())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_table(splitter))
        self.detail = DetailPane(splitter)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.splitter = splitter

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
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_shown)

    def _build_table(self, parent: QWidget) -> QTableView:
        view = QTableView(parent)
        view.setObjectName("findingsView")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(FindingsColumn.STATUS, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(FindingsColumn.ITEM, QHeaderView.ResizeMode.Stretch)
        for column in list(FindingsColumn)[1:]:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table = view
        return view

    def scan_started(self) -> None:
        self.model.clear()
        self.detail.show_entry(None)

    def item_finished(self, result: ItemResult) -> None:
        self.model.add_result(result)

    def scan_finished(self, scan: ScanResult) -> None:
        selected = self.selected_check_id()
        self.model.set_results(scan.results)
        if selected:
            self.select_check(selected)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_check_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ENTRY_ROLE).result.check_id

    def select_check(self, check_id: str) -> bool:
        """Select the row of ``check_id``, clearing filters that hide it."""
        row = self._proxy_row(check_id)
        if row is None:
            self.clear_filters()
            row = self._proxy_row(check_id)
        if row is None:
            return False
        self.table.selectRow(row)
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
        rows = self.table.selectionModel().selectedRows()
        index: QModelIndex | None = rows[0] if rows else None
        self.detail.show_entry(index.data(ENTRY_ROLE) if index else None)

    def _update_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = self.tr("{shown} of {total} items").format(shown=shown, total=total)
        self.shown_label.setText(text if total else "")
