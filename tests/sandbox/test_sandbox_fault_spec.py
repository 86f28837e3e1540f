"""The ``--faults`` spec, the rate-limit table, and schedules of faults."""

from __future__ import annotations

import json

import pytest
from sandbox_client import Client

from cloud_checkup.sandbox import SandboxThread
from cloud_checkup.sandbox.faults import FaultRule, Faults, faults_from_spec
from cloud_checkup.sandbox.limits import RATE_LIMITS, limit_for

ECS = "ecs.cn-hangzhou.aliyuncs.com"
RAM = "ram.aliyuncs.com"


def test_spec_reads_rules_seed_and_limits():
    faults = faults_from_spec(
        "seed=7; latency=0.05 ; ecs:DescribeInstances@throttle=1,times=3;limits=alibaba"
    )
    assert faults.seed == 7 and faults.rate_limits
    assert faults.rules == [
        FaultRule(match="*", latency=0.05),
        FaultRule(match="ecs:DescribeInstances", throttle=1.0, times=3),
    ]


@pytest.mark.parametrize(
    "spec", ["ecs:*@trottle=1", "ecs:*@throttle=often", "limits=maybe", "seed=x"]
)
def test_spec_refuses_what_it_does_not_know(spec):
    with pytest.raises(ValueError):
        faults_from_spec(spec)


def test_spec_may_be_a_file(tmp_path):
    path = tmp_path / "faults.json"
    path.write_text(json.dumps({"seed": 2, "rules": [{"match": "oss:*", "drop": 1}]}))
    faults = faults_from_spec(str(path))
    assert faults.seed == 2 and faults.rules[0].drop == 1


def test_times_and_after_make_a_schedule(dataset):
    rule = FaultRule(match="ecs:DescribeInstances", server_error=1, after=1, times=2)
    with SandboxThread(dataset, faults=Faults([rule])) as sandbox:
        client = Client(sandbox.url)
        statuses = [client.v3(ECS, "DescribeInstances").status for _ in range(5)]
    assert statuses == [200, 500, 500, 200, 200]


def test_alibaba_limits_throttle_above_the_published_rate(dataset):
    now = [500.0]
    faults = Faults([], clock=lambda: now[0], rate_limits=True)
    with SandboxThread(dataset, faults=faults) as sandbox:
        client = Client(sandbox.url)
        replies = [client.v3(RAM, "ListUsers") for _ in range(101)]
        assert [r.status for r in replies].count(200) == 100  # RAM: 100/1 s
        assert replies[-1].json()["Code"] == "Throttling.User"
        assert replies[-1].headers["x-acs-retry-after"] == "1000"
        now[0] = 501.0
        assert client.v3(RAM, "ListUsers").status == 200
    assert faults.throttled == 1


def test_limits_are_off_unless_asked(dataset):
    with SandboxThread(dataset, faults=Faults([])) as sandbox:
        client = Client(sandbox.url)
        assert all(client.v3(RAM, "ListUsers").status == 200 for _ in range(120))


def test_the_limit_table_covers_every_product_and_says_where_figures_come_from():
    assert limit_for("ecs", "DescribeInstances").window == 60
    assert limit_for("sas", "DescribeVersionConfig").per_second == 10
    assert limit_for("vpc", "DescribeNetworkAcls").calls == 30
    assert limit_for("some-new-product", "ListThings") is not None
    assert all(limit.source for _, _, limit in RATE_LIMITS)


def test_malformed_and_doctype_bodies(dataset):
    rules = [
        FaultRule(match="ecs:*", malformed=1),
        FaultRule(match="oss:*", doctype=1),
    ]
    with SandboxThread(dataset, faults=Faults(rules)) as sandbox:
        client = Client(sandbox.url)
        reply = client.v3(ECS, "DescribeInstances")
        assert reply.status == 200
        with pytest.raises(ValueError):
            reply.json()
        listing = client.oss_v4("oss-cn-hangzhou.aliyuncs.com", None, {})
        assert "<!DOCTYPE" in listing.text and "SYSTEM" in listing.text
