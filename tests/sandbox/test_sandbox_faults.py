"""Fault injection: throttling with a retry hint, server errors, drops, truncation,
rate limits, latency; all seeded and per product/action."""

from __future__ import annotations

import http.client
import time

import pytest
from sandbox_client import Client

from cloud_checkup.sandbox import FaultRule, Faults, SandboxThread

ECS = "ecs.cn-hangzhou.aliyuncs.com"
VPC = "vpc.cn-hangzhou.aliyuncs.com"


def serve(dataset, *rules: FaultRule, seed: int = 0) -> SandboxThread:
    return SandboxThread(dataset, faults=Faults(list(rules), seed=seed))


def test_throttle_answers_throttling_user_with_retry_after(dataset):
    with serve(dataset, FaultRule(match="ecs:DescribeInstances", throttle=1.0)) as sb:
        reply = Client(sb.url).v3(ECS, "DescribeInstances")
        assert (reply.status, reply.json()["Code"]) == (400, "Throttling.User")
        assert reply.headers["x-acs-retry-after"] == "1000"
        # Other actions are untouched.
        assert Client(sb.url).v3(VPC, "DescribeVpcs").status == 200


def test_server_errors(dataset):
    rules = (
        FaultRule(match="ecs:*", server_error=1.0),
        FaultRule(match="vpc:*", unavailable=1.0),
    )
    with serve(dataset, *rules) as sb:
        assert Client(sb.url).v3(ECS, "DescribeInstances").status == 500
        reply = Client(sb.url).v3(VPC, "DescribeVpcs")
        assert (reply.status, reply.json()["Code"]) == (503, "ServiceUnavailable")


def test_dropped_connection(dataset):
    with serve(dataset, FaultRule(drop=1.0)) as sb:
        with pytest.raises((http.client.HTTPException, ConnectionError)):
            Client(sb.url).v3(ECS, "DescribeInstances")
        assert sb.requests[-1].error_code == "ConnectionDropped"


def test_truncated_body(dataset):
    with (
        serve(dataset, FaultRule(truncate=1.0)) as sb,
        pytest.raises(http.client.IncompleteRead),
    ):
        Client(sb.url).v3(ECS, "DescribeInstances")


def test_rate_limit_throttles_calls_above_n_per_second(dataset):
    now = [100.25]
    faults = Faults([FaultRule(match="ecs:*", rate_limit=3)], clock=lambda: now[0])
    with SandboxThread(dataset, faults=faults) as sb:
        client = Client(sb.url)
        replies = [client.v3(ECS, "DescribeInstances") for _ in range(5)]
        assert [r.status for r in replies] == [200, 200, 200, 400, 400]
        assert replies[3].json()["Code"] == "Throttling.User"
        assert replies[3].headers["x-acs-retry-after"] == "750"
        # Another action has its own allowance; the next second starts afresh.
        assert client.v3(ECS, "DescribeDisks").status == 200
        now[0] = 101.0
        assert client.v3(ECS, "DescribeInstances").status == 200


def test_latency_is_added(dataset):
    with serve(dataset, FaultRule(match="ecs:*", latency=0.2)) as sb:
        started = time.monotonic()
        assert Client(sb.url).v3(ECS, "DescribeInstances").status == 200
        assert time.monotonic() - started >= 0.2


def test_same_seed_same_faults(dataset):
    def run(seed: int) -> list[int]:
        with serve(dataset, FaultRule(throttle=0.5), seed=seed) as sb:
            client = Client(sb.url)
            return [client.v3(ECS, "DescribeInstances").status for _ in range(12)]

    first = run(7)
    assert first == run(7)
    assert 200 in first and 400 in first


def test_faults_from_mapping_refuses_unknown_keys():
    faults = Faults.from_mapping({"seed": 3, "rules": [{"match": "ram:*", "drop": 1}]})
    assert faults.rules[0].matches("ram", "ListUsers")
    with pytest.raises(ValueError, match="unknown keys"):
        Faults.from_mapping({"rules": [{"trottle": 1}]})
