"""Pacing and retries: calls spread within Alibaba's quotas, patience when throttled.

Alibaba counts API calls per account, per region and per action, in fixed windows
whose start the caller cannot see (see the API behaviour notes). The pacer keeps one
window per (product, region, action) that holds a call from the moment it is
reserved until a whole window after its answer: the gateway counted it somewhere in
between, so no fixed window, wherever it starts, can see more calls than the quota,
however late the network delivers them. A cap on calls in flight per product keeps
the load on any one service modest. A throttled answer pauses that window for the
time the cloud asked for (``x-acs-retry-after``) or an exponential back-off with
jitter. All waiting is ``asyncio.sleep``: nothing here blocks the event loop.
"""

from __future__ import annotations

import asyncio
import collections
import fnmatch
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Quota:
    """Alibaba's limit: ``calls`` per ``window`` seconds per account and region.

    Attributes:
        source: where the figure comes from, or what is assumed and why.
    """

    calls: int
    window: float
    source: str = "assumed"


# Calls in flight per product, across its regions and actions.
IN_FLIGHT_PER_PRODUCT = 48

_ECS_ASSUMED = (
    "assumed: ECS Describe* quotas are unpublished; the visible rows are 500-2000/60 s"
)
_READ_ASSUMED = "assumed: no quota page found; the common read quota of 100/1 s"

# (product, action pattern) -> quota, first match wins. The scan spends the whole
# quota: the window above already keeps it inside, and a share held back would cost
# a whole extra window whenever a list is a little over a multiple of the quota
# (500 buckets at 100/1 s take 5 windows, at 90% of it 6).
QUOTAS: list[tuple[str, str, Quota]] = [
    ("ram", "*", Quota(100, 1, "RAM API quota: reads 100/1 s")),
    ("ims", "*", Quota(100, 1, "assumed: as RAM, no IMS quota page")),
    ("sts", "GetCallerIdentity", Quota(100, 1, "STS API quota: 100/1 s")),
    ("actiontrail", "LookupEvents", Quota(2, 1, "ActionTrail limits: 2/s")),
    ("actiontrail", "*", Quota(100, 1, "ActionTrail quota: DescribeTrails 100/1 s")),
    ("cms", "DescribeMetric*", Quota(50, 1, "CloudMonitor quota: 50/1 s")),
    ("cms", "*", Quota(50, 1, "assumed: as CloudMonitor's metric reads")),
    ("sas", "*", Quota(10, 1, "Security Center quota: most Describe* 10/1 s")),
    ("vpc", "DescribeNetworkAcls", Quota(30, 60, "VPC quota: 30/60 s")),
    ("vpc", "*", Quota(600, 60, "assumed: as VPC's visible VPN reads, 600/60 s")),
    ("ecs", "DescribeSnapshots", Quota(1000, 60, "ECS quota: 1000/60 s")),
    ("ecs", "*", Quota(1000, 60, _ECS_ASSUMED)),
    ("r-kvstore", "*", Quota(100, 1, "Redis quota: DescribeInstanceConfig 100/1 s")),
    ("resourcecenter", "*", Quota(20, 1, "Resource Center quota: 20/1 s")),
    ("oss", "*", Quota(100, 1, "assumed: OSS meta-operation QPS is unpublished")),
    ("*", "*", Quota(100, 1, _READ_ASSUMED)),
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
    """At most ``quota.calls`` calls in any fixed window of ``quota.window`` seconds.

    A call holds its place from :meth:`take` until a whole window after
    :meth:`release` (its answer, or its failure): the gateway counted it at some
    moment in between, so a call that takes the place afterwards reaches the
    gateway more than a window later and can never share a fixed window with it.
    No guess about the network's delays is needed, and a call that waits for a free
    connection after taking its place cannot bunch up with later ones.
    """

    def __init__(self, quota: Quota):
        self._limit = max(1, int(quota.calls))
        self._window = quota.window
        self._unanswered = 0
        # When each answered call stops counting, earliest first.
        self._expiries: collections.deque[float] = collections.deque()
        self._paused_until = 0.0

    async def take(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            while self._expiries and self._expiries[0] <= now:
                self._expiries.popleft()
            wait = self._paused_until - now
            if wait <= 0:
                if self._unanswered + len(self._expiries) < self._limit:
                    self._unanswered += 1
                    return
                # Every place is taken: the first to free up is the oldest answered
                # call's, or else one whole window after the next answer arrives.
                wait = self._expiries[0] - now if self._expiries else self._window
            await asyncio.sleep(wait)

    def release(self) -> None:
        self._unanswered -= 1
        self._expiries.append(asyncio.get_running_loop().time() + self._window)

    def pause(self, seconds: float) -> None:
        until = asyncio.get_running_loop().time() + seconds
        self._paused_until = max(self._paused_until, until)


class _Slot:
    """One call's place in its window and among its product's calls in flight."""

    def __init__(self, window: _Window, in_flight: asyncio.Semaphore):
        self._window = window
        self._in_flight = in_flight

    async def __aenter__(self) -> None:
        await self._window.take()
        try:
            await self._in_flight.acquire()
        except BaseException:
            self._window.release()
            raise

    async def __aexit__(self, *exc_info: object) -> None:
        self._in_flight.release()
        self._window.release()


class Pacer:
    """A window per (product, region, action) and a cap on calls in flight per product.

    Args:
        quotas: overrides of the quota per (product, action), for tests.
        in_flight: calls in flight per product.
    """

    def __init__(
        self,
        quotas: dict[tuple[str, str], Quota] | None = None,
        *,
        in_flight: int = IN_FLIGHT_PER_PRODUCT,
    ):
        self._quotas = quotas or {}
        self._in_flight = in_flight
        self._windows: dict[tuple[str, str | None, str], _Window] = {}
        self._slots: dict[str, asyncio.Semaphore] = {}

    def _window(self, product: str, region: str | None, action: str) -> _Window:
        key = (product, region, action)
        window = self._windows.get(key)
        if window is None:
            quota = self._quotas.get((product, action)) or quota_for(product, action)
            window = self._windows[key] = _Window(quota)
        return window

    def slot(self, product: str, region: str | None, action: str) -> _Slot:
        """``async with`` it around one call: waits for the action's turn and a free
        slot of its product, and tells the window when the answer is in."""
        in_flight = self._slots.get(product)
        if in_flight is None:
            in_flight = self._slots[product] = asyncio.Semaphore(self._in_flight)
        return _Slot(self._window(product, region, action), in_flight)

    def pause(
        self, product: str, region: str | None, action: str, seconds: float
    ) -> None:
        """The cloud throttled this action: hold it back for ``seconds``."""
        self._window(product, region, action).pause(seconds)
