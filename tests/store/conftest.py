"""Store fixtures: a fresh history file per test, and one recorded demo scan."""

from __future__ import annotations

import pytest

from cloud_checkup.app.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "history.sqlite3") as opened:
        yield opened


@pytest.fixture(scope="module")
def recorded_demo(tmp_path_factory):
    """The demo account scanned once through the real engine into a store."""
    from store_support import record_scan

    path = tmp_path_factory.mktemp("demo") / "history.sqlite3"
    with Store(path) as opened:
        scan, recorder = record_scan(opened)
        assert recorder.error is None
        yield opened, scan
