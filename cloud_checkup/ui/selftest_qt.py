"""The Qt half of the self-test: the platform plugin Qt loads, and the real window.

Kept in ``ui/`` because only ``ui/`` may import Qt; ``cloud_checkup.selftest`` asks
this module and turns the answer into a line of the self-test.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import qasync
from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

ICON_PROBE_SIZE = QSize(64, 64)

# Qt deletes an application once Python holds no reference to it; the probe's own
# application must outlive the probe so that callers can go on using Qt.
_keep_alive: list[QGuiApplication] = []


@dataclass(frozen=True)
class QtRuntime:
    """What the Qt runtime of this process (frozen or not) turned out to be.

    Attributes:
        platform: the platform plugin in use (``xcb``, ``wayland``, ``offscreen``...).
        display: whether a display was there to connect to; without one the probe
            starts Qt offscreen rather than letting Qt abort the process.
        platform_plugins: the platform plugins found in Qt's plugin folders.
        icon_renders: whether the app icon (an SVG) renders, which needs the Qt SVG
            image plugins to have been bundled.
    """

    platform: str
    display: bool
    platform_plugins: tuple[str, ...]
    icon_renders: bool


def probe_qt_runtime() -> QtRuntime:
    """Start (or reuse) a QGuiApplication and report what it loaded.

    Qt calls ``abort()`` when the platform plugin cannot load, so a broken bundle
    ends the process here with Qt's own message on stderr and a non-zero status.
    """
    display = has_display()
    app = QGuiApplication.instance() or _new_application(display)
    runtime = QtRuntime(
        platform=QGuiApplication.platformName(),
        display=display,
        platform_plugins=_platform_plugins(QCoreApplication.libraryPaths()),
        icon_renders=_icon_renders(),
    )
    log.debug("Qt runtime: %s (application %s)", runtime, type(app).__name__)
    return runtime


def has_display() -> bool:
    """Whether Qt has somewhere to draw: always on Windows and macOS."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def _new_application(display: bool) -> QGuiApplication:
    argv = [sys.argv[0] if sys.argv else "cloud-checkup"]
    if not display:
        argv += ["-platform", "offscreen"]
    app = QGuiApplication(argv)
    _keep_alive.append(app)
    return app


def _platform_plugins(library_paths: list[str]) -> tuple[str, ...]:
    names: set[str] = set()
    for folder in library_paths:
        for plugin in (Path(folder) / "platforms").glob("libq*.so"):
            names.add(plugin.name.removeprefix("libq").removesuffix(".so"))
        for plugin in (Path(folder) / "platforms").glob("q*.dll"):
            names.add(plugin.stem.removeprefix("q"))
        for plugin in (Path(folder) / "platforms").glob("libq*.dylib"):
            names.add(plugin.stem.removeprefix("libq"))
    return tuple(sorted(names))


def _icon_renders() -> bool:
    from .main import app_icon

    return not app_icon().pixmap(ICON_PROBE_SIZE).isNull()


def run_window_self_test(out: TextIO, timeout_s: float) -> int:
    """Open the real window, run the demo checkup in it, report, and close.

    This is what a person does on first start, so that a frozen app can be shown to
    open its window and finish the demo scan under a virtual display.

    Returns:
        0 when the window showed and the demo scan finished with results, else 1.
    """
    from .garbage import GuiThreadGarbageCollector
    from .main import SHUTDOWN_TIMEOUT_S, create_application
    from .window import MainWindow

    # Set up as ui.main.main() does, so that this runs the window a person gets.
    app = create_application([sys.argv[0] if sys.argv else "cloud-checkup"])
    collector = GuiThreadGarbageCollector()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow()
    outcome = _WindowOutcome(out)
    window.scanFinished.connect(outcome.finished)
    window.scanFailed.connect(outcome.failed)
    window.scanFinished.connect(window.close)
    window.scanFailed.connect(window.close)
    QTimer.singleShot(round(timeout_s * 1000), outcome.timed_out)
    QTimer.singleShot(round(timeout_s * 1000), window.close)
    window.show()
    out.write(
        f"window: shown on {QGuiApplication.platformName()}, title "
        f"{window.windowTitle()!r}, WM class {app.applicationName()!r}\n"
    )
    out.flush()
    window.start_scan()
    with loop:
        # The window closes when the scan ends; closing the last window stops the loop.
        loop.run_forever()
        loop.run_until_complete(window.controller.shutdown(SHUTDOWN_TIMEOUT_S))
    collector.stop()
    return 0 if outcome.ok else 1


class _WindowOutcome:
    """How the demo scan in the window ended, written out as it happens."""

    def __init__(self, out: TextIO):
        self._out = out
        self.ok = False

    def finished(self, scan: Any) -> None:
        self.ok = bool(scan.results) and not scan.cancelled
        self._write(f"demo scan in the window: {len(scan.results)} items finished")

    def failed(self, message: str) -> None:
        self._write(f"demo scan in the window FAILED: {message}")

    def timed_out(self) -> None:
        if not self.ok:
            self._write("demo scan in the window did not finish in time")

    def _write(self, line: str) -> None:
        self._out.write(line + "\n")
        self._out.flush()
