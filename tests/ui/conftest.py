"""Fixtures for the window tests: a qasync loop on pytest-qt's QApplication."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
import qasync  # noqa: E402
from ui_fakes import (  # noqa: E402
    FakeJob,
    FakeTarget,
    make_catalogue,
    make_results,
    qasync_loop,
)

from cloud_checkup.checks.base import Check  # noqa: E402


@pytest.fixture
def catalogue() -> dict[str, Check]:
    return make_catalogue()


@pytest.fixture
def qloop(qapp) -> Iterator[qasync.QEventLoop]:
    with qasync_loop(qapp) as loop:
        yield loop


@pytest.fixture
def job_options() -> dict[str, Any]:
    """Keyword arguments of the ``FakeJob`` the next scan of ``fake_window`` runs."""
    return {"results": make_results()}


@pytest.fixture
def fake_window(qtbot, qloop, catalogue, job_options):
    """A window over the fake catalogue whose scans replay ``job_options``."""
    from cloud_checkup.ui.scan_controller import ScanController
    from cloud_checkup.ui.window import MainWindow

    def factory(target, request, on_event):
        return FakeJob(on_event, catalogue, **job_options)

    controller = ScanController(job_factory=factory)
    window = MainWindow(
        controller=controller, targets=[FakeTarget()], catalogue=catalogue
    )
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    yield window
    window.close()
