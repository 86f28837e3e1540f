"""Reads the app's desktop entry file, for the packaging tests."""

from __future__ import annotations

import configparser
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
DESKTOP_FILE = PACKAGING / "linux" / "cloud-checkup.desktop"


def desktop_entry(path: Path = DESKTOP_FILE) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # desktop entry keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])
