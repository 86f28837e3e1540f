"""Background coroutines of the window, kept referenced and with their errors caught.

qasync reports an exception escaping a slot or an unreferenced task to
``sys.excepthook`` and may collect a task nobody holds; every page starts its
asynchronous work (keyring, store, connection tests) through a ``TaskRunner``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskRunner(QObject):
    """Runs coroutines on the window's asyncio loop and hands back their outcome.

    Signals:
        busyChanged(bool): the first task started or the last one ended.
    """

    busyChanged = Signal(bool)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(
        self,
        work: Coroutine[Any, Any, T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> asyncio.Task[None]:
        """Start ``work``; ``on_done`` gets its result, ``on_error`` its exception.

        Without ``on_error`` an exception is logged with its traceback; it never
        reaches ``sys.excepthook``.
        """
        task = asyncio.get_event_loop().create_task(
            self._settle(work, on_done, on_error)
        )
        self._tasks.add(task)
        if len(self._tasks) == 1:
            self.busyChanged.emit(True)
        task.add_done_callback(self._forget)
        # A task cancelled before its first step never awaits ``work``; closing it
        # then keeps Python from warning that it was never awaited.
        task.add_done_callback(lambda _: work.close())
        return task

    async def _settle(
        self,
        work: Awaitable[T],
        on_done: Callable[[T], None] | None,
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        try:
            result = await work
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if on_error is None or not shiboken6.isValid(self):
                log.error("a background task of the window failed", exc_info=error)
            else:
                on_error(error)
            return
        # The page that asked may have been closed meanwhile.
        if on_done is not None and shiboken6.isValid(self):
            on_done(result)

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        # The page may be gone by the time a cancelled task ends.
        if not self._tasks and shiboken6.isValid(self):
            self.busyChanged.emit(False)

    async def wait(self, timeout: float = 10.0) -> None:
        """Wait (bounded) until every task started so far has finished."""
        while self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)
            if any(not task.done() for task in self._tasks):
                log.warning("background tasks still running after %s s", timeout)
                return

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
