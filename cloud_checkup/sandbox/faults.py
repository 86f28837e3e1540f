"""Sandbox fault injection: latency, throttling, server errors, drops, truncation.

A :class:`Faults` object is one more pipeline stage, run after authentication and
permission checks and just before the dataset answers. Random faults draw from one
seeded generator, so a run with the same seed and the same request order fails the
same way.
"""

from __future__ import annotations

import asyncio
import fnmatch
import math
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from cloud_checkup.sandbox.errors import ApiError

if TYPE_CHECKING:
    from cloud_checkup.sandbox.server import Call


class DropConnection(Exception):
    """Raised by a stage to close the connection without answering."""


@dataclass(frozen=True)
class FaultRule:
    """Faults for the actions matching ``match`` (``product:Action``, ``*`` wildcard).

    Attributes:
        latency: seconds added before answering.
        throttle, server_error, unavailable, drop, truncate: probabilities (0-1) of a
            ``Throttling.User`` 400, ``InternalError`` 500, ``ServiceUnavailable``
            503, a dropped connection, and a body cut in half.
        rate_limit: calls per second per (product, region, action) above which the
            caller gets ``Throttling.User`` with ``x-acs-retry-after``.
    """

    match: str = "*"
    latency: float = 0.0
    throttle: float = 0.0
    server_error: float = 0.0
    unavailable: float = 0.0
    drop: float = 0.0
    truncate: float = 0.0
    rate_limit: float | None = None

    def matches(self, product: str, action: str) -> bool:
        return fnmatch.fnmatchcase(f"{product}:{action}".lower(), self.match.lower())


class Faults:
    """The fault stage: ``await faults(call)`` raises, delays or marks the call.

    Args:
        rules: every matching rule applies, in order.
        seed: seed of the random generator behind the probabilistic faults.
        clock: wall-clock seconds, for rate-limit windows (tests pass a fake one).
    """

    def __init__(
        self,
        rules: list[FaultRule],
        seed: int = 0,
        clock: Callable[[], float] = time.time,
    ):
        self.rules = list(rules)
        self._random = random.Random(seed)
        self._clock = clock
        self._windows: dict[tuple[str, ...], tuple[int, int]] = {}

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Faults:
        """Build from ``{seed: 1, rules: [{match: "ecs:*", throttle: 0.1}, ...]}``."""
        known = {f.name for f in fields(FaultRule)}
        rules = []
        for index, rule in enumerate(data.get("rules", [])):
            unknown = set(rule) - known
            if unknown:
                raise ValueError(f"faults rule {index}: unknown keys {sorted(unknown)}")
            rules.append(FaultRule(**rule))
        return cls(rules, seed=int(data.get("seed", 0)))

    async def __call__(self, call: Call) -> None:
        product, action = call.product or "", call.action or ""
        for rule in self.rules:
            if rule.matches(product, action):
                await self._apply(rule, call)
        return None

    async def _apply(self, rule: FaultRule, call: Call) -> None:
        if rule.latency:
            await asyncio.sleep(rule.latency)
        if rule.rate_limit is not None:
            self._check_rate(rule.rate_limit, call)
        if self._happens(rule.drop):
            raise DropConnection
        if self._happens(rule.throttle):
            raise _throttled(call, retry_after_ms=1000)
        if self._happens(rule.server_error):
            raise _server_error(call, unavailable=False)
        if self._happens(rule.unavailable):
            raise _server_error(call, unavailable=True)
        if self._happens(rule.truncate):
            call.truncate = True

    def _happens(self, probability: float) -> bool:
        return probability > 0 and self._random.random() < probability

    def _check_rate(self, limit: float, call: Call) -> None:
        key = (call.product or "", call.region or "", call.action or "")
        now = self._clock()
        window = math.floor(now)
        start, count = self._windows.get(key, (window, 0))
        if start != window:
            start, count = window, 0
        count += 1
        self._windows[key] = (start, count)
        if count > limit:
            retry_after = max(1, math.ceil((window + 1 - now) * 1000))
            raise _throttled(call, retry_after)


def _throttled(call: Call, retry_after_ms: int) -> ApiError:
    if call.is_oss:
        return ApiError(
            "MetaOperationQpsLimitExceeded",
            503,
            "Please reduce your request rate.",
            extra={"EC": "0004-00000302"},
        )
    return ApiError(
        "Throttling.User",
        400,
        "Request was denied due to user flow control.",
        headers={"x-acs-retry-after": str(retry_after_ms)},
    )


def _server_error(call: Call, unavailable: bool) -> ApiError:
    if unavailable:
        return ApiError(
            "ServiceUnavailable",
            503,
            "The request has failed due to a temporary failure of the server.",
        )
    return ApiError(
        "InternalError",
        500,
        "The request processing has failed due to some unknown error.",
    )
