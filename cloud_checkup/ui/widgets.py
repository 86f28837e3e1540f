"""Small widgets and helpers shared by the pages: headings, muted text, badges."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QWidget,
)

from . import presentation


def heading(text: str, scale: float = 1.25, parent: Any = None) -> QLabel:
    label = QLabel(text, parent)
    set_font(label, scale=scale, bold=True)
    return label


def set_font(widget: QWidget, scale: float = 1.0, bold: bool = False) -> None:
    font = QFont(widget.font())
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    widget.setFont(font)


def align_headers_with_cells(view: QAbstractItemView) -> None:
    """Put column titles at the left, over the left-aligned text of their cells
    (Qt centres them); a model may still align one title otherwise."""
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )


def mute(label: QLabel) -> QLabel:
    """Draw ``label`` in the palette's secondary text colour (light or dark theme)."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText,
        palette.color(QPalette.ColorRole.PlaceholderText),
    )
    label.setPalette(palette)
    return label


def tint(label: QLabel, colour: QColor) -> QLabel:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    return label


class ElidedLabel(QLabel):
    """One line that is cut with "…" in the middle when the label is too narrow.

    For identifiers such as ``slb-backend-servers-multi-zone``: wrapped, they break
    at a hyphen and read as two words. The tooltip has the whole text.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        # Ignored: the label takes the width it is given and never widens its pane.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full_text = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full_text

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(
                self._full_text, Qt.TextElideMode.ElideMiddle, self.width()
            )
        )


class Badge(QWidget):
    """An icon beside a word, so that colour is never the only signal."""

    def __init__(self, icon: QIcon | None = None, text: str = "", parent: Any = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._icon = QLabel(self)
        self._text = QLabel(text, self)
        layout.addWidget(self._icon)
        layout.addWidget(self._text)
        self.set(icon, text)

    def set(self, icon: QIcon | None, text: str) -> None:
        self._icon.setVisible(icon is not None)
        if icon is not None:
            self._icon.setPixmap(presentation.icon_pixmap(icon))
        self._text.setText(text)

    def text(self) -> str:
        return self._text.text()


def show_error(parent: QWidget, title: str, text: str) -> QMessageBox:
    """Show ``text`` in a window-modal message box without blocking the event loop.

    ``open()`` rather than ``exec()``: a nested event loop would re-enter asyncio tasks.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setObjectName("errorMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    action: str,
    on_accept: Callable[[], None],
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
    decline: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
) -> QMessageBox:
    """Ask ``text`` in a window-modal box, opened as ``show_error`` opens one: the
    ``action`` button calls ``on_accept``; ``decline`` closes the box and nothing
    else happens. ``name`` is the box's object name, for tests."""
    box = QMessageBox(icon, title, text, decline, parent)
    box.setObjectName(name)
    box.addButton(action, role).clicked.connect(lambda: on_accept())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
