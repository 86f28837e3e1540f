"""Times how long the app takes to show its window, frozen or from source.

Usage (on a display; a virtual one will do):
    xvfb-run -a python packaging/measure_startup.py [--runs N] [--cold] -- COMMAND...

COMMAND is started with ``--self-test-window`` appended and timed until it reports
the window shown; it is then stopped. ``--cold`` empties the page cache before each
run (root only; Linux), so that every file is read from disk as after a reboot.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SHOWN = "window: shown"
TIMEOUT_S = 60.0


def time_to_window(command: list[str]) -> tuple[float, float]:
    """Seconds until the window was shown: on the clock, and of CPU the app used."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--self-test-window"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    shown = None
    try:
        for line in process.stdout:
            if line.startswith(SHOWN):
                shown = time.perf_counter() - started
                break
            if time.perf_counter() - started > TIMEOUT_S:
                break
    finally:
        process.kill()
        process.stdout.close()
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = -9  # reaped above; Popen must not wait again
    if shown is None:
        raise SystemExit(f"measure_startup.py: {command[0]} showed no window")
    return shown, usage.ru_utime + usage.ru_stime


def drop_page_cache() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    runs = []
    for _ in range(args.runs):
        if args.cold:
            drop_page_cache()
        runs.append(time_to_window(args.command))
    kind = "cold" if args.cold else "warm"
    clock, cpu = zip(*runs, strict=True)
    for label, values in (("clock", clock), ("CPU", cpu)):
        print(
            f"{kind} {label}: median {statistics.median(values):.2f} s, "
            f"min {min(values):.2f} s over {args.runs} runs "
            f"({', '.join(f'{v:.2f}' for v in values)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
