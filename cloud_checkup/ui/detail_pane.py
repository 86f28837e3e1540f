"""The detail of one item: what is wrong, why it matters, where, and how to fix it."""

from __future__ import annotations

import html
from math import ceil
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.checks.base import Check, Status

from . import presentation
from .models import ItemEntry, ResourcesColumn, ResourcesModel
from .widgets import (
    Badge,
    ElidedLabel,
    align_headers_with_cells,
    heading,
    mute,
    set_font,
)


def _paragraph(parent: QWidget) -> QLabel:
    # Plain text: details and reasons come from the cloud and must not render as HTML.
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ResourcesTable(QTableView):
    """The resources of one item, a column each for id, name, region and detail:
    Detail takes the room and wraps, nothing scrolls sideways, and up to ten rows
    show without an inner scroll bar."""

    MAX_ROWS_SHOWN = 10
    DETAIL_SHARE = 0.45
    # Wrapped rows are measured one by one; past this many they keep one line.
    MAX_ROWS_MEASURED = 200
    # Long ids and names are cut (the row's tooltip has them whole) for Detail's room.
    COLUMN_CAPS = {ResourcesColumn.RESOURCE_ID: 190, ResourcesColumn.NAME: 140}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(True)
        # An id cut in the middle keeps its telling prefix and suffix.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        align_headers_with_cells(self)

    def setModel(self, model: Any) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            ResourcesColumn.DETAIL, QHeaderView.ResizeMode.Stretch
        )

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit()

    def fit(self) -> None:
        """Size the columns to the rows, then the table to its rows."""
        self._fit_columns()
        self._fit_height()

    def _fit_columns(self) -> None:
        """Leave Detail at least ``DETAIL_SHARE`` of the width: cap long ids and
        names, and when the other columns still want more, narrow each of them in
        proportion (their text is cut; each row's tooltip has it whole)."""
        header = self.horizontalHeader()
        wanted = {}
        for column in ResourcesColumn:
            if column is ResourcesColumn.DETAIL:
                continue
            width = max(header.sectionSizeHint(column), self.sizeHintForColumn(column))
            wanted[column] = min(width, self.COLUMN_CAPS.get(column, width))
        budget = self.viewport().width() * (1 - self.DETAIL_SHARE)
        share = min(1.0, budget / sum(wanted.values()))
        for column, width in wanted.items():
            header.resizeSection(column, int(width * share))

    def _fit_height(self) -> None:
        model = self.model()
        if model is None:
            return
        if model.rowCount() <= self.MAX_ROWS_MEASURED:
            self.resizeRowsToContents()
            least = self.verticalHeader().defaultSectionSize()
            for row in range(model.rowCount()):
                if self.rowHeight(row) < least:
                    self.setRowHeight(row, least)
        rows = min(model.rowCount(), self.MAX_ROWS_SHOWN)
        height = sum(self.rowHeight(row) for row in range(rows))
        if not rows:
            height = self.verticalHeader().defaultSectionSize()
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + height + 2 * self.frameWidth() + 2)


class CommandText(QPlainTextEdit):
    """A command shown whole: read-only monospace text as tall as its lines.

    It wraps anywhere, as a terminal does: a command's JSON arguments and ARNs are
    long words that would otherwise be cut at the pane's edge.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(self._fit_height)

    def _fit_height(self) -> None:
        """As many lines as the command wraps to at the current width."""
        lines = max(self.document().documentLayout().documentSize().height(), 1)
        margins = self.contentsMargins()
        document_margin = 2 * self.document().documentMargin()
        line = self.fontMetrics().lineSpacing()
        height = lines * line + document_margin + margins.top() + margins.bottom()
        self.setFixedHeight(ceil(height))


class DetailPane(QScrollArea):
    """Shows one findings row in full, or a hint when nothing is selected.

    Signals:
        commandCopied(str): the user copied the remediation command.
        acceptRequested(object, object): accept the shown item's failure as an
            exception; carries the ``ItemEntry`` and the selected resource id (or
            ``None``).
    """

    commandCopied = Signal(str)  # noqa: N815 - Qt signal naming
    acceptRequested = Signal(object, object)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Text wraps to the pane's width instead of scrolling sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self)
        self._layout = QVBoxLayout(content)
        self._layout.setContentsMargins(16, 8, 16, 16)
        self._layout.setSpacing(8)
        self.placeholder = mute(
            QLabel(self.tr("Select an item to see what is wrong and how to fix it."))
        )
        self.placeholder.setWordWrap(True)
        self._layout.addWidget(self.placeholder)
        self.body = QWidget(content)
        self._build_body(self.body)
        self._layout.addWidget(self.body)
        self._layout.addStretch(1)
        self.setWidget(content)
        self.entry: ItemEntry | None = None
        self.show_entry(None)

    def _build_body(self, body: QWidget) -> None:
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = _paragraph(body)
        set_font(self.title, scale=1.3, bold=True)
        layout.addWidget(self.title)
        layout.addLayout(self._build_badges(body))
        self.category = mute(_paragraph(body))
        self.category.setObjectName("category")
        layout.addWidget(self.category)
        self.check_id = mute(ElidedLabel(body))
        self.check_id.setObjectName("checkId")
        layout.addWidget(self.check_id)
        self.reason = _paragraph(body)
        self.reason.setObjectName("notCheckedReason")
        self.reason.setFrameShape(QFrame.Shape.StyledPanel)
        self.reason.setMargin(8)
        layout.addWidget(self.reason)
        self.problem = self._section(layout, body, self.tr("What is wrong"))
        self.problem.setObjectName("whatIsWrong")
        self.description = self._section(layout, body, self.tr("What it checks"))
        self.risk = self._section(layout, body, self.tr("Why it matters"))
        self.resources_heading = heading(self.tr("Affected resources"), 1.1, body)
        layout.addWidget(self.resources_heading)
        layout.addWidget(self._build_resources(body))
        accept_row = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept as exception…"), body)
        self.accept_button.setObjectName("acceptException")
        self.accept_button.setToolTip(
            self.tr(
                "Accept this failure with a written reason: for the selected "
                "resource, for resources with a tag, or for the whole item"
            )
        )
        self.accept_button.clicked.connect(self._request_accept)
        accept_row.addWidget(self.accept_button)
        accept_row.addStretch(1)
        layout.addLayout(accept_row)
        layout.addWidget(heading(self.tr("How to fix it"), 1.1, body))
        self.steps = _paragraph(body)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.steps)
        self.console_path = _paragraph(body)
        self.console_path.setObjectName("consolePath")
        layout.addWidget(self.console_path)
        self.doc_link = QLabel(body)
        self.doc_link.setObjectName("docLink")
        self.doc_link.setOpenExternalLinks(True)
        self.doc_link.setTextFormat(Qt.TextFormat.RichText)
        self.doc_link.setWordWrap(True)
        layout.addWidget(self.doc_link)
        layout.addWidget(self._build_command(body))
        self.references = self._section(layout, body, self.tr("References"))

    def _build_badges(self, body: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        self.severity = Badge(parent=body)
        self.status = Badge(parent=body)
        for widget in (self.severity, self.status):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _section(self, layout: QVBoxLayout, body: QWidget, title: str) -> QLabel:
        section_heading = heading(title, 1.1, body)
        text = _paragraph(body)
        layout.addWidget(section_heading)
        layout.addWidget(text)
        text.setProperty("heading", section_heading)
        return text

    def _build_resources(self, body: QWidget) -> QTableView:
        self.resources_model = ResourcesModel(self)
        view = ResourcesTable(body)
        view.setObjectName("resourcesView")
        view.setModel(self.resources_model)
        self.resources_view = view
        return view

    def _build_command(self, body: QWidget) -> QWidget:
        self.command_row = QWidget(body)
        row = QHBoxLayout(self.command_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.command = CommandText(self.command_row)
        self.command.setObjectName("command")
        self.copy_button = QPushButton(self.tr("Copy"), self.command_row)
        self.copy_button.setToolTip(self.tr("Copy the command to the clipboard"))
        self.copy_button.clicked.connect(self._copy_command)
        row.addWidget(self.command, 1)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        return self.command_row

    def show_entry(self, entry: ItemEntry | None) -> None:
        self.entry = entry
        self.placeholder.setVisible(entry is None)
        self.body.setVisible(entry is not None)
        if entry is None:
            self.resources_model.set_findings([])
            return
        self._show_summary(entry)
        self._show_problem(entry)
        self._show_resources(entry)
        self.accept_button.setVisible(entry.result.status is Status.FAIL)
        self._show_metadata(entry.check)
        self.verticalScrollBar().setValue(0)

    def _show_summary(self, entry: ItemEntry) -> None:
        result = entry.result
        self.title.setText(entry.title)
        self.severity.set(
            presentation.severity_icon(entry.severity) if entry.severity else None,
            self.tr("{severity} severity").format(
                severity=presentation.severity_text(entry.severity)
            ),
        )
        self.status.set(
            presentation.status_icon(result.status),
            presentation.status_text(result.status),
        )
        category = presentation.category_text(entry.category) if entry.category else ""
        self.category.setText(category)
        self.category.setVisible(bool(category))
        self.check_id.set_full_text(
            self.tr("Item {check_id}").format(check_id=result.check_id)
        )
        self.reason.setVisible(bool(result.reason))
        self.reason.setText(result.reason or "")

    def _show_resources(self, entry: ItemEntry) -> None:
        findings = entry.result.findings
        self.resources_model.set_findings(findings)
        if entry.judged:
            if entry.failing_count == 1:
                text = self.tr("Affected resources ({failing} of {judged} fails)")
            else:
                text = self.tr("Affected resources ({failing} of {judged} fail)")
            text = text.format(failing=entry.failing_count, judged=len(entry.judged))
        else:
            text = self.tr("Affected resources")
        self.resources_heading.setText(text)
        self.resources_view.setVisible(bool(findings))
        self.resources_view.fit()

    def _show_problem(self, entry: ItemEntry) -> None:
        """Say what is wrong with this account, not what the item checks."""
        text = self._problem_text(entry)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.problem.property("heading").setVisible(bool(text))

    def _problem_text(self, entry: ItemEntry) -> str:
        result = entry.result
        if result.status is Status.EXCEPTED:
            return self.tr(
                "Every failure of this item is accepted as an exception, so it no "
                "longer counts against the score."
            )
        if result.status is not Status.FAIL:
            return ""
        failed = result.failed
        if not failed:
            return self.tr("This item fails for the account as a whole.")
        # The resources themselves are in the table below, named once.
        return self.tr("{failing}, listed under Affected resources.").format(
            failing=self._failing_text(len(failed), len(entry.judged))
        )

    def _failing_text(self, failing: int, judged: int) -> str:
        """``2 of 3 resources fail``, with the verb and noun agreeing in English."""
        if judged == 1:
            text = self.tr("{failing} of {judged} resource fails")
        elif failing == 1:
            text = self.tr("{failing} of {judged} resources fails")
        else:
            text = self.tr("{failing} of {judged} resources fail")
        return text.format(failing=failing, judged=judged)

    def _show_metadata(self, check: Check | None) -> None:
        self.description.setText(check.description if check else "")
        self.risk.setText(check.risk if check else "")
        remediation = check.remediation if check else None
        steps = remediation.steps if remediation else ()
        self.steps.setText(
            "<ol style='margin-left: 0'>"
            + "".join(f"<li>{html.escape(step)}</li>" for step in steps)
            + "</ol>"
            if steps
            else ""
        )
        self.steps.setVisible(bool(steps))
        self._show_console_path(remediation.console_path if remediation else ())
        self._show_doc_link(remediation.doc_url if remediation else "")
        command = remediation.command if remediation else None
        self.command.setPlainText(command or "")
        self.command_row.setVisible(bool(command))
        references = check.references if check else ()
        self.references.setText("\n".join(references))
        self.references.setVisible(bool(references))
        self.references.property("heading").setVisible(bool(references))

    def _show_console_path(self, console_path: tuple[str, ...]) -> None:
        breadcrumb = " > ".join(console_path)
        self.console_path.setText(
            self.tr("In the console: {path}").format(path=breadcrumb)
        )
        self.console_path.setVisible(bool(console_path))

    def _show_doc_link(self, url: str) -> None:
        # A long URL does not wrap, so the link shows words and the URL its tooltip.
        # Only web pages are made clickable: a link opens outside the app.
        text = html.escape(self.tr("Open the documentation page"))
        if url.startswith(("https://", "http://")):
            text = f"<a href='{html.escape(url, quote=True)}'>{text}</a>"
        self.doc_link.setText(self.tr("Documentation: {link}").format(link=text))
        self.doc_link.setToolTip(url)
        self.doc_link.setVisible(bool(url))

    def selected_resource_id(self) -> str | None:
        rows = self.resources_view.selectionModel().selectedRows()
        return self.resources_model.finding(rows[0].row()).resource_id if rows else None

    def _request_accept(self) -> None:
        if self.entry is not None:
            self.acceptRequested.emit(self.entry, self.selected_resource_id())

    def _copy_command(self) -> None:
        command = self.command.toPlainText()
        QGuiApplication.clipboard().setText(command)
        self.commandCopied.emit(command)
