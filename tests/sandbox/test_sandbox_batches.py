"""Per-resource reads that name many resources in one call (ECS auto-renewal)."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_client import make_dataset

ECS = "ecs.cn-hangzhou.aliyuncs.com"
ACTION = "DescribeInstanceAutoRenewAttribute"
IDS = [f"i-{n:03}" for n in range(120)]


def _renewal(instance_id: str) -> dict[str, Any]:
    attribute = {"InstanceId": instance_id, "RenewalStatus": "AutoRenewal"}
    return {"InstanceRenewAttributes": {"InstanceRenewAttribute": [attribute]}}


@pytest.fixture
def dataset() -> dict[str, Any]:
    data = make_dataset()
    responses = {instance_id: _renewal(instance_id) for instance_id in IDS}
    responses["i-lapsed"] = {"$error": {"Code": "InvalidInstance.NotPrepaid"}}
    ecs = data["services"]["ecs"]["cn-hangzhou"]
    ecs[ACTION] = {"by": "InstanceId", "responses": responses}
    return data


def _listed(reply) -> list[str]:
    attributes = reply.json()["InstanceRenewAttributes"]["InstanceRenewAttribute"]
    return [a["InstanceId"] for a in attributes]


def test_one_call_answers_every_resource_it_names_page_by_page(client):
    named = ",".join(IDS[:100])
    first = client.v3(ECS, ACTION, {"InstanceId": named, "PageSize": "100"})
    assert _listed(first) == IDS[:100]
    assert first.json()["TotalCount"] == 100

    # Asked without a page size, the answer holds Alibaba's default of 10 a page.
    default = client.v3(ECS, ACTION, {"InstanceId": named})
    assert _listed(default) == IDS[:10]
    second = client.v3(ECS, ACTION, {"InstanceId": named, "PageNumber": "2"})
    assert _listed(second) == IDS[10:20]


def test_an_unknown_id_is_left_out_of_the_answer(client):
    reply = client.v3(ECS, ACTION, {"InstanceId": "i-000,i-404,i-001"})
    assert reply.status == 200
    assert _listed(reply) == ["i-000", "i-001"]


def test_more_ids_than_the_action_takes_are_refused(client):
    reply = client.v3(ECS, ACTION, {"InstanceId": ",".join(IDS[:101])})
    assert (reply.status, reply.json()["Code"]) == (400, "InvalidParameter")


def test_an_error_about_one_named_resource_fails_the_call(client):
    reply = client.v3(ECS, ACTION, {"InstanceId": "i-000,i-lapsed"})
    assert reply.json()["Code"] == "InvalidInstance.NotPrepaid"
