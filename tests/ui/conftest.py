"""Fixtures for the window tests: a qasync loop on pytest-qt's QApplication.

The window's history, profiles and keyring live in temporary folders here, never in
the user's own.
"""

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
    MemoryKeyring,
    available_preflight,
    connection_result,
    make_catalogue,
    make_results,
    qasync_loop,
)

from cloud_checkup.checks.base import Check  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def private_folders(tmp_path_factory) -> Iterator[None]:
    """The default history, config and keyring of every window opened in these tests
    point into a temporary folder."""
    home = tmp_path_factory.mktemp("ui-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLOUD_CHECKUP_DATA_DIR", str(home / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("XDG_DATA_HOME", str(home / "share"))
        patch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
        yield


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
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def services(tmp_path, keyring_backend):
    """The window's services on a temporary history and profiles file."""
    from cloud_checkup.app.preferences import PreferencesFile
    from cloud_checkup.app.profiles import ProfileStore
    from cloud_checkup.app.secrets import SecretStore
    from cloud_checkup.app.store import Store
    from cloud_checkup.ui.services import History, WindowServices

    tested: list[str] = []

    async def test_connection(profile, store, secrets):
        tested.append(profile.name)
        return connection_result(profile.name)

    async def profile_target(profile, store):
        return FakeTarget(profile.name)

    history = History(lambda: Store(tmp_path / "history.sqlite3"))
    made = WindowServices(
        profiles=ProfileStore(
            tmp_path / "profiles.json", SecretStore(keyring_backend, timeout=5)
        ),
        history=history,
        preferences=PreferencesFile(tmp_path / "preferences.json"),
        preflight=available_preflight(),
        test_connection=test_connection,
        profile_target=profile_target,
        discover_setups=lambda: [],
    )
    made.tested = tested  # type: ignore[attr-defined]
    yield made
    history.close()


@pytest.fixture
def jobs() -> list[Any]:
    """The (target, request, options) of every scan ``fake_window`` started."""
    return []


@pytest.fixture
def fake_window(qtbot, qloop, catalogue, job_options, services, jobs):
    """A window over the fake catalogue whose scans replay ``job_options``."""
    from cloud_checkup.ui.scan_controller import ScanController
    from cloud_checkup.ui.window import MainWindow

    def factory(target, request, on_event, options):
        jobs.append((target, request, options))
        return FakeJob(
            on_event, catalogue, request=request, options=options, **job_options
        )

    controller = ScanController(job_factory=factory)
    window = MainWindow(
        controller=controller,
        targets=[FakeTarget()],
        catalogue=catalogue,
        services=services,
    )
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    yield window
    window.close()
    if not window._closed:  # a test left a scan running: end it without asking
        window._stop_confirmed = True
        window.close()
    qloop.run_until_complete(window.shutdown(timeout=5))  # as the app does
    qloop.run_until_complete(window.shutdown(5))
