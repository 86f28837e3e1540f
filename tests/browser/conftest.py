"""Headless Chromium (Debian's, driven by Playwright) for tests of the exported report.

CI must prove the report in a real browser, so there a missing Chromium or Playwright
fails the tests; on a developer's machine without them they are skipped with a reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from harness import ALL_PACKAGES, scan_dataset

from cloud_checkup.app.model import ScanResult
from cloud_checkup.app.runner import demo_dataset_path

CHROMIUM = Path("/usr/bin/chromium")
# Everything that could make Chromium reach out on its own is off; the profile is a
# fresh temporary one that Playwright makes for each launch.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 1600}
# The demo scan is real, but its clock and id are pinned so that the screenshot in the
# docs changes only when the report does.
DEMO_STARTED = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
DEMO_DURATION = timedelta(seconds=41)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
    pytest.skip(reason)


# Module scope, not session: while Playwright runs, its event loop occupies the main
# thread, and the tests of other folders start event loops of their own there.
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium per test module; each visit opens its own context."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """A page with everything it did: requests, dialogs, console errors."""

    page: object
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def open_report(browser) -> Iterator[object]:
    """Open a report file in a fresh context and record what the page does.

    Every request is recorded, and every request but the report document itself is
    aborted, so a report that tried to load anything shows up in ``requests`` without
    having reached anywhere.
    """
    contexts = []

    def visit(path: Path, **context_options) -> Visit:
        context = browser.new_context(viewport=VIEWPORT, **context_options)
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        document = path.resolve().as_uri()

        def route(request_route):
            url = request_route.request.url
            seen.requests.append(url)
            if url == document:
                request_route.continue_()
            else:
                request_route.abort()

        def dialog(opened):
            seen.dialogs.append(opened.message)
            opened.dismiss()

        def console(message):
            # CSP violations and script errors both arrive as console errors.
            if message.type == "error":
                seen.errors.append(message.text)

        context.route("**/*", route)
        page.on("dialog", dialog)
        page.on("console", console)
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.goto(document, wait_until="load")
        return seen

    yield visit
    for context in contexts:
        context.close()


def _scan_in_thread(*args, **kwargs) -> ScanResult:
    # Playwright's sync API keeps an event loop running on this thread, and
    # scan_dataset starts its own, so the scan runs on a worker thread.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(scan_dataset, *args, **kwargs).result(timeout=120)


@pytest.fixture(scope="session")
def scan_in_thread():
    """``harness.scan_dataset``, safe to call while the browser is open."""
    return _scan_in_thread


@pytest.fixture(scope="session")
def demo_scan() -> ScanResult:
    """The demo account scanned through the sandbox with every package."""
    scan = _scan_in_thread(str(demo_dataset_path()), packages=ALL_PACKAGES)
    return replace(
        scan,
        scan_id="demo-scan",
        started_at=DEMO_STARTED,
        finished_at=DEMO_STARTED + DEMO_DURATION,
    )
