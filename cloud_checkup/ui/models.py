"""Qt item models over a scan: the findings table, its filters, resources, Top 10."""

from __future__ import annotations

import enum
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from cloud_checkup.app.compare import item_change
from cloud_checkup.app.model import ItemResult
from cloud_checkup.checks.base import Category, Check, Finding, Severity, Status

from . import presentation

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""A Python value that orders the column the way a reader expects."""

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's ``ItemEntry``."""

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class ItemEntry:
    """One row of the findings table: a scanned item with its catalogue metadata.

    ``check`` is ``None`` when the result names an item this version does not know
    (a stored scan from another version), so the row still shows what it can.
    """

    result: ItemResult
    check: Check | None

    @property
    def title(self) -> str:
        return self.check.title if self.check else self.result.check_id

    @property
    def severity(self) -> Severity | None:
        return self.check.severity if self.check else None

    @property
    def category(self) -> Category | None:
        return self.check.category if self.check else None

    @property
    def judged(self) -> list[Finding]:
        passing_or_failing = (Status.PASS, Status.FAIL)
        return [f for f in self.result.findings if f.status in passing_or_failing]

    @property
    def failing_count(self) -> int:
        return len(self.result.failed)

    def matches(self, text: str) -> bool:
        """Whether ``text`` (case-folded) occurs in the title, id or a resource."""
        haystack = [self.title, self.result.check_id]
        for finding in self.result.findings:
            haystack.append(finding.resource_id)
            if finding.name:
                haystack.append(finding.name)
        return any(text in value.casefold() for value in haystack)


def wrapped_tooltip(text: str) -> str | None:
    """``text`` as a tooltip that wraps: plain tooltips grow as wide as the text."""
    if not text:
        return None
    return f"<p style='white-space: pre-wrap'>{html.escape(text)}</p>"


def _severity_rank(severity: Severity | None) -> int:
    return severity.rank if severity else len(Severity)


class RowsModel(QAbstractTableModel):
    """A flat table: one row per object, one column per member of ``columns``.

    Subclasses set ``columns`` (an ``IntEnum``), give the columns' titles in
    ``headers()`` and replace their rows with ``_set_rows``.
    """

    columns: type[enum.IntEnum]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def headers(self) -> dict[enum.IntEnum, str]:
        raise NotImplementedError

    def _set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _row_at(self, index: AnyIndex) -> Any | None:
        """The object of ``index``'s row, or ``None`` for an index out of the table."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role != Qt.ItemDataRole.DisplayRole or section >= len(self.columns):
            return None
        return self.headers()[self.columns(section)]


class FindingsColumn(enum.IntEnum):
    ITEM = 0
    SEVERITY = 1
    STATUS = 2
    RESOURCES = 3
    CATEGORY = 4


class FindingsModel(QAbstractTableModel):
    """The items of one scan, a row each, growing as results arrive."""

    def __init__(self, catalogue: Mapping[str, Check], parent: Any = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._entries: list[ItemEntry] = []

    def set_results(self, results: Sequence[ItemResult]) -> None:
        self.beginResetModel()
        self._entries = [self._entry(result) for result in results]
        self.endResetModel()

    def add_result(self, result: ItemResult) -> None:
        row = len(self._entries)
        self.beginInsertRows(_NO_PARENT, row, row)
        self._entries.append(self._entry(result))
        self.endInsertRows()

    def clear(self) -> None:
        self.set_results([])

    def entry(self, row: int) -> ItemEntry:
        return self._entries[row]

    def entries(self) -> list[ItemEntry]:
        return list(self._entries)

    def _entry(self, result: ItemResult) -> ItemEntry:
        return ItemEntry(result, self._catalogue.get(result.check_id))

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(FindingsColumn)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(FindingsColumn):
            return None
        column = FindingsColumn(section)
        if role == Qt.ItemDataRole.ToolTipRole and column is FindingsColumn.RESOURCES:
            return self.tr("Resources affected: failing of those checked")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            FindingsColumn.ITEM: self.tr("Item"),
            FindingsColumn.SEVERITY: self.tr("Severity"),
            FindingsColumn.STATUS: self.tr("Status"),
            FindingsColumn.RESOURCES: self.tr("Resources"),
            FindingsColumn.CATEGORY: self.tr("Category"),
        }[column]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = FindingsColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == SORT_ROLE:
            return self._sort_key(entry, column)
        if role == ENTRY_ROLE:
            return entry
        return None

    def _display(self, entry: ItemEntry, column: FindingsColumn) -> str:
        if column is FindingsColumn.ITEM:
            return entry.title
        if column is FindingsColumn.SEVERITY:
            return presentation.severity_text(entry.severity)
        if column is FindingsColumn.STATUS:
            return presentation.status_text(entry.result.status)
        if column is FindingsColumn.RESOURCES:
            judged = len(entry.judged)
            if not judged:
                return ""
            return self.tr("{failing} of {judged}").format(
                failing=entry.failing_count, judged=judged
            )
        if entry.category is None:
            return ""
        return presentation.category_short_text(entry.category)

    def _decoration(self, entry: ItemEntry, column: FindingsColumn) -> Any:
        if column is FindingsColumn.SEVERITY and entry.severity:
            return presentation.severity_icon(entry.severity)
        if column is FindingsColumn.STATUS:
            return presentation.status_icon(entry.result.status)
        return None

    def _tooltip(self, entry: ItemEntry, column: FindingsColumn) -> str | None:
        if column is FindingsColumn.STATUS and entry.result.reason:
            return entry.result.reason
        if column is FindingsColumn.CATEGORY and entry.category:
            return presentation.category_text(entry.category)
        if column is FindingsColumn.ITEM:
            return f"{entry.title}\n{entry.result.check_id}"
        if column is FindingsColumn.RESOURCES and entry.judged:
            return self.tr("{failing} of {judged} checked resources fail").format(
                failing=entry.failing_count, judged=len(entry.judged)
            )
        return None

    def _sort_key(self, entry: ItemEntry, column: FindingsColumn) -> Any:
        severity = _severity_rank(entry.severity)
        status = presentation.STATUS_ORDER[entry.result.status]
        if column is FindingsColumn.ITEM:
            return (entry.title.casefold(),)
        if column is FindingsColumn.SEVERITY:
            return (severity, status, entry.title.casefold())
        if column is FindingsColumn.STATUS:
            return (status, severity, entry.title.casefold())
        if column is FindingsColumn.RESOURCES:
            return (-entry.failing_count, status, severity)
        order = list(Category)
        category = order.index(entry.category) if entry.category else len(order)
        return (category, status, severity)


class FindingsFilterProxy(QSortFilterProxyModel):
    """Filters findings by category, severity, status and a search text.

    A filter left at ``None`` (or an empty text) lets every row through.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._category: Category | None = None
        self._severity: Severity | None = None
        self._status: Status | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)

    def set_category(self, category: Category | None) -> None:
        self._refilter("_category", category)

    def set_severity(self, severity: Severity | None) -> None:
        self._refilter("_severity", severity)

    def set_status(self, status: Status | None) -> None:
        self._refilter("_status", status)

    def set_search_text(self, text: str) -> None:
        self._refilter("_text", text.strip().casefold())

    def _refilter(self, attribute: str, value: Any) -> None:
        if getattr(self, attribute) == value:
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            setattr(self, attribute, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, attribute, value)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, FindingsModel) or source_parent.isValid():
            return True
        entry = model.entry(source_row)
        if self._category is not None and entry.category is not self._category:
            return False
        if self._severity is not None and entry.severity is not self._severity:
            return False
        if self._status is not None and entry.result.status is not self._status:
            return False
        return not self._text or entry.matches(self._text)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:  # noqa: N802
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class ResourcesColumn(enum.IntEnum):
    STATUS = 0
    RESOURCE_ID = 1
    NAME = 2
    REGION = 3
    DETAIL = 4


class ResourcesModel(RowsModel):
    """The resources an item judged, failing ones first."""

    columns = ResourcesColumn

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self._set_rows(
            sorted(
                findings,
                key=lambda f: (presentation.STATUS_ORDER[f.status], f.resource_id),
            )
        )

    def finding(self, row: int) -> Finding:
        return self._rows[row]

    def headers(self) -> dict[enum.IntEnum, str]:
        return {
            ResourcesColumn.STATUS: self.tr("Status"),
            ResourcesColumn.RESOURCE_ID: self.tr("Resource ID"),
            ResourcesColumn.NAME: self.tr("Name"),
            ResourcesColumn.REGION: self.tr("Region"),
            ResourcesColumn.DETAIL: self.tr("Detail"),
        }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        finding = self._row_at(index)
        if finding is None:
            return None
        column = ResourcesColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(finding, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return wrapped_tooltip(self._summary(finding))
        if role == Qt.ItemDataRole.DecorationRole and column is ResourcesColumn.STATUS:
            return presentation.status_icon(finding.status)
        return None

    @staticmethod
    def _summary(finding: Finding) -> str:
        """The whole row, whatever columns the table has room for."""
        resource = finding.resource_id
        if finding.name and finding.name != finding.resource_id:
            resource = f"{finding.name} ({finding.resource_id})"
        lines = [resource, finding.region or "", finding.detail]
        return "\n".join(line for line in lines if line)

    @staticmethod
    def _display(finding: Finding, column: ResourcesColumn) -> str:
        if column is ResourcesColumn.STATUS:
            return presentation.status_text(finding.status)
        if column is ResourcesColumn.RESOURCE_ID:
            return finding.resource_id
        if column is ResourcesColumn.NAME:
            return finding.name or ""
        if column is ResourcesColumn.REGION:
            return finding.region or ""
        return finding.detail


class Top10Column(enum.IntEnum):
    RANK = 0
    RISK = 1
    SEVERITY = 2
    STATUS = 3
    CHANGE = 4


def status_change(now: Status | None, before: Status | None) -> str | None:
    """What happened to an item since the previous scan, or ``None`` if unknown.

    An :class:`ItemChange` value: ``new`` (failing now, not before), ``fixed``,
    ``excepted``, ``unchanged``, ``unverified`` (not checked this time) or
    ``not_compared`` (failing now, not checked then).
    """
    if now is None or before is None:
        return None
    return item_change(now, before).value


class Top10Model(QAbstractTableModel):
    """The Top 10 configuration risks in rank order, with this scan's status each."""

    def __init__(self, catalogue: Mapping[str, Check], parent: Any = None) -> None:
        super().__init__(parent)
        ranked = [item for item in catalogue.values() if item.top10 is not None]
        self._checks = sorted(ranked, key=lambda item: (item.top10, item.id))
        self._statuses: dict[str, Status] = {}
        self._scanned: set[str] | None = None
        self._cancelled = False
        self._previous: dict[str, Status] | None = None

    def set_previous(self, results: Sequence[ItemResult] | None) -> None:
        """The previous scan of the account, for the change column; ``None``: none."""
        self._previous = (
            None if results is None else {r.check_id: r.status for r in results}
        )
        self._refresh()

    def change(self, check_id: str) -> str | None:
        if self._previous is None:
            return None
        return status_change(self._statuses.get(check_id), self._previous.get(check_id))

    def start(self, planned_check_ids: set[str] | None) -> None:
        """A scan began; ``planned_check_ids`` are its items when known."""
        self._statuses = {}
        self._scanned = planned_check_ids
        self._cancelled = False
        self._previous = None
        self._refresh()

    def set_result(self, result: ItemResult) -> None:
        self._statuses[result.check_id] = result.status
        self._refresh()

    def set_results(
        self, results: Sequence[ItemResult], *, cancelled: bool = False
    ) -> None:
        """A finished scan; ``cancelled``: items without a result were not reached."""
        self._statuses = {result.check_id: result.status for result in results}
        self._scanned = set(self._statuses)
        self._cancelled = cancelled
        self._refresh()

    def check(self, row: int) -> Check:
        return self._checks[row]

    def status(self, check_id: str) -> Status | None:
        return self._statuses.get(check_id)

    def _refresh(self) -> None:
        if self._checks:
            last = self.index(len(self._checks) - 1, len(Top10Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._checks)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(Top10Column)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(Top10Column):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and section == Top10Column.RANK:
            return int(Qt.AlignmentFlag.AlignCenter)  # over the centred ranks
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Top10Column.RANK: self.tr("#"),
            Top10Column.RISK: self.tr("Configuration risk"),
            Top10Column.SEVERITY: self.tr("Severity"),
            Top10Column.STATUS: self.tr("This scan"),
            Top10Column.CHANGE: self.tr("Change"),
        }[Top10Column(section)]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._checks):
            return None
        item = self._checks[index.row()]
        column = Top10Column(index.column())
        status = self._statuses.get(item.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column, status)
        if role == Qt.ItemDataRole.DecorationRole:
            if column is Top10Column.SEVERITY:
                return presentation.severity_icon(item.severity)
            if column is Top10Column.STATUS and status is not None:
                return presentation.status_icon(status)
        if role == Qt.ItemDataRole.ToolTipRole and column is Top10Column.RISK:
            return item.risk
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Top10Column.RANK:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, item: Check, column: Top10Column, status: Status | None) -> str:
        if column is Top10Column.CHANGE:
            return self._change_text(item.id)
        if column is Top10Column.RANK:
            return str(item.top10)
        if column is Top10Column.RISK:
            return item.title
        if column is Top10Column.SEVERITY:
            return presentation.severity_text(item.severity)
        if status is not None:
            return presentation.status_text(status)
        if self._cancelled:
            return self.tr("Not reached (cancelled)")
        if self._scanned is not None and item.id not in self._scanned:
            return self.tr("Not in this scan")
        if self._scanned is not None:
            return self.tr("Waiting…")
        return self.tr("Not scanned yet")

    def _change_text(self, check_id: str) -> str:
        if self._previous is None or check_id not in self._statuses:
            return ""
        change = self.change(check_id)
        if change is None:
            return self.tr("not in the previous scan")
        return {
            "new": self.tr("new"),
            "fixed": self.tr("fixed"),
            "excepted": self.tr("excepted"),
            "unchanged": self.tr("unchanged"),
            "unverified": self.tr("not verified"),
            "not_compared": self.tr("not checked before"),
        }[change]
