"""Sandbox fault injection: latency, throttling, server errors, drops, bad bodies.

A :class:`Faults` object is one more pipeline stage, run after authentication and
permission checks and just before the dataset answers. Random faults draw from one
seeded generator, so a run with the same seed and the same request order fails the
same way; ``after`` and ``times`` turn a rule into a schedule (a throttling storm of
the first five calls). :func:`faults_from_spec` reads the command line's form.
"""

from __future__ import annotations

import asyncio
import fnmatch
import json
import math
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cloud_checkup.sandbox.errors import ApiError
from cloud_checkup.sandbox.limits import RateLimit, limit_for

if TYPE_CHECKING:
    from cloud_checkup.sandbox.server import Call

# What a body fault does to an answer that is otherwise fine.
TRUNCATE = "truncate"  # announce the whole length, send half, close
MALFORMED = "malformed"  # a 200 whose body is not what the content type says
DOCTYPE = "doctype"  # an XML body with a DOCTYPE declaring an external entity


class DropConnection(Exception):
    """Raised by a stage to close the connection without answering."""


@dataclass(frozen=True)
class FaultRule:
    """Faults for the actions matching ``match`` (``product:Action``, ``*`` wildcard).

    Attributes:
        latency: seconds added before answering.
        hang: seconds to wait before answering at all, for a client's read timeout
            to fire (a timeout, as opposed to plain latency).
        throttle, server_error, unavailable, drop, truncate, malformed, doctype:
            probabilities (0-1) of a ``Throttling.User`` 400 (OSS: a 503), an
            ``InternalError`` 500, a ``ServiceUnavailable`` 503, a dropped
            connection, a body cut in half, a body that does not parse, and an XML
            body with a DOCTYPE and an external entity.
        rate_limit: calls per second per (product, region, action) above which the
            caller gets ``Throttling.User`` with ``x-acs-retry-after``.
        after: the rule leaves the first ``after`` matching calls alone.
        times: the rule applies to at most this many matching calls (after
            ``after``), then lets the rest through: a bounded storm a client can
            outlast by retrying.
    """

    match: str = "*"
    latency: float = 0.0
    hang: float = 0.0
    throttle: float = 0.0
    server_error: float = 0.0
    unavailable: float = 0.0
    drop: float = 0.0
    truncate: float = 0.0
    malformed: float = 0.0
    doctype: float = 0.0
    rate_limit: float | None = None
    after: int = 0
    times: int | None = None

    def matches(self, product: str, action: str) -> bool:
        return fnmatch.fnmatchcase(f"{product}:{action}".lower(), self.match.lower())


class Faults:
    """The fault stage: ``await faults(call)`` raises, delays or marks the call.

    Args:
        rules: every matching rule applies, in order.
        seed: seed of the random generator behind the probabilistic faults.
        clock: wall-clock seconds, for rate-limit windows (tests pass a fake one).
        rate_limits: enforce Alibaba's per-action rate limits from
            :mod:`cloud_checkup.sandbox.limits` (off by default).
    """

    def __init__(
        self,
        rules: list[FaultRule],
        seed: int = 0,
        clock: Callable[[], float] = time.time,
        *,
        rate_limits: bool = False,
    ):
        self.rules = list(rules)
        self.seed = seed
        self.rate_limits = rate_limits
        self.throttled = 0
        self._random = random.Random(seed)
        self._clock = clock
        self._windows: dict[tuple[str, ...], tuple[int, int]] = {}
        self._seen: dict[int, int] = {}
        self._fired: dict[int, int] = {}

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Faults:
        """Build from ``{seed: 1, rate_limits: true, rules: [{match: ..., ...}]}``."""
        known = {f.name for f in fields(FaultRule)}
        rules = []
        for index, rule in enumerate(data.get("rules", [])):
            unknown = set(rule) - known
            if unknown:
                raise ValueError(f"faults rule {index}: unknown keys {sorted(unknown)}")
            rules.append(FaultRule(**rule))
        return cls(
            rules,
            seed=int(data.get("seed", 0)),
            rate_limits=bool(data.get("rate_limits", False)),
        )

    async def __call__(self, call: Call) -> None:
        product, action = call.product or "", call.action or ""
        if self.rate_limits:
            limit = limit_for(product, action)
            if limit is not None:
                self._check_window(limit, call)
        for index, rule in enumerate(self.rules):
            if rule.matches(product, action) and self._scheduled(index, rule):
                await self._apply(rule, call)
        return None

    def _scheduled(self, index: int, rule: FaultRule) -> bool:
        seen = self._seen.get(index, 0) + 1
        self._seen[index] = seen
        if seen <= rule.after:
            return False
        fired = self._fired.get(index, 0)
        if rule.times is not None and fired >= rule.times:
            return False
        self._fired[index] = fired + 1
        return True

    async def _apply(self, rule: FaultRule, call: Call) -> None:
        if rule.latency:
            await asyncio.sleep(rule.latency)
        if rule.hang:
            await asyncio.sleep(rule.hang)
        if rule.rate_limit is not None:
            self._check_window(RateLimit(rule.rate_limit, 1.0), call)
        if self._happens(rule.drop):
            raise DropConnection
        if self._happens(rule.throttle):
            self.throttled += 1
            raise _throttled(call, retry_after_ms=1000)
        if self._happens(rule.server_error):
            raise _server_error(call, unavailable=False)
        if self._happens(rule.unavailable):
            raise _server_error(call, unavailable=True)
        for kind in (TRUNCATE, MALFORMED, DOCTYPE):
            if self._happens(getattr(rule, kind)):
                call.body_fault = kind

    def _happens(self, probability: float) -> bool:
        return probability > 0 and self._random.random() < probability

    def _check_window(self, limit: RateLimit, call: Call) -> None:
        """Fixed windows per (product, region, action), as Alibaba counts them."""
        key = (call.product or "", call.region or "", call.action or "")
        now = self._clock()
        window = math.floor(now / limit.window) * limit.window
        start, count = self._windows.get(key, (window, 0))
        if start != window:
            start, count = window, 0
        count += 1
        self._windows[key] = (start, count)
        if count > limit.calls:
            self.throttled += 1
            retry_after = max(1, math.ceil((window + limit.window - now) * 1000))
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


def faulty_body(kind: str, body: bytes, is_oss: bool) -> bytes:
    """The body a body fault sends in place of ``body`` (truncation is the server's)."""
    if kind == DOCTYPE:
        # An entity that would read a local file if a parser expanded it.
        return (
            b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!DOCTYPE Result [<!ENTITY leak SYSTEM "file:///etc/hostname">]>\n'
            b"<Result><Name>&leak;</Name></Result>"
        )
    if kind == MALFORMED:
        # What a captive portal or a broken proxy sends with a 200.
        return b"<html><body>502 Bad Gateway</body></html>" if not is_oss else b"{]"
    return body


# --- the command line's form ----------------------------------------------------

_FLOAT_KEYS = {f.name for f in fields(FaultRule)} - {"match", "after", "times"}
_INT_KEYS = {"after", "times"}


def faults_from_spec(text: str) -> Faults:
    """Parse ``--faults``: a JSON/YAML file, or rules separated by ``;``.

    A rule is ``[PATTERN@]key=value[,key=value...]``, PATTERN a ``product:Action``
    pattern (default ``*``). Two settings stand alone: ``seed=N`` and
    ``limits=alibaba`` (enforce the per-action rate-limit table). Example::

        seed=7;latency=0.05;ecs:DescribeInstances@throttle=1,times=3;limits=alibaba

    Raises:
        ValueError: the text names an unknown key or a value that is not a number.
    """
    path = Path(text)
    if text.endswith((".json", ".yaml", ".yml")) and path.is_file():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError(f"{text}: faults file must hold a mapping")
        return Faults.from_mapping(loaded)
    if text.lstrip().startswith("{"):
        return Faults.from_mapping(json.loads(text))
    seed, limits, rules = 0, False, []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        if part.startswith("seed="):
            seed = _number(part, part[5:], int)
        elif part.startswith("limits="):
            limits = _limits_switch(part[7:])
        else:
            rules.append(_rule(part))
    return Faults(rules, seed=seed, rate_limits=limits)


def _rule(part: str) -> FaultRule:
    pattern, _, settings = part.rpartition("@")
    values: dict[str, Any] = {"match": pattern or "*"}
    for setting in filter(None, settings.split(",")):
        key, sep, raw = setting.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or key not in _FLOAT_KEYS | _INT_KEYS:
            known = ", ".join(sorted(_FLOAT_KEYS | _INT_KEYS))
            raise ValueError(f"faults {part!r}: {setting!r} is not one of {known}")
        values[key] = _number(part, raw, int if key in _INT_KEYS else float)
    return FaultRule(**values)


def _number(part: str, raw: str, kind: type) -> Any:
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(f"faults {part!r}: {raw!r} is not a number") from None


def _limits_switch(raw: str) -> bool:
    if raw in ("alibaba", "on"):
        return True
    if raw == "off":
        return False
    raise ValueError(f"faults limits={raw!r}: use limits=alibaba or limits=off")
