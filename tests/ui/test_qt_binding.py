"""The Qt binding the app runs on keeps Python's reference counts straight.

PySide6 6.12.0 drops a reference to ``None`` on every ``show()`` and ``setVisible()``
(and to ``True`` elsewhere on the window's path): the window hides and shows labels
hundreds of times per checkup, so after a few checkups the interpreter frees ``None``
or ``True`` and aborts ("deallocating None: bug likely caused by a refcount error in a
C extension"). pyproject.toml excludes that release; this test fails on any binding
with the same fault.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLabel

CALLS = 500


def _none_references_after(action) -> int:
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        action()
    gc.collect()
    return sys.getrefcount(None) - before


def test_showing_and_hiding_widgets_leaves_none_referenced(qtbot):
    label = QLabel("status")
    qtbot.addWidget(label)
    label.show()

    # A binding that drops a reference per call loses CALLS; a correct one none.
    assert _none_references_after(lambda: label.setVisible(True)) > -CALLS // 2
    assert _none_references_after(lambda: label.setVisible(False)) > -CALLS // 2
    assert _none_references_after(label.show) > -CALLS // 2
