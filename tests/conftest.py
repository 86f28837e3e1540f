"""Test-wide settings: Qt runs offscreen, and nothing reaches beyond loopback."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Make `tests.harness` importable as `harness` from every test folder.
sys.path.insert(0, str(Path(__file__).parent))
