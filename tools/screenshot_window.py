"""Run a demo scan in the real window and save screenshots of its pages.

Usage (on a headless machine)::

    xvfb-run -s "-screen 0 1400x900x24" python tools/screenshot_window.py

The pictures go to ``$CLOUD_CHECKUP_SCREENSHOT_DIR`` (default ``docs/screenshots``).
The window's history and profiles live in a temporary folder, never the user's.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import tempfile
from pathlib import Path

import qasync
from PySide6.QtCore import QSize

from cloud_checkup.app.preferences import PreferencesFile
from cloud_checkup.app.profiles import CredentialType, Profile, ProfileStore
from cloud_checkup.app.store import Store
from cloud_checkup.checks.base import Severity, Status
from cloud_checkup.ui.garbage import GuiThreadGarbageCollector
from cloud_checkup.ui.main import create_application
from cloud_checkup.ui.models import ENTRY_ROLE
from cloud_checkup.ui.services import History, WindowServices
from cloud_checkup.ui.window import MainWindow

log = logging.getLogger("screenshot_window")

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WINDOW_SIZE = (1360, 860)
SCAN_TIMEOUT_S = 120


async def _scan(window: MainWindow) -> None:
    finished = asyncio.get_running_loop().create_future()
    window.scanFinished.connect(
        lambda scan: finished.done() or finished.set_result(scan)
    )
    window.scanFailed.connect(
        lambda message: finished.done() or finished.set_exception(RuntimeError(message))
    )
    window.checkup_page.ai_checkbox.setChecked(True)
    window.start_scan()
    await asyncio.wait_for(finished, SCAN_TIMEOUT_S)
    await asyncio.sleep(0.3)  # let the last repaint land


def _select_worst_finding(window: MainWindow) -> None:
    """Select the high-severity failure with the most failing resources."""
    page = window.findings_page
    window.show_page(page)
    proxy = page.proxy
    entries = [proxy.index(row, 0).data(ENTRY_ROLE) for row in range(proxy.rowCount())]
    failing = [e for e in entries if e.result.status is Status.FAIL]
    if failing:
        worst = max(
            failing, key=lambda e: (e.severity is Severity.HIGH, e.failing_count)
        )
        page.select_check(worst.result.check_id)


def _save(window: MainWindow, directory: Path, name: str) -> None:
    window.repaint()
    path = directory / name
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    log.info("saved %s", path)


async def _capture(window: MainWindow, directory: Path) -> None:
    window.refresh_ai_package()
    await _settle(window.tasks)
    _save(window, directory, "window-start.png")
    await _scan(window)
    await _scan(window)  # a second checkup: the score change and the chart
    await _settle(window.tasks)  # the AI package's answer after the scan
    window.show_page(window.checkup_page)
    await asyncio.sleep(0.2)
    _save(window, directory, "window-checkup.png")
    _select_worst_finding(window)
    await asyncio.sleep(0.2)
    _save(window, directory, "window-findings.png")
    await _show_history(window)
    _save(window, directory, "window-history.png")
    await _show_accounts(window)
    _save(window, directory, "window-accounts.png")
    window.show_page(window.settings_page)
    await asyncio.sleep(0.2)
    _save(window, directory, "window-settings.png")


async def _settle(*runners) -> None:
    while any(runner.busy for runner in runners):
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)


async def _show_history(window: MainWindow) -> None:
    page = window.history_page
    window.show_page(page)
    page.reload()
    await _settle(page.tasks)
    page.table.selectRow(0)
    page.compare_selected()
    await _settle(page.tasks)


async def _show_accounts(window: MainWindow) -> None:
    profile = Profile("prod-shop", CredentialType.ENVIRONMENT)
    await window.services.profiles.add(profile)
    page = window.accounts_page
    window.show_page(page)
    page.reload()
    await _settle(page.tasks)


def _private_services(folder: Path) -> WindowServices:
    return WindowServices(
        profiles=ProfileStore(folder / "profiles.json"),
        history=History(lambda: Store(folder / "history.sqlite3")),
        preferences=PreferencesFile(folder / "preferences.json"),
    )


def _window_size(app) -> QSize:
    """``WINDOW_SIZE``, or the screen when it is smaller: a small screen's pictures
    show the window as its users see it (there is no window manager to shrink it)."""
    screen = app.primaryScreen().availableSize()
    width, height = WINDOW_SIZE
    return QSize(min(width, screen.width()), min(height, screen.height()))


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    directory = Path(os.environ.get("CLOUD_CHECKUP_SCREENSHOT_DIR", DEFAULT_DIR))
    directory.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    collector = GuiThreadGarbageCollector()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="checkup-screens-") as folder:
        window = MainWindow(services=_private_services(Path(folder)))
        window.resize(_window_size(app))
        window.show()
        with loop:
            loop.run_until_complete(_capture(window, directory))
            window.close()
            loop.run_until_complete(window.shutdown(5))
        window.services.history.close()
    collector.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
