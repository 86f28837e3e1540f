"""Accepted risks: the "Accept as exception" dialog and the Exceptions page.

An exception covers one resource, the resources with a tag, or a whole item of one
account; it needs a written reason and may expire. The store keeps them.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.exceptions import (
    InvalidException,
    RecordedException,
    new_exception,
    parse_tag,
)
from cloud_checkup.checks.base import Check, Finding, Status

from . import presentation
from .models import AnyIndex, RowsModel
from .services import History
from .tasks import TaskRunner
from .widgets import align_headers_with_cells, ask, heading, mute, show_error, tint

log = logging.getLogger(__name__)

EXCEPTION_ROLE = Qt.ItemDataRole.UserRole + 1


class Scope(enum.Enum):
    RESOURCE = "resource"
    TAG = "tag"
    ITEM = "item"


ISO_DATE = "yyyy-MM-dd"


class ExceptionDialog(QDialog):
    """Accept a failure as an exception: what it covers, why, and until when.

    Signals:
        saveRequested(object): the ``RecordedException`` to store (new or edited).
    """

    saveRequested = Signal(object)  # noqa: N815 - Qt signal naming

    def __init__(
        self,
        account_id: str,
        check_id: str,
        title: str,
        findings: Sequence[Finding],
        *,
        resource_id: str | None = None,
        existing: RecordedException | None = None,
        clock: Callable[[], datetime],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._account_id = account_id
        self._check_id = check_id
        self._clock = clock
        self.existing = existing
        self.setWindowTitle(self.tr("Accept as exception"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Accepted failures of <b>{title}</b> show as excepted and no longer "
                "count against the score, in this and later checkups."
            ).format(title=title),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._build_scope(findings, resource_id))
        layout.addWidget(QLabel(self.tr("Reason (required):"), self))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("exceptionReason")
        self.reason.setPlaceholderText(
            self.tr("for example: staging account, no customer data; owner: Li Wei")
        )
        self.reason.setFixedHeight(80)
        layout.addWidget(self.reason)
        layout.addLayout(self._build_expiry())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        tint(self.message, presentation.STATUS_COLOURS[Status.FAIL])
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Accept"))
        self.save_button.clicked.connect(self._request_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(existing)

    def _build_scope(
        self, findings: Sequence[Finding], resource_id: str | None
    ) -> QVBoxLayout:
        column = QVBoxLayout()
        self.scope_group = QButtonGroup(self)
        self.resource_choice = QRadioButton(self.tr("Only this resource:"), self)
        self.resource = QComboBox(self)
        self.resource.setObjectName("exceptionResource")
        failing = [f for f in findings if f.status in (Status.FAIL, Status.EXCEPTED)]
        for finding in failing:
            label = finding.resource_id + (f" ({finding.name})" if finding.name else "")
            self.resource.addItem(label, finding.resource_id)
        if resource_id is not None:
            self.resource.setCurrentIndex(max(0, self.resource.findData(resource_id)))
        self.tag_choice = QRadioButton(self.tr("Resources with the tag:"), self)
        self.tag = QComboBox(self)
        self.tag.setObjectName("exceptionTag")
        self.tag.setEditable(True)
        self.tag.lineEdit().setPlaceholderText("env=staging")
        tags = dict.fromkeys(f"{k}={v}" for f in failing for k, v in f.tags)
        self.tag.addItems(list(tags))
        self.item_choice = QRadioButton(self.tr("The whole item (every resource)"))
        for scope, button, editor in (
            (Scope.RESOURCE, self.resource_choice, self.resource),
            (Scope.TAG, self.tag_choice, self.tag),
            (Scope.ITEM, self.item_choice, None),
        ):
            button.setProperty("scope", scope.value)
            self.scope_group.addButton(button)
            row = QHBoxLayout()
            row.addWidget(button)
            if editor is not None:
                row.addWidget(editor, 1)
            column.addLayout(row)
        self.resource_choice.setEnabled(bool(failing))
        self.resource.setEnabled(bool(failing))
        (self.resource_choice if failing else self.item_choice).setChecked(True)
        return column

    def _build_expiry(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.expires = QCheckBox(self.tr("Expires after"), self)
        self.expiry_date = QDateEdit(self)
        # ISO, as the exceptions table shows it: "4 03 2027" reads either way round.
        self.expiry_date.setDisplayFormat(ISO_DATE)
        self.expiry_date.setCalendarPopup(True)
        today = self._clock().astimezone().date()
        self.expiry_date.setDate(QDate(today.year, today.month, today.day).addMonths(3))
        self.expiry_date.setEnabled(False)
        self.expires.toggled.connect(self.expiry_date.setEnabled)
        row.addWidget(self.expires)
        row.addWidget(self.expiry_date)
        row.addStretch(1)
        return row

    def _fill(self, existing: RecordedException | None) -> None:
        if existing is None:
            return
        self.reason.setPlainText(existing.reason)
        if existing.resource_id is not None:
            if self.resource.findData(existing.resource_id) < 0:
                self.resource.addItem(existing.resource_id, existing.resource_id)
            self.resource.setCurrentIndex(self.resource.findData(existing.resource_id))
            self.resource_choice.setEnabled(True)
            self.resource.setEnabled(True)
            self.resource_choice.setChecked(True)
        elif existing.tag is not None:
            self.tag.setCurrentText(f"{existing.tag[0]}={existing.tag[1]}")
            self.tag_choice.setChecked(True)
        else:
            self.item_choice.setChecked(True)
        if existing.expires_on is not None:
            day = existing.expires_on
            self.expires.setChecked(True)
            self.expiry_date.setDate(QDate(day.year, day.month, day.day))

    def scope(self) -> Scope:
        return Scope(self.scope_group.checkedButton().property("scope"))

    def entered(self) -> RecordedException:
        """The exception as entered.

        Raises:
            InvalidException: no reason, or a malformed tag.
        """
        scope = self.scope()
        resource_id = self.resource.currentData() if scope is Scope.RESOURCE else None
        tag = parse_tag(self.tag.currentText()) if scope is Scope.TAG else None
        expires_on = None
        if self.expires.isChecked():
            chosen = self.expiry_date.date()
            expires_on = date(chosen.year(), chosen.month(), chosen.day())
        created = new_exception(
            self._account_id,
            self._check_id,
            self.reason.toPlainText(),
            now=self._clock(),
            resource_id=resource_id,
            tag=tag,
            expires_on=expires_on,
        )
        if self.existing is None:
            return created
        # An edit keeps who accepted the risk first and when.
        return dataclasses.replace(
            created,
            created_by=self.existing.created_by,
            created_at=self.existing.created_at,
        )

    def _request_save(self) -> None:
        try:
            exception = self.entered()
        except InvalidException as error:
            self.message.setText(str(error))
            return
        self.saveRequested.emit(exception)


class ExceptionsColumn(enum.IntEnum):
    ITEM = 0
    COVERS = 1
    REASON = 2
    AUTHOR = 3
    CREATED = 4
    EXPIRES = 5
    ACCOUNT = 6


class ExceptionsModel(RowsModel):
    """The recorded exceptions, with what they cover, why, who, when, until when."""

    columns = ExceptionsColumn

    def __init__(
        self,
        catalogue: Mapping[str, Check],
        clock: Callable[[], datetime],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._clock = clock

    def set_exceptions(self, exceptions: Sequence[RecordedException]) -> None:
        self._set_rows(list(exceptions))

    def exception(self, row: int) -> RecordedException:
        return self._rows[row]

    def headers(self) -> dict[enum.IntEnum, str]:
        return {
            ExceptionsColumn.ITEM: self.tr("Item"),
            ExceptionsColumn.COVERS: self.tr("Covers"),
            ExceptionsColumn.REASON: self.tr("Reason"),
            ExceptionsColumn.AUTHOR: self.tr("Accepted by"),
            ExceptionsColumn.CREATED: self.tr("On"),
            ExceptionsColumn.EXPIRES: self.tr("Expires"),
            ExceptionsColumn.ACCOUNT: self.tr("Account"),
        }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        exception = self._row_at(index)
        if exception is None:
            return None
        column = ExceptionsColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(exception, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (
            ExceptionsColumn.REASON,
            ExceptionsColumn.ITEM,
        ):
            return self._display(exception, column)
        if role == Qt.ItemDataRole.DecorationRole and column is ExceptionsColumn.ITEM:
            return presentation.status_icon(Status.EXCEPTED)
        if role == EXCEPTION_ROLE:
            return exception
        return None

    def _display(self, exception: RecordedException, column: ExceptionsColumn) -> str:
        if column is ExceptionsColumn.ITEM:
            item = self._catalogue.get(exception.check_id)
            return item.title if item else exception.check_id
        if column is ExceptionsColumn.COVERS:
            return exception.scope
        if column is ExceptionsColumn.REASON:
            return exception.reason
        if column is ExceptionsColumn.AUTHOR:
            return exception.created_by
        if column is ExceptionsColumn.CREATED:
            return f"{exception.created_at.astimezone():%Y-%m-%d}"
        if column is ExceptionsColumn.ACCOUNT:
            return exception.account_id
        if exception.expires_on is None:
            return self.tr("never")
        text = exception.expires_on.isoformat()
        if not exception.active(self._clock()):
            text = self.tr("{day} (expired)").format(day=text)
        return text


class ExceptionsPage(QWidget):
    """Every accepted risk, with edit and remove.

    Signals:
        exceptionsChanged(): an exception was added, edited or removed.
    """

    exceptionsChanged = Signal()  # noqa: N815 - Qt signal naming

    def __init__(
        self,
        history: History,
        catalogue: Mapping[str, Check],
        clock: Callable[[], datetime],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._catalogue = catalogue
        self._clock = clock
        self.tasks = TaskRunner(self)
        self.dialog: ExceptionDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Exceptions"), parent=self))
        intro = mute(
            QLabel(
                self.tr(
                    "Risks accepted with a reason. Add one from a failing item's "
                    'detail on the Findings page ("Accept as exception…").'
                ),
                self,
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addStretch(1)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.edit_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        layout.addWidget(self._build_table(), 1)
        self._update_buttons()

    def _build_table(self) -> QTableView:
        self.model = ExceptionsModel(self._catalogue, self._clock, self)
        view = QTableView(self)
        view.setObjectName("exceptionsView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        align_headers_with_cells(view)
        header = view.horizontalHeader()
        for column in ExceptionsColumn:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            ExceptionsColumn.REASON, QHeaderView.ResizeMode.Stretch
        )
        view.selectionModel().selectionChanged.connect(self._update_buttons)
        view.doubleClicked.connect(lambda _: self.edit_selected())
        self.table = view
        return view

    def reload(self) -> None:
        self.tasks.run(
            self._history.call(lambda store: store.exceptions()),
            self._show,
            self._show_failure,
        )

    def _show(self, exceptions: list[RecordedException]) -> None:
        self.model.set_exceptions(exceptions)
        self._update_buttons()

    def selected(self) -> RecordedException | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(EXCEPTION_ROLE) if rows else None

    def _update_buttons(self, *_: Any) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # Adding (from the findings) and editing

    def accept_finding(
        self,
        account_id: str,
        check_id: str,
        findings: Sequence[Finding],
        resource_id: str | None,
        parent: QWidget,
    ) -> ExceptionDialog:
        """Open the dialog for a failing item of the shown scan."""
        item = self._catalogue.get(check_id)
        dialog = ExceptionDialog(
            account_id,
            check_id,
            item.title if item else check_id,
            findings,
            resource_id=resource_id,
            clock=self._clock,
            parent=parent,
        )
        return self._open(dialog)

    def edit_selected(self) -> None:
        existing = self.selected()
        if existing is None:
            return
        item = self._catalogue.get(existing.check_id)
        dialog = ExceptionDialog(
            existing.account_id,
            existing.check_id,
            item.title if item else existing.check_id,
            [],
            existing=existing,
            clock=self._clock,
            parent=self,
        )
        self._open(dialog)

    def _open(self, dialog: ExceptionDialog) -> ExceptionDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saveRequested.connect(lambda e: self._save(dialog, e))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, dialog: ExceptionDialog, exception: RecordedException) -> None:
        replaced = dialog.existing

        def store_it(store: Any) -> RecordedException:
            # The store has no update: an edit is the new one in place of the old.
            saved = store.add_exception(exception)
            if replaced is not None and replaced.id is not None:
                store.remove_exception(replaced.id)
            return saved

        def saved(_: RecordedException) -> None:
            dialog.accept()
            self.reload()
            self.exceptionsChanged.emit()

        dialog.save_button.setEnabled(False)
        self.tasks.run(
            self._history.call(store_it),
            saved,
            lambda error: self._save_failed(dialog, error),
        )

    def _save_failed(self, dialog: ExceptionDialog, error: Exception) -> None:
        log.warning("the exception could not be saved: %s", error)
        dialog.save_button.setEnabled(True)
        dialog.message.setText(
            self.tr("The exception could not be saved: {why}").format(why=error)
        )

    # Removing

    def remove_selected(self) -> None:
        exception = self.selected()
        if exception is None or exception.id is None:
            return
        exception_id = exception.id
        ask(
            self,
            "confirmRemoveException",
            self.tr("Remove the exception?"),
            self.tr(
                "Remove the exception for {scope} of {item}? From the next checkup "
                "its failures count against the score again."
            ).format(
                scope=exception.scope,
                item=self.model.data(self.table.selectionModel().selectedRows()[0]),
            ),
            self.tr("Remove"),
            lambda: self._remove(exception_id),
        )

    def _remove(self, exception_id: int) -> None:
        def removed(_: bool) -> None:
            self.reload()
            self.exceptionsChanged.emit()

        self.tasks.run(
            self._history.call(lambda store: store.remove_exception(exception_id)),
            removed,
            self._show_failure,
        )

    def _show_failure(self, error: Exception) -> None:
        log.warning("the exceptions could not be read or changed: %s", error)
        show_error(self, self.tr("Exceptions"), str(error))
