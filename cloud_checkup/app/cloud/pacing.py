"""Pacing and retries: few calls, spread out, and patience when the cloud throttles.

Every request waits for its product's pacer: a cap on calls in flight and on calls per
second (a token bucket). A throttled answer pauses the whole product for the time the
cloud asked for (``x-acs-retry-after``) or an exponential back-off with jitter. All
waiting is ``asyncio.sleep``: nothing here blocks the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    per_second: float
    concurrency: int


# Documented per-action quotas are per account; these stay well inside them, since
# the console and other tools draw on the same allowance (see the API behaviour notes).
DEFAULT_RATE = Rate(per_second=20, concurrency=8)
PRODUCT_RATES = {
    "ram": Rate(per_second=40, concurrency=8),
    "ims": Rate(per_second=40, concurrency=8),
    "sts": Rate(per_second=20, concurrency=4),
    "sas": Rate(per_second=5, concurrency=2),
    "cms": Rate(per_second=20, concurrency=4),
    "actiontrail": Rate(per_second=20, concurrency=4),
    "resourcecenter": Rate(per_second=10, concurrency=4),
    "oss": Rate(per_second=50, concurrency=16),
}


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.2
    max_delay: float = 20.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1 for the first retry)."""
        backoff = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        jittered = random.uniform(backoff / 2, backoff)
        if retry_after is not None:
            return min(self.max_delay, max(retry_after, jittered))
        return jittered


class _ProductPacer:
    def __init__(self, rate: Rate):
        self._rate = rate
        self._slots = asyncio.Semaphore(rate.concurrency)
        self._next_start = 0.0
        self._paused_until = 0.0

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._slots:
            await self._wait_turn()
            yield

    async def _wait_turn(self) -> None:
        while True:
            now = time.monotonic()
            start = max(now, self._next_start, self._paused_until)
            if start <= now:
                self._next_start = now + 1.0 / self._rate.per_second
                return
            await asyncio.sleep(start - now)

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)


class Pacer:
    """One pacer per product, created on first use."""

    def __init__(
        self, rates: dict[str, Rate] | None = None, default: Rate = DEFAULT_RATE
    ):
        self._rates = PRODUCT_RATES | (rates or {})
        self._default = default
        self._products: dict[str, _ProductPacer] = {}

    def _for(self, product: str) -> _ProductPacer:
        if product not in self._products:
            self._products[product] = _ProductPacer(
                self._rates.get(product, self._default)
            )
        return self._products[product]

    def slot(self, product: str) -> contextlib.AbstractAsyncContextManager[None]:
        return self._for(product).slot()

    def pause(self, product: str, seconds: float) -> None:
        self._for(product).pause(seconds)
