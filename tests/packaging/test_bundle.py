"""Builds the Linux bundle with the documented command and runs the frozen app.

Slow (a fresh virtualenv and a PyInstaller build: a few minutes), so it runs only in
CI (``CI`` set) or when asked for with ``pytest -m slow``. Needs xvfb-run,
dbus-run-session and gnome-keyring-daemon (Debian: xvfb xauth dbus-daemon
gnome-keyring); in CI a missing one fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from desktop_entry import desktop_entry

from cloud_checkup import __version__, selftest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="builds the Linux bundle"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 180
# The bundle is about 220 MB; far more means something big was dragged in.
MAX_BUNDLE_MB = 350
WINDOW_SHOWN = r"^window: shown on (\w+), .* WM class '(.*)'$"
WINDOW_SCANNED = r"^demo scan in the window: \d+ items finished$"
# Starts a private D-Bus session with an unlocked, empty GNOME keyring in it, then
# runs the command: the frozen app then finds a real Secret Service, as on a desktop.
WITH_KEYRING = (
    'printf "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
    ' && exec "$@"'
)


@pytest.fixture(scope="module", autouse=True)
def only_in_ci_or_when_asked(request):
    # A build takes minutes: everyone's plain `pytest` stays fast, CI always builds.
    asked = "slow" in (request.config.option.markexpr or "")
    if not (os.environ.get("CI") or asked):
        pytest.skip("builds the bundle (minutes): runs in CI (CI=true) or with -m slow")


def require(*programs: str) -> None:
    missing = [program for program in programs if shutil.which(program) is None]
    if not missing:
        return
    message = f"not installed: {', '.join(missing)} (make system-packages)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    """The bundle folder, built from scratch by packaging/build-linux.sh."""
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [str(ROOT / "packaging" / "build-linux.sh"), "--dist", out / "dist"]
        + ["--work", str(out / "work")],
        env={**os.environ, "PYTHON": sys.executable},
        check=True,
        timeout=BUILD_TIMEOUT_S,
    )
    return out / "dist"


@pytest.fixture(scope="module")
def app(build) -> Path:
    return build / "cloud-checkup" / "cloud-checkup"


@pytest.fixture(scope="module")
def clean_env(tmp_path_factory) -> dict[str, str]:
    """No display, bus or Qt platform of the caller's, and a home of its own."""
    home = tmp_path_factory.mktemp("home")
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
        | {"DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"}
    }
    return env | {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S
    )


@pytest.fixture(scope="module")
def self_test(app, clean_env) -> subprocess.CompletedProcess:
    """``--self-test`` of the frozen app on a virtual X display with a keyring."""
    require("xvfb-run", "xauth", "dbus-run-session", "gnome-keyring-daemon")
    command = ["xvfb-run", "-a", "dbus-run-session", "--", "sh", "-c", WITH_KEYRING]
    return run([*command, "sh", str(app), "--self-test"], clean_env)


def test_the_build_makes_an_app_folder_and_an_archive(build):
    folder = build / "cloud-checkup"
    size_mb = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6

    assert os.access(folder / "cloud-checkup", os.X_OK)
    assert (folder / "install.sh").exists()
    assert (folder / "share/applications/cloud-checkup.desktop").exists()
    assert (folder / "share/icons/hicolor/256x256/apps/cloud-checkup.png").exists()
    assert list(build.glob(f"cloud-checkup-{__version__}-linux-*.tar.gz"))
    assert size_mb < MAX_BUNDLE_MB


def test_frozen_self_test_passes(self_test):
    assert self_test.returncode == 0, self_test.stdout + self_test.stderr
    assert self_test.stdout.rstrip().endswith("self-test passed")
    assert "version: " + __version__ + " (frozen" in self_test.stdout


def test_the_secret_service_backend_survives_freezing(self_test):
    assert "ok   keyring: SecretService Keyring" in self_test.stdout, self_test.stdout


def test_the_xcb_platform_plugin_survives_freezing(self_test):
    assert "ok   Qt platform: xcb (" in self_test.stdout, self_test.stdout


def test_the_frozen_demo_scan_matches_the_one_from_source(self_test):
    frozen = re.search(r"^ok   demo scan: (.*)$", self_test.stdout, re.MULTILINE)

    assert frozen, self_test.stdout
    assert frozen.group(1) == selftest.probe_demo_scan().detail


def test_frozen_window_opens_and_finishes_the_demo_scan(app, clean_env):
    require("xvfb-run", "xauth")

    shown = run(["xvfb-run", "-a", str(app), "--self-test-window"], clean_env)

    assert shown.returncode == 0, shown.stdout + shown.stderr
    window = re.search(
        r"^window: shown on (\w+), .* WM class '(.*)'$", shown.stdout, re.M
    )
    assert window, shown.stdout
    assert window.group(1) == "xcb"
    assert window.group(2) == desktop_entry()["StartupWMClass"]
    assert re.search(
        r"^demo scan in the window: \d+ items finished$", shown.stdout, re.M
    )


def test_frozen_command_line_writes_the_html_report(app, clean_env, tmp_path):
    report = tmp_path / "report.html"

    scanned = run([str(app), "scan", "--demo", "--html", str(report)], clean_env)

    assert scanned.returncode == 0, scanned.stderr
    assert "Health score" in scanned.stderr
    assert (
        report.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    )
