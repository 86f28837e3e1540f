"""The code reads as STYLE.md asks: ruff's lint rules and formatter hold everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("cloud_checkup", "tests", "tools", "benchmarks", "packaging")


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ruff_finds_nothing_to_correct():
    done = ruff("check", *SOURCES)
    assert done.returncode == 0, done.stdout


def test_the_code_is_formatted():
    done = ruff("format", "--check", *SOURCES)
    assert done.returncode == 0, done.stdout
