"""Pacing and retries: calls spread within Alibaba's quotas, patience when throttled.

Alibaba counts API calls per account, per region and per action, in fixed windows
(see the API behaviour notes). The pacer keeps one sliding window per (product,
region, action) allowing a share of the published quota, so a scan stays inside it and
leaves the rest to the console and the account's other tools; a cap on calls in
flight per product keeps the load on any one service modest. A throttled answer
pauses that window for the time the cloud asked for (``x-acs-retry-after``) or an
exponential back-off with jitter. All waiting is ``asyncio.sleep``: nothing here
blocks the event loop.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import fnmatch
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Quota:
    """Alibaba's published limit: ``calls`` per ``window`` seconds per region."""

    calls: float
    window: float

    @property
    def per_second(self) -> float:
        return self.calls / self.window


# The share of each quota a scan may use; the console, Terraform and every other
# tool of the account draw on the same allowance.
QUOTA_SHARE = 0.9
# Seconds by which answers to calls sent at the same pace may bunch up on arrival.
DELIVERY_JITTER = 0.15
# Calls in flight per product, across its regions and actions.
IN_FLIGHT_PER_PRODUCT = 48

# (product, action pattern) -> quota, first match wins. Figures are the products'
# published read quotas (Redis DescribeSecurityIps on its quota page, MongoDB
# DescribeAuditPolicy in its API reference); ECS's Describe* rows are unpublished and
# taken as the visible rows' 1000/60 s; elsewhere the common 100/1 s is assumed.
QUOTAS: list[tuple[str, str, Quota]] = [
    ("actiontrail", "LookupEvents", Quota(2, 1)),
    ("sas", "*", Quota(10, 1)),
    ("cms", "*", Quota(50, 1)),
    ("vpc", "DescribeNetworkAcls", Quota(30, 60)),
    ("vpc", "*", Quota(600, 60)),
    ("ecs", "*", Quota(1000, 60)),
    ("r-kvstore", "DescribeSecurityIps", Quota(200, 60)),
    ("dds", "DescribeAuditPolicy", Quota(30, 60)),
    ("resourcecenter", "*", Quota(20, 1)),
    ("*", "*", Quota(100, 1)),
]  # fmt: skip


def quota_for(product: str, action: str) -> Quota:
    for row_product, pattern, quota in QUOTAS:
        if fnmatch.fnmatchcase(product, row_product) and fnmatch.fnmatchcase(
            action, pattern
        ):
            return quota
    raise AssertionError("the last row matches everything")


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


class _Window:
    """At most ``limit`` calls in any ``window`` seconds (a sliding window).

    Alibaba counts calls in fixed windows whose start we cannot see; a sliding window
    keeps every fixed window inside the limit too, while still letting a short scan
    spend a window's share at once.
    """

    def __init__(self, quota: Quota, share: float):
        self._limit = max(1, int(quota.calls * share))
        # Calls sent a moment apart can arrive in the same window of the gateway's:
        # a slightly longer window absorbs that jitter of the network.
        self._window = quota.window + DELIVERY_JITTER
        self._calls: collections.deque[float] = collections.deque()
        self._paused_until = 0.0

    async def take(self) -> None:
        while True:
            now = time.monotonic()
            while self._calls and self._calls[0] <= now - self._window:
                self._calls.popleft()
            wait = self._paused_until - now
            if wait <= 0 and len(self._calls) < self._limit:
                self._calls.append(now)
                return
            if wait <= 0:
                wait = self._calls[0] + self._window - now
            await asyncio.sleep(wait)

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)


class Pacer:
    """A window per (product, region, action) and a cap on calls in flight per product.

    Args:
        quotas: overrides of the quota per (product, action), for tests.
        share: the share of each quota a scan may use.
        in_flight: calls in flight per product.
    """

    def __init__(
        self,
        quotas: dict[tuple[str, str], Quota] | None = None,
        *,
        share: float = QUOTA_SHARE,
        in_flight: int = IN_FLIGHT_PER_PRODUCT,
    ):
        self._quotas = quotas or {}
        self._share = share
        self._in_flight = in_flight
        self._windows: dict[tuple[str, str | None, str], _Window] = {}
        self._slots: dict[str, asyncio.Semaphore] = {}

    def _window(self, product: str, region: str | None, action: str) -> _Window:
        key = (product, region, action)
        if key not in self._windows:
            quota = self._quotas.get((product, action)) or quota_for(product, action)
            self._windows[key] = _Window(quota, self._share)
        return self._windows[key]

    @contextlib.asynccontextmanager
    async def slot(
        self, product: str, region: str | None, action: str
    ) -> AsyncIterator[None]:
        """Wait for the action's turn and a free slot of its product."""
        slots = self._slots.setdefault(product, asyncio.Semaphore(self._in_flight))
        await self._window(product, region, action).take()
        async with slots:
            yield

    def pause(
        self, product: str, region: str | None, action: str, seconds: float
    ) -> None:
        """The cloud throttled this action: hold it back for ``seconds``."""
        self._window(product, region, action).pause(seconds)
