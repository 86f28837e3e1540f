"""Pacing and retries: calls spread within Alibaba's quotas, patience when throttled.

Alibaba counts API calls per account, per region and per action, in fixed windows
whose start the caller cannot see (see the API behaviour notes). The pacer keeps one
window per (product, region, action) that holds a call from the moment it is sent
until a whole window after its answer: the gateway counted it somewhere in between,
so no fixed window, wherever it starts, can see more calls than the quota, however
late the network delivers them. Caps on the calls in flight, per endpoint and in all,
keep the load on any one service and the number of connections modest; the calls on
the scan's critical path go first. A throttled answer pauses that window for the
time the cloud asked for (``x-acs-retry-after``) or an exponential back-off with
jitter. All waiting is on the event loop: nothing here blocks it.
"""

from __future__ import annotations

import asyncio
import collections
import fnmatch
import heapq
import itertools
import math
import random
from dataclasses import dataclass

from .transport import MAX_CONNECTIONS


@dataclass(frozen=True)
class Quota:
    """Alibaba's limit: ``calls`` per ``window`` seconds per account and region.

    Attributes:
        source: where the figure comes from, or what is assumed and why.
    """

    calls: int
    window: float
    source: str = "assumed"


# Calls in flight at once: as many as the transport's pool has connections, so none
# waits for one after it was counted against its quota.
IN_FLIGHT = MAX_CONNECTIONS
# Calls in flight at once to one endpoint (a product in a region): the load on any
# one service stays modest, and so does the number of connections to each host. A
# central endpoint (RAM, STS, OSS's control plane) answers for every region at once.
IN_FLIGHT_PER_ENDPOINT = 16
IN_FLIGHT_PER_CENTRAL_ENDPOINT = 128

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
    ("r-kvstore", "DescribeSecurityIps", Quota(200, 60, "Redis quota: 200/60 s")),
    ("r-kvstore", "*", Quota(100, 1, "Redis quota: DescribeInstanceConfig 100/1 s")),
    ("dds", "DescribeAuditPolicy", Quota(30, 60, "MongoDB API: 30 per minute")),
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


class _Endpoint:
    """One service endpoint (a product in a region): its calls in flight."""

    def __init__(self, size: int):
        self.free = size
        # Windows with calls waiting that found every slot here taken.
        self.parked: set[_Window] = set()


class _Window:
    """One (product, region, action): the places its quota allows, and who waits.

    A call holds a place from the moment it is sent until a whole window after its
    answer (or its failure): the gateway counted it at some moment in between, so a
    call sent on that place afterwards reaches the gateway more than a window later
    and can never share one of its fixed windows.
    """

    def __init__(self, quota: Quota, endpoint: _Endpoint):
        self.limit = max(1, int(quota.calls))
        self.span = quota.window
        self.endpoint = endpoint
        self.unanswered = 0
        # When each answered call stops counting, earliest first.
        self.expiries: collections.deque[float] = collections.deque()
        self.paused_until = 0.0
        self.waiting: collections.deque[asyncio.Future[None]] = collections.deque()
        self.timer: asyncio.TimerHandle | None = None

    @property
    def windows_to_go(self) -> int:
        """Whole windows the calls waiting here still have to wait, at least."""
        return -(-len(self.waiting) // self.limit)

    def next_place(self, now: float) -> float | None:
        """None if a place is free now, else when one may be (inf: at an answer)."""
        while self.expiries and self.expiries[0] <= now:
            self.expiries.popleft()
        if now < self.paused_until:
            return self.paused_until
        if self.unanswered + len(self.expiries) < self.limit:
            return None
        return self.expiries[0] if self.expiries else math.inf


class _Slot:
    """``async with`` around one call: sent when the pacer says, answered on exit."""

    def __init__(self, pacer: Pacer, window: _Window):
        self._pacer = pacer
        self._window = window

    async def __aenter__(self) -> None:
        await self._pacer._send_when_allowed(self._window)

    async def __aexit__(self, *exc_info: object) -> None:
        self._pacer._answered(self._window)


class Pacer:
    """Sends each call when its quota, its endpoint and the calls in flight allow.

    A call goes when its (product, region, action) window has a place, its endpoint
    (product, region) has fewer than ``per_endpoint`` calls in flight and fewer than
    ``in_flight`` calls are in flight in all; it takes all three at once, so no place
    runs down while its call waits for something else. Among the calls that could
    go, those of the action with the most windows still to wait go first: they are
    the scan's critical path, while an action that fits in one window can wait its
    turn without making the scan longer. Between actions equally far from done, the
    one with fewer calls waiting goes first: a list's next page is one call and the
    reads of its resources wait for it. Calls of one action go in the order they
    came.

    Args:
        quotas: overrides of the quota per (product, action), for tests.
        in_flight: calls in flight at once, across every endpoint.
        per_endpoint: calls in flight at once to one regional endpoint.
        per_central_endpoint: the same for an endpoint that serves every region.
    """

    def __init__(
        self,
        quotas: dict[tuple[str, str], Quota] | None = None,
        *,
        in_flight: int = IN_FLIGHT,
        per_endpoint: int = IN_FLIGHT_PER_ENDPOINT,
        per_central_endpoint: int = IN_FLIGHT_PER_CENTRAL_ENDPOINT,
    ):
        self._quotas = quotas or {}
        self._free = in_flight
        self._per_endpoint = per_endpoint
        self._per_central = per_central_endpoint
        self._windows: dict[tuple[str, str | None, str], _Window] = {}
        self._endpoints: dict[tuple[str, str | None], _Endpoint] = {}
        # (-windows to go, calls waiting, arrival, window) of windows whose calls may
        # go; an entry whose window has since changed rank is skipped.
        self._ready: list[tuple[int, int, int, _Window]] = []
        self._arrivals = itertools.count()

    def slot(self, product: str, region: str | None, action: str) -> _Slot:
        """Wrap one call in ``async with pacer.slot(...)``."""
        return _Slot(self, self._window(product, region, action))

    def pause(
        self, product: str, region: str | None, action: str, seconds: float
    ) -> None:
        """The cloud throttled this action: hold it back for ``seconds``."""
        window = self._window(product, region, action)
        loop = asyncio.get_running_loop()
        window.paused_until = max(window.paused_until, loop.time() + seconds)
        if window.timer is not None:
            window.timer.cancel()
            self._wake(window)

    def _window(self, product: str, region: str | None, action: str) -> _Window:
        key = (product, region, action)
        window = self._windows.get(key)
        if window is None:
            quota = self._quotas.get((product, action)) or quota_for(product, action)
            endpoint = self._endpoint(product, region)
            window = self._windows[key] = _Window(quota, endpoint)
        return window

    def _endpoint(self, product: str, region: str | None) -> _Endpoint:
        endpoint = self._endpoints.get((product, region))
        if endpoint is None:
            size = self._per_central if region is None else self._per_endpoint
            endpoint = self._endpoints[(product, region)] = _Endpoint(size)
        return endpoint

    async def _send_when_allowed(self, window: _Window) -> None:
        loop = asyncio.get_running_loop()
        if (
            not window.waiting
            and self._free
            and window.endpoint.free
            and window.next_place(loop.time()) is None
        ):
            self._take(window)
            return
        turn = loop.create_future()
        window.waiting.append(turn)
        self._rank(window)
        self._dispatch(loop)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.cancelled():
                window.waiting.remove(turn)
            else:  # sent just as it was cancelled: its place is spent all the same
                self._answered(window)
            raise

    def _answered(self, window: _Window) -> None:
        loop = asyncio.get_running_loop()
        self._free += 1
        window.unanswered -= 1
        window.expiries.append(loop.time() + window.span)
        endpoint = window.endpoint
        endpoint.free += 1
        for parked in endpoint.parked:
            self._rank(parked)
        endpoint.parked.clear()
        if window.waiting and window.timer is None:
            self._rank(window)  # it may have been set aside with every place taken
        self._dispatch(loop)

    def _take(self, window: _Window) -> None:
        self._free -= 1
        window.endpoint.free -= 1
        window.unanswered += 1

    def _rank(self, window: _Window) -> None:
        entry = (*self._urgency(window), next(self._arrivals), window)
        heapq.heappush(self._ready, entry)

    @staticmethod
    def _urgency(window: _Window) -> tuple[int, int]:
        """Most windows to go first; then fewest calls waiting (smallest first)."""
        return -window.windows_to_go, len(window.waiting)

    def _wake(self, window: _Window) -> None:
        window.timer = None
        self._rank(window)
        self._dispatch(asyncio.get_running_loop())

    def _dispatch(self, loop: asyncio.AbstractEventLoop) -> None:
        """Send the most urgent calls that may go now, while calls may be in flight."""
        now = loop.time()
        while self._free and self._ready:
            entry = self._ready[0]
            window = entry[-1]
            if not window.waiting or entry[:2] != self._urgency(window):
                heapq.heappop(self._ready)  # stale: a newer entry ranks it
                continue
            heapq.heappop(self._ready)
            if not window.endpoint.free:
                window.endpoint.parked.add(window)  # ranked again at an answer
                continue
            at = window.next_place(now)
            if at is not None:
                if at != math.inf and window.timer is None:
                    window.timer = loop.call_at(at, self._wake, window)
                continue  # at inf, the window's next answer frees a place
            turn = window.waiting.popleft()
            if not turn.done():  # else it was cancelled while it waited
                self._take(window)
                turn.set_result(None)
            if window.waiting:
                self._rank(window)
