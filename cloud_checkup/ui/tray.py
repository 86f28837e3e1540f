"""The tray icon: where a scan goes on when the window is closed, and its notices."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

log = logging.getLogger(__name__)

NOTICE_MS = 8000


class Tray(QObject):
    """The app's tray icon with "Show window" and "Quit", and desktop notifications.

    ``available`` is False on desktops without a system tray (and offscreen); the
    window then cannot hide in the tray and asks before a scan is stopped.

    Signals:
        showRequested(): the user wants the window back.
        quitRequested(): the user chose Quit in the tray menu.
    """

    showRequested = Signal()  # noqa: N815 - Qt signal naming
    quitRequested = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, icon: QIcon, parent: Any = None) -> None:
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip(self.tr("Cloud Health Checkup"))
        self.menu = QMenu()
        show = QAction(self.tr("Show window"), self.menu)
        quit_ = QAction(self.tr("Quit"), self.menu)
        show.triggered.connect(self.showRequested)
        quit_.triggered.connect(self.quitRequested)
        self.menu.addAction(show)
        self.menu.addAction(quit_)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self.showRequested)
        self.told_about_background = False
        self.messages: list[tuple[str, str]] = []

    def show(self) -> None:
        if self.available:
            self.icon.show()

    def notify(self, title: str, text: str) -> None:
        """A desktop notification, when the desktop has a tray to show it from."""
        self.messages.append((title, text))
        if not self.available:
            log.debug("no system tray for the notice %r", title)
            return
        self.icon.show()
        self.icon.showMessage(
            title, text, QSystemTrayIcon.MessageIcon.Information, NOTICE_MS
        )

    def tell_once_about_background(self) -> None:
        """Say, the first time only, that closing the window kept the scan going."""
        if self.told_about_background:
            return
        self.told_about_background = True
        self.notify(
            self.tr("The checkup goes on"),
            self.tr(
                "Cloud Health Checkup keeps scanning in the background and tells "
                "you when it is done. Open it again from this icon."
            ),
        )

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.showRequested.emit()

    def hide(self) -> None:
        self.icon.hide()
