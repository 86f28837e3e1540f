"""The adversarial tests reuse the check tests' dataset builders (``data`` and co)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "checks"))
