"""Starts the desktop app: the Qt application, its qasync loop and the main window."""

from __future__ import annotations

import asyncio
import logging
import sys
from importlib import resources

import qasync
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from cloud_checkup import __version__

from .garbage import GuiThreadGarbageCollector
from .window import MainWindow

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_S = 5.0


def app_icon() -> QIcon:
    return QIcon(str(resources.files("cloud_checkup.ui") / "icons" / "app.svg"))


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so that settings and data land in the right folders."""
    app = QApplication.instance() or QApplication(
        argv if argv is not None else sys.argv
    )
    app.setApplicationName("Cloud Health Checkup")
    app.setApplicationDisplayName("Cloud Health Checkup")
    app.setOrganizationName("Cloud Checkup")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


def main() -> int:
    """Open the window and run until it is closed; the scan shares the Qt loop."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app = create_application()
    collector = GuiThreadGarbageCollector()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow()
    # The window may hide in the tray while a scan runs; it says when it is done.
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    window.show()
    window.start_up()
    with loop:
        loop.run_forever()
        # The window is gone; let a running scan close its connections, bounded so
        # that quitting never hangs.
        loop.run_until_complete(window.shutdown(SHUTDOWN_TIMEOUT_S))
    collector.stop()
    log.info("closed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
