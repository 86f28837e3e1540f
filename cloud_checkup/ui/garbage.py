"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate when a
threshold is crossed. When that is a worker thread (the demo sandbox's, an executor's),
Qt objects caught in a cycle are destroyed off their own thread: Qt warns "Timers
cannot be stopped from another thread" and can crash. Collecting from a timer on the
GUI thread instead keeps every Qt object's death on its own thread.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class GuiThreadGarbageCollector(QObject):
    """Disables automatic collection and collects from the GUI thread instead."""

    def __init__(self, interval_ms: int = 500, parent: Any = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose allocation counts crossed their threshold."""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 1
            if counts[2] > self._thresholds[2]:
                generation = 2
        gc.collect(generation)

    def stop(self) -> None:
        """Collect everything once more here, and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
