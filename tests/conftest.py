"""Test-wide settings: Qt runs offscreen, and nothing reaches beyond loopback."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Make `tests.harness` importable as `harness` from every test folder.
sys.path.insert(0, str(Path(__file__).parent))

# Every test writes history, profiles and settings into a throw-away folder, never the
# user's own (the CLI keeps every scan in the history by default).
_SANDBOX_HOME = tempfile.mkdtemp(prefix="cloud-checkup-tests-")
os.environ["CLOUD_CHECKUP_DATA_DIR"] = os.path.join(_SANDBOX_HOME, "data")
os.environ["XDG_DATA_HOME"] = os.path.join(_SANDBOX_HOME, "xdg-data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX_HOME, "xdg-config")
