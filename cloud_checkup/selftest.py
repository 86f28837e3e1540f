"""The ``--self-test`` of the app, frozen or not: can it start, keep secrets and scan?

It prints one line per probe and returns 0 only when every probe is fine, so that a
build can tell a bundle that lost a Qt plugin, a keyring backend or a data file.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import queue
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import TextIO

from cloud_checkup import __version__

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
KEYRING_TIMEOUT_S = 10.0
DEMO_SCAN_TIMEOUT_S = 120.0
# The backends that keep a secret safe on Linux; a frozen app that lost them can only
# refuse to store an AccessKey.
LINUX_SECURE_BACKENDS = ("SecretService", "KWallet")


@dataclass(frozen=True)
class ProbeResult:
    name: str
    ok: bool
    detail: str


def run_self_test(out: TextIO | None = None) -> int:
    """Run every probe, print a line for each, and say whether all are fine.

    Args:
        out: where the report goes; standard output by default.

    Returns:
        0 when every probe is fine, 1 otherwise.
    """
    out = out or sys.stdout
    out.write(f"Cloud Health Checkup {__version__} self-test\n")
    results = []
    # Qt goes last: a platform plugin that cannot load aborts the process, and the
    # lines before it should be out by then.
    for probe in (probe_version, probe_keyring, probe_demo_scan, probe_qt):
        result = _run(probe)
        out.write(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}\n")
        out.flush()
        results.append(result)
    passed = all(result.ok for result in results)
    out.write("self-test passed\n" if passed else "self-test FAILED\n")
    out.flush()
    return EXIT_OK if passed else EXIT_FAILED


def run_window_self_test(out: TextIO | None = None) -> int:
    """Open the real window, run the demo checkup in it and close; 0 when it finished.

    Needs a display (a virtual one will do: ``xvfb-run``).
    """
    from cloud_checkup.ui.selftest_qt import run_window_self_test as run_in_window

    return run_in_window(out or sys.stdout, timeout_s=DEMO_SCAN_TIMEOUT_S)


def _run(probe: Callable[[], ProbeResult]) -> ProbeResult:
    name = probe.__name__.removeprefix("probe_").replace("_", " ")
    try:
        return probe()
    except Exception as error:  # one broken probe must not hide the others
        log.debug("self-test probe %s failed", name, exc_info=True)
        return ProbeResult(name, False, f"{type(error).__name__}: {error}")


def probe_version() -> ProbeResult:
    build = "frozen" if getattr(sys, "frozen", False) else "from source"
    return ProbeResult(
        "version",
        True,
        f"{__version__} ({build}, Python {platform.python_version()}, "
        f"{sys.platform} {platform.machine()})",
    )


def probe_keyring() -> ProbeResult:
    """The secure keyring backend the app would use, chosen as the app chooses it."""
    from cloud_checkup.app.secrets import KeyringUnavailable

    installed = installed_keyring_backends()
    listing = f"installed backends: {', '.join(installed) or 'none'}"
    missing = _missing_secure_backends(installed)
    if missing:
        return ProbeResult(
            "keyring", False, f"{', '.join(missing)} missing from the app; {listing}"
        )
    try:
        backend = _select_keyring_backend(KEYRING_TIMEOUT_S)
    except KeyringUnavailable as error:
        return ProbeResult("keyring", False, f"{error} ({listing})")
    return ProbeResult("keyring", True, f"{backend.name} ({listing})")


def _select_keyring_backend(timeout: float):
    """``secrets.select_backend()`` on a daemon thread, given up on after a timeout.

    A daemon thread, not an executor: a keyring waiting for an unlock must not keep
    the self-test from exiting.
    """
    from cloud_checkup.app.secrets import KeyringTimeout, select_backend

    answers: queue.Queue = queue.Queue(maxsize=1)

    def select() -> None:
        try:
            answers.put((select_backend(), None))
        except Exception as error:  # handed to the waiting caller
            answers.put((None, error))

    threading.Thread(target=select, name="keyring-probe", daemon=True).start()
    try:
        backend, error = answers.get(timeout=timeout)
    except queue.Empty:
        raise KeyringTimeout(f"no answer within {timeout:.0f} seconds") from None
    if error is not None:
        raise error
    return backend


def installed_keyring_backends() -> tuple[str, ...]:
    """The keyring backends this app carries, by the names keyring registers them."""
    found = metadata.entry_points(group="keyring.backends")
    return tuple(sorted(entry.name for entry in found))


def _missing_secure_backends(installed: tuple[str, ...]) -> tuple[str, ...]:
    if not sys.platform.startswith("linux"):
        return ()
    return tuple(name for name in LINUX_SECURE_BACKENDS if name not in installed)


def probe_demo_scan() -> ProbeResult:
    """Scan the bundled demo account through the loopback sandbox, end to end."""
    from cloud_checkup.app.runner import ScanJob, ScanRequest, demo_target

    job = ScanJob(demo_target(), ScanRequest())
    scan = asyncio.run(asyncio.wait_for(job.run(), DEMO_SCAN_TIMEOUT_S))
    tally = Counter(result.status.value for result in scan.results)
    evaluated = tally["pass"] + tally["fail"]
    statuses = ", ".join(f"{n} {status}" for status, n in sorted(tally.items()))
    score = f"health score {scan.score.value}" if scan.score else "no health score"
    detail = f"{len(scan.results)} items ({statuses}), {score}, {scan.api_calls} calls"
    complete = scan.finished_at is not None and not scan.cancelled
    return ProbeResult("demo scan", complete and evaluated > 0, detail)


def probe_qt() -> ProbeResult:
    """The Qt platform plugin in use, and whether the app icon renders."""
    from cloud_checkup.ui.selftest_qt import probe_qt_runtime

    runtime = probe_qt_runtime()
    problems = []
    if sys.platform.startswith("linux") and "xcb" not in runtime.platform_plugins:
        problems.append("the xcb platform plugin is missing")
    if not runtime.icon_renders:
        problems.append("the app icon does not render (SVG plugins missing?)")
    where = "" if runtime.display else ", no display: started offscreen"
    detail = (
        f"{runtime.platform}{where} "
        f"(platform plugins: {', '.join(runtime.platform_plugins) or 'none'})"
    )
    if problems:
        detail += "; " + "; ".join(problems)
    return ProbeResult("Qt platform", not problems, detail)


if __name__ == "__main__":
    sys.exit(run_self_test())
