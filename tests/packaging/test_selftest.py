"""The ``--self-test``: each probe, the exit status, and the frozen entry point."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import threading
from pathlib import Path

import pytest

from cloud_checkup import selftest
from cloud_checkup.app import runner, secrets
from cloud_checkup.app.engine import ScanRequest, select_checks
from cloud_checkup.checks import catalogue

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


class SecureKeyring:
    """Stands in for the Secret Service: only its name is read by the probe."""

    name = "Test Secure Keyring"


@pytest.fixture
def secure_keyring(monkeypatch):
    monkeypatch.setattr(secrets, "select_backend", lambda: SecureKeyring())


def _self_test() -> tuple[int, str]:
    out = io.StringIO()
    status = selftest.run_self_test(out)
    return status, out.getvalue()


def _line(report: str, probe: str) -> str:
    (line,) = [line for line in report.splitlines() if f" {probe}: " in line]
    return line


def test_passes_when_the_keyring_demo_scan_and_qt_are_fine(qapp, secure_keyring):
    status, report = _self_test()

    assert status == 0, report
    assert report.rstrip().endswith("self-test passed")
    assert _line(report, "keyring").startswith("ok   keyring: Test Secure Keyring")
    items = len(select_checks(ScanRequest(), catalogue()))
    assert re.match(rf"ok   demo scan: {items} items \(", _line(report, "demo scan"))
    assert _line(report, "Qt platform").startswith("ok   Qt platform: offscreen")
    assert "xcb" in _line(report, "Qt platform")


def test_fails_without_a_secure_keyring_and_still_runs_the_other_probes(
    qapp, monkeypatch
):
    def no_keyring():
        raise secrets.NoSecureKeyring("No secure keyring is available.")

    monkeypatch.setattr(secrets, "select_backend", no_keyring)

    status, report = _self_test()

    assert status == 1
    assert _line(report, "keyring").startswith("FAIL keyring: No secure keyring")
    assert _line(report, "demo scan").startswith("ok   demo scan")
    assert _line(report, "Qt platform").startswith("ok   Qt platform")
    assert report.rstrip().endswith("self-test FAILED")


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="needs Linux's secure backends"
)
def test_keyring_probe_names_secure_backends_the_app_lost(monkeypatch, secure_keyring):
    # What a frozen app looks like when keyring's entry points were not bundled.
    monkeypatch.setattr(
        selftest, "installed_keyring_backends", lambda: ("Windows", "chainer")
    )

    result = selftest.probe_keyring()

    assert not result.ok
    assert result.detail.startswith("SecretService, KWallet missing from the app")


def test_keyring_probe_gives_up_on_a_keyring_that_never_answers(monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(secrets, "select_backend", release.wait)
    monkeypatch.setattr(selftest, "KEYRING_TIMEOUT_S", 0.2)
    try:
        result = selftest.probe_keyring()
    finally:
        release.set()

    assert not result.ok
    assert "no answer within" in result.detail


def test_installed_keyring_backends_come_from_keyrings_entry_points():
    assert {"SecretService", "KWallet"} <= set(selftest.installed_keyring_backends())


def test_a_demo_dataset_missing_from_the_app_fails_the_demo_scan(
    qapp, monkeypatch, secure_keyring, tmp_path
):
    missing = runner.SandboxTarget(tmp_path / "no-such-dataset")
    monkeypatch.setattr(runner, "demo_target", lambda: missing)

    status, report = _self_test()

    assert status == 1
    assert _line(report, "demo scan").startswith("FAIL demo scan: ScanError")
    assert _line(report, "Qt platform").startswith("ok   Qt platform")


def test_version_probe_says_whether_the_app_is_frozen(monkeypatch):
    assert "from source" in selftest.probe_version().detail
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert selftest.probe_version().detail.startswith(f"{selftest.__version__} (frozen")


def _entry_module():
    spec = importlib.util.spec_from_file_location("entry", PACKAGING / "entry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("argument", "function"),
    [("--self-test", "run_self_test"), ("--self-test-window", "run_window_self_test")],
)
def test_the_frozen_entry_point_answers_its_self_tests(monkeypatch, argument, function):
    monkeypatch.setattr(selftest, function, lambda: 7)
    monkeypatch.setattr(sys, "argv", ["cloud-checkup", argument])

    assert _entry_module().main() == 7


def test_the_frozen_entry_point_hands_everything_else_to_the_command_line(
    monkeypatch, capsys
):
    monkeypatch.setattr(sys, "argv", ["cloud-checkup", "--version"])

    with pytest.raises(SystemExit) as exit_:
        _entry_module().main()

    assert exit_.value.code == 0
    assert selftest.__version__ in capsys.readouterr().out
