"""The pacer on a virtual clock: what it lets through, and when, is exact.

The loop below jumps its clock to the next timer instead of waiting for it, so a
scenario of many seconds runs in milliseconds and its times can be asserted exactly.
"""

from __future__ import annotations

import asyncio
import selectors

import pytest

from cloud_checkup.app.cloud.pacing import Pacer, Quota, quota_for
from cloud_checkup.app.collections import all_collections
from cloud_checkup.sandbox.limits import limit_for

QUOTA = {("ram", "GetUser"): Quota(calls=3, window=1.0)}


class _VirtualSelector(selectors.DefaultSelector):
    """Never blocks: a wait for a timer moves the loop's clock on instead."""

    def __init__(self, clock: list[float]):
        super().__init__()
        self._clock = clock

    def select(self, timeout=None):
        ready = super().select(0)
        if not ready and timeout:
            self._clock[0] += timeout
        return ready


class _VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._virtual = [0.0]
        super().__init__(_VirtualSelector(self._virtual))

    def time(self) -> float:
        return self._virtual[0]


def _run(scenario):
    loop = _VirtualLoop()
    try:
        return loop.run_until_complete(scenario())
    finally:
        loop.close()


async def _calls(pacer: Pacer, answers_after: list[float], region="cn-hangzhou"):
    """(sent, answered) virtual times of one call per answer delay."""
    loop = asyncio.get_running_loop()

    async def one(delay: float) -> tuple[float, float]:
        async with pacer.slot("ram", region, "GetUser"):
            sent = loop.time()
            await asyncio.sleep(delay)
            return sent, loop.time()

    return await asyncio.gather(*(one(delay) for delay in answers_after))


def _most_in_one_window(flights: list[tuple[float, float]], window: float) -> int:
    """The most calls one fixed window of ``window`` s can count, wherever it starts.

    A call reaches the gateway somewhere between being sent and its answer, so
    a window [x, x + window) may count it when x lies in (sent - window,
    answered]. The most are counted at some call's answer; a nanosecond's slack
    absorbs the rounding of the virtual clock's sums.
    """
    return max(
        sum(
            1
            for sent, answered in flights
            if sent - window < x - 1e-9 and x <= answered
        )
        for x in (answered for _, answered in flights)
    )


def test_no_fixed_window_can_count_more_than_the_quota_however_late_answers_come():
    answers_after = [0.05, 0.9, 0.3, 0.05, 0.6, 0.2, 0.05, 0.7, 0.1, 0.4, 0.05, 0.8]
    flights = _run(lambda: _calls(Pacer(QUOTA), answers_after))
    assert len(flights) == 12
    assert _most_in_one_window(flights, 1.0) <= 3


def test_the_quota_is_spent_whole_each_window_and_a_round_trip():
    flights = _run(lambda: _calls(Pacer(QUOTA), [0.1] * 9))
    # Three at once, three more a window after their answers, and so on.
    assert sorted(sent for sent, _ in flights) == pytest.approx(
        [0.0] * 3 + [1.1] * 3 + [2.2] * 3
    )


def test_each_region_has_its_own_allowance():
    async def scenario():
        pacer = Pacer(QUOTA)
        return await asyncio.gather(
            _calls(pacer, [0.1] * 3, region="cn-hangzhou"),
            _calls(pacer, [0.1] * 3, region="cn-shanghai"),
        )

    hangzhou, shanghai = _run(scenario)
    assert [sent for sent, _ in hangzhou + shanghai] == [0.0] * 6


def test_a_throttled_action_waits_for_the_time_the_cloud_asked_for():
    async def scenario():
        pacer = Pacer(QUOTA)
        pacer.pause("ram", "cn-hangzhou", "GetUser", 2.5)
        return await _calls(pacer, [0.1])

    assert _run(scenario)[0][0] == pytest.approx(2.5)


def test_calls_in_flight_are_capped():
    async def scenario():
        pacer = Pacer({("ram", "GetUser"): Quota(100, 1.0)}, in_flight=2)
        return await _calls(pacer, [0.5] * 4)

    flights = _run(scenario)
    # Two at a time: the second pair starts as the first pair is answered.
    assert sorted(answered for _, answered in flights) == pytest.approx(
        [0.5, 0.5, 1.0, 1.0]
    )


def test_each_endpoint_has_its_own_cap_on_calls_in_flight():
    quotas = {("ram", "GetUser"): Quota(100, 1.0)}

    async def scenario():
        pacer = Pacer(quotas, in_flight=10, per_endpoint=2, per_central_endpoint=3)
        return await asyncio.gather(
            _calls(pacer, [0.5] * 4, region="cn-hangzhou"),
            _calls(pacer, [0.5] * 2, region="cn-shanghai"),
            _calls(pacer, [0.5] * 4, region=None),  # the one endpoint for all
        )

    hangzhou, shanghai, central = _run(scenario)
    assert sorted(sent for sent, _ in hangzhou) == [0.0, 0.0, 0.5, 0.5]
    assert [sent for sent, _ in shanghai] == [0.0, 0.0]
    assert sorted(sent for sent, _ in central) == [0.0, 0.0, 0.0, 0.5]


def test_a_call_cancelled_while_it_waits_leaves_its_turn_to_the_next():
    async def scenario():
        pacer = Pacer(QUOTA, in_flight=1)
        first = asyncio.ensure_future(_calls(pacer, [0.5]))
        await asyncio.sleep(0)
        doomed = asyncio.ensure_future(_calls(pacer, [0.5]))
        last = asyncio.ensure_future(_calls(pacer, [0.5]))
        await asyncio.sleep(0.1)
        doomed.cancel()
        return await first, await last

    first, last = _run(scenario)
    assert last[0][0] == pytest.approx(0.5)


def test_the_action_with_the_most_windows_to_go_is_sent_first():
    quotas = {("ram", "GetUser"): Quota(2, 1.0), ("ram", "GetRole"): Quota(100, 1.0)}

    async def scenario():
        pacer = Pacer(quotas, in_flight=1)
        sent: list[str] = []

        async def call(action: str) -> None:
            async with pacer.slot("ram", "global", action):
                sent.append(action)
                await asyncio.sleep(0.1)

        blocker = asyncio.ensure_future(call("GetRole"))
        await asyncio.sleep(0)  # the blocker holds the only call in flight
        roles = [call("GetRole") for _ in range(3)]
        users = [call("GetUser") for _ in range(6)]  # two windows still to wait
        await asyncio.gather(blocker, *roles, *users)
        return sent

    sent = _run(scenario)
    # GetUser's first two go before GetRole's three, whose one window is enough.
    assert sent[:6] == ["GetRole", "GetUser", "GetUser", "GetRole", "GetRole"] + [
        "GetRole"
    ]


def test_between_equally_urgent_actions_the_one_with_fewer_calls_goes_first():
    async def scenario():
        pacer = Pacer(in_flight=1)
        sent: list[str] = []

        async def call(action: str) -> None:
            async with pacer.slot("ecs", "cn-hangzhou", action):
                sent.append(action)
                await asyncio.sleep(0.1)

        blocker = asyncio.ensure_future(call("DescribeRegions"))
        await asyncio.sleep(0)
        reads = [call("DescribeDisks") for _ in range(3)]
        page = call("DescribeInstances")  # a list's next page, asked last
        await asyncio.gather(blocker, *reads, page)
        return sent

    assert _run(scenario)[:3] == ["DescribeRegions", "DescribeInstances"] + [
        "DescribeDisks"
    ]


def test_the_app_holds_every_action_it_calls_to_the_limit_the_sandbox_enforces():
    # Two transcriptions of the same quota pages: the app may not import the
    # sandbox, so this keeps them from drifting apart.
    called = {("sts", "GetCallerIdentity"), ("ram", "GetAccountAlias")}
    called |= {("ecs", "DescribeRegions")}
    for spec in all_collections().values():
        called |= {(spec.product, action) for action in spec.actions}
    for product, action in sorted(called):
        quota, limit = quota_for(product, action), limit_for(product, action)
        assert limit is not None
        assert (quota.calls, quota.window) == (limit.calls, limit.window), action
