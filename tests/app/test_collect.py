"""Collecting inventory through the sandbox: every page, every region, honest gaps."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from harness import FAST_RETRY, base_dataset

from cloud_checkup.app.cloud import CloudClient
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.app.collect import Collector
from cloud_checkup.app.collections import (
    DetailCollection,
    ListCollection,
    Paging,
    Scope,
    all_collections,
)
from cloud_checkup.sandbox import Sandbox, load_dataset

REGIONS = ["cn-hangzhou", "ap-southeast-1"]


async def _collect(dataset, spec, parent_spec=None, regions=REGIONS):
    loaded = load_dataset(dataset)
    sandbox = Sandbox(loaded, host="127.0.0.1", port=0)
    await sandbox.start()
    try:
        identity = next(iter(loaded.identities.values()))
        credential = Credential(identity.access_key_id, identity.access_key_secret)
        async with Transport(Destination.sandbox(sandbox.url)) as transport:
            cloud = CloudClient(
                StaticCredentials(credential), transport, retry=FAST_RETRY
            )
            collector = Collector(cloud, regions)
            if parent_spec is None:
                return await collector.fetch_list(spec), sandbox.requests
            parent = await collector.fetch_list(parent_spec)
            return await collector.fetch_details(spec, parent), sandbox.requests
    finally:
        await sandbox.stop()


def collect(*args, **kwargs):
    return asyncio.run(_collect(*args, **kwargs))


SECURITY_GROUPS = ListCollection(
    name="test.security_groups",
    product="ecs",
    action="DescribeSecurityGroups",
    items="SecurityGroups.SecurityGroup",
    paging=Paging.NEXT_TOKEN,
    page_size=100,
    id_field="SecurityGroupId",
)


def _groups(region, count, prefix="sg"):
    return {
        "SecurityGroups": {
            "SecurityGroup": [
                {"SecurityGroupId": f"{prefix}-{region}-{i}", "RegionId": region}
                for i in range(count)
            ]
        }
    }


def test_next_token_paging_reads_every_page_in_every_region():
    services = {
        "ecs": {
            "cn-hangzhou": {"DescribeSecurityGroups": _groups("cn-hangzhou", 230)},
            "ap-southeast-1": {"DescribeSecurityGroups": _groups("ap-southeast-1", 5)},
        }
    }
    result, requests = collect(base_dataset(services), SECURITY_GROUPS)
    assert result.ok
    assert len(result.records) == 235
    assert {r.region for r in result.records} == set(REGIONS)
    # 230 groups at the action's maximum of 100 per page is three pages.
    pages = [r for r in requests if r.action == "DescribeSecurityGroups"]
    assert sum(1 for r in pages if r.region == "cn-hangzhou") == 3


def test_a_client_asking_for_more_than_the_maximum_still_gets_everything():
    greedy = ListCollection(**{**SECURITY_GROUPS.__dict__, "page_size": 1000})
    services = {
        "ecs": {"cn-hangzhou": {"DescribeSecurityGroups": _groups("cn-hangzhou", 150)}}
    }
    result, _ = collect(base_dataset(services), greedy, regions=["cn-hangzhou"])
    assert len(result.records) == 150


def test_page_number_paging_stops_at_the_total_count():
    spec = ListCollection(
        name="test.vpcs",
        product="vpc",
        action="DescribeVpcs",
        items="Vpcs.Vpc",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        id_field="VpcId",
    )
    vpcs = {"Vpcs": {"Vpc": [{"VpcId": f"vpc-{i}"} for i in range(120)]}}
    services = {"vpc": {"cn-hangzhou": {"DescribeVpcs": vpcs}}}
    result, requests = collect(base_dataset(services), spec, regions=["cn-hangzhou"])
    assert len(result.records) == 120
    assert sum(1 for r in requests if r.action == "DescribeVpcs") == 3


def test_marker_paging_follows_is_truncated():
    spec = ListCollection(
        name="test.users",
        product="ram",
        action="ListUsers",
        items="Users.User",
        scope=Scope.GLOBAL,
        paging=Paging.MARKER,
        page_size=100,
        id_field="UserId",
    )
    users = {
        "Users": {"User": [{"UserId": str(i), "UserName": f"u{i}"} for i in range(250)]}
    }
    result, _ = collect(base_dataset({"ram": {"global": {"ListUsers": users}}}), spec)
    assert [r["UserName"] for r in result.records][-1] == "u249"
    assert len(result.records) == 250


def test_oss_marker_paging_reads_every_bucket():
    spec = ListCollection(
        name="test.buckets",
        product="oss",
        action="ListBuckets",
        items="ListAllMyBucketsResult.Buckets.Bucket",
        scope=Scope.GLOBAL,
        paging=Paging.OSS_MARKER,
        page_size=100,
        id_field="Name",
    )
    buckets = [
        {
            "Name": f"bucket-{i:03d}",
            "Location": "oss-cn-hangzhou",
            "Region": "cn-hangzhou",
        }
        for i in range(130)
    ]
    listing = {"ListAllMyBucketsResult": {"Buckets": {"Bucket": buckets}}}
    result, _ = collect(
        base_dataset({"oss": {"global": {"ListBuckets": listing}}}), spec
    )
    assert len(result.records) == 130
    assert result.records[0].region == "cn-hangzhou"


def test_the_same_resource_from_two_regional_endpoints_is_kept_once():
    shared = {"SecurityGroups": {"SecurityGroup": [{"SecurityGroupId": "sg-shared"}]}}
    services = {
        "ecs": {
            "cn-hangzhou": {"DescribeSecurityGroups": shared},
            "ap-southeast-1": {"DescribeSecurityGroups": shared},
        }
    }
    result, _ = collect(base_dataset(services), SECURITY_GROUPS)
    assert [r["SecurityGroupId"] for r in result.records] == ["sg-shared"]


def test_a_denied_list_marks_the_collection_unreadable_with_the_missing_action():
    services = {
        "ecs": {"cn-hangzhou": {"DescribeSecurityGroups": _groups("cn-hangzhou", 3)}}
    }
    dataset = base_dataset(services, deny=["ecs:DescribeSecurityGroups"])
    result, _ = collect(dataset, SECURITY_GROUPS)
    assert not result.ok
    assert "permission denied" in result.error
    assert result.missing_actions == ("ecs:DescribeSecurityGroups",)


@pytest.mark.parametrize("code", ["InstanceEngineType.NotSupport"])
def test_a_per_resource_call_unsupported_for_one_engine_affects_only_that_resource(
    code,
):
    parent = ListCollection(
        name="test.rds",
        product="rds",
        action="DescribeDBInstances",
        items="Items.DBInstance",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        id_field="DBInstanceId",
    )
    detail = DetailCollection(
        name="test.rds_tde",
        product="rds",
        action="DescribeDBInstanceTDE",
        parent="test.rds",
        param="DBInstanceId",
        parent_field="DBInstanceId",
        unsupported_codes=(code,),
    )
    instances = {
        "Items": {
            "DBInstance": [
                {"DBInstanceId": "rm-mysql"},
                {"DBInstanceId": "rm-pg"},
                {"DBInstanceId": "rm-broken"},
            ]
        }
    }
    tde = {
        "by": "DBInstanceId",
        "responses": {
            "rm-mysql": {"TDEStatus": "Enabled"},
            "rm-pg": {"$error": {"Code": code, "HttpStatus": 403, "Message": "no TDE"}},
            "rm-broken": {
                "$error": {
                    "Code": "InternalError",
                    "HttpStatus": 500,
                    "Message": "boom",
                }
            },
        },
    }
    services = {
        "rds": {
            "cn-hangzhou": {
                "DescribeDBInstances": instances,
                "DescribeDBInstanceTDE": tde,
            }
        }
    }
    result, _ = collect(base_dataset(services), detail, parent, regions=["cn-hangzhou"])
    assert result.ok
    assert result.details["rm-mysql"]["TDEStatus"] == "Enabled"
    assert result.detail_errors["rm-pg"].unsupported
    broken = result.detail_errors["rm-broken"]
    assert (
        not broken.unsupported and not broken.absent and broken.code == "InternalError"
    )


def test_an_empty_list_from_an_action_that_hides_denials_is_proven_blind():
    instances = ListCollection(
        name="test.instances",
        product="ecs",
        action="DescribeInstances",
        items="Instances.Instance",
        paging=Paging.NEXT_TOKEN,
        page_size=100,
        id_field="InstanceId",
        empty_when_denied=True,
    )
    listing = {"Instances": {"Instance": [{"InstanceId": "i-1"}]}}
    services = {"ecs": {"cn-hangzhou": {"DescribeInstances": listing}}}
    dataset = base_dataset(services, deny=["ecs:DescribeInstances"])
    result, _ = collect(dataset, instances, regions=["cn-hangzhou"])
    assert not result.ok
    assert "blind" in result.error
    assert result.missing_actions == ("ecs:DescribeInstances",)

    # An identity that may call it, in an account without instances: a real empty list.
    allowed, _ = collect(base_dataset({}), instances, regions=["cn-hangzhou"])
    assert allowed.ok and allowed.records == []


def test_an_action_that_ignores_page_numbers_is_read_once_not_forever():
    # No paging rule in the sandbox for this action: it answers every page number
    # with the whole list and no TotalCount, as a non-paging API would.
    spec = ListCollection(
        name="test.not_paged",
        product="ecs",
        action="DescribeNotPagedThings",
        items="Things.Thing",
        paging=Paging.PAGE_NUMBER,
        page_size=2,
        id_field="Id",
    )
    things = {"Things": {"Thing": [{"Id": f"t-{i}"} for i in range(2)]}}
    services = {"ecs": {"cn-hangzhou": {"DescribeNotPagedThings": things}}}
    result, requests = collect(base_dataset(services), spec, regions=["cn-hangzhou"])
    assert [r["Id"] for r in result.records] == ["t-0", "t-1"]
    assert sum(1 for r in requests if r.action == "DescribeNotPagedThings") == 2


def test_redacted_fields_never_reach_a_record_and_unserved_regions_are_not_called():
    # Model Studio's ListApiKeys answers each key's value beside its settings, and is
    # served in a few regions only.
    spec = ListCollection(
        name="test.api_keys",
        product="modelstudio",
        action="ListApiKeys",
        path="/modelstudio/apikeys",
        items=None,
        redact=("apiKeyValue",),
    )
    answer = {"apiKeys": [{"apiKeyId": "k1", "apiKeyValue": "sk-canary-123"}]}
    services = {"modelstudio": {"ap-southeast-1": {"ListApiKeys": answer}}}
    result, requests = collect(base_dataset(services), spec)
    assert result.ok
    assert "sk-canary-123" not in repr([dict(r) for r in result.records])
    assert result.records[0]["apiKeys"][0]["apiKeyId"] == "k1"
    assert {r.region for r in requests if r.action == "ListApiKeys"} == {
        "ap-southeast-1"
    }


MONGODB = ListCollection(
    name="test.mongodb",
    product="dds",
    action="DescribeDBInstances",
    items="DBInstances.DBInstance",
    paging=Paging.PAGE_NUMBER,
    page_size=100,
    id_field="DBInstanceId",
    variants=({"DBInstanceType": "replicate"}, {"DBInstanceType": "sharding"}),
)


def _mongodb(*kinds: tuple[str, str]) -> dict:
    instances = [{"DBInstanceId": i, "DBInstanceType": kind} for i, kind in kinds]
    return {
        "dds": {
            "cn-hangzhou": {
                "DescribeDBInstances": {"DBInstances": {"DBInstance": instances}}
            }
        }
    }


def test_a_list_that_answers_one_kind_by_default_is_asked_for_every_kind():
    services = _mongodb(("dds-replica", "replicate"), ("dds-shards", "sharding"))
    result, requests = collect(base_dataset(services), MONGODB, regions=["cn-hangzhou"])
    assert {r["DBInstanceId"] for r in result.records} == {"dds-replica", "dds-shards"}
    listings = [r for r in requests if r.action == "DescribeDBInstances"]
    assert len(listings) == 2
    # Asked without the kind, the action lists replica sets only.
    plain = ListCollection(**{**MONGODB.__dict__, "variants": ({},)})
    result, _ = collect(base_dataset(services), plain, regions=["cn-hangzhou"])
    assert [r["DBInstanceId"] for r in result.records] == ["dds-replica"]


def test_a_per_resource_call_for_one_kind_reads_only_resources_of_that_kind():
    detail = DetailCollection(
        name="test.mongodb_shard_addresses",
        product="dds",
        action="DescribeShardingNetworkAddress",
        parent="test.mongodb",
        param="DBInstanceId",
        parent_field="DBInstanceId",
        only={"DBInstanceType": "sharding"},
    )
    services = _mongodb(("dds-replica", "replicate"), ("dds-shards", "Sharding"))
    addresses = {"NetworkAddresses": {"NetworkAddress": []}}
    services["dds"]["cn-hangzhou"]["DescribeShardingNetworkAddress"] = {
        "by": "DBInstanceId",
        "responses": {"dds-shards": addresses},
    }
    result, requests = collect(
        base_dataset(services), detail, MONGODB, regions=["cn-hangzhou"]
    )
    assert set(result.details) == {"dds-shards"} and not result.detail_errors
    called = [r for r in requests if r.action == "DescribeShardingNetworkAddress"]
    assert len(called) == 1


def _subscriptions(prepaid: int, answered: int) -> dict:
    """``prepaid`` subscription instances and two pay-as-you-go ones in one region;
    the auto-renewal answers know the first ``answered`` subscriptions."""
    ids = [f"i-sub{n:03}" for n in range(prepaid)]
    instances = [{"InstanceId": i, "InstanceChargeType": "PrePaid"} for i in ids]
    instances += [
        {"InstanceId": f"i-payg{n}", "InstanceChargeType": "PostPaid"} for n in (0, 1)
    ]
    renewals = {
        i: {
            "InstanceRenewAttributes": {
                "InstanceRenewAttribute": [{"InstanceId": i, "AutoRenewEnabled": True}]
            }
        }
        for i in [*ids[:answered], "i-payg0"]
    }
    region = {
        "DescribeInstances": {"Instances": {"Instance": instances}},
        "DescribeInstanceAutoRenewAttribute": {
            "by": "InstanceId",
            "responses": renewals,
        },
    }
    return {"ecs": {"cn-hangzhou": region}}


@pytest.fixture
def asked(monkeypatch) -> list[tuple[str, dict]]:
    """The (action, parameters) of every call the app makes, as it makes them."""
    calls: list[tuple[str, dict]] = []
    call = CloudClient.call

    async def recording(self, product, action, params=None, **kwargs):
        calls.append((action, dict(params or {})))
        return await call(self, product, action, params, **kwargs)

    monkeypatch.setattr(CloudClient, "call", recording)
    return calls


def _asked_for(asked, action: str) -> list[dict]:
    return [params for name, params in asked if name == action]


def test_a_batched_read_names_many_resources_a_call_and_keys_each_answer(asked):
    collections = all_collections()
    result, _ = collect(
        base_dataset(_subscriptions(prepaid=150, answered=149)),
        collections["ecs.instance_auto_renew"],
        collections["ecs.instances"],
        regions=["cn-hangzhou"],
    )
    batches = [
        params["InstanceId"].split(",")
        for params in _asked_for(asked, "DescribeInstanceAutoRenewAttribute")
    ]
    # Two calls for 150 subscriptions, none naming more than the action takes; a
    # pay-as-you-go instance, which would fail the call, is never named.
    assert [len(batch) for batch in batches] == [100, 50]
    assert {i for batch in batches for i in batch} == {
        f"i-sub{n:03}" for n in range(150)
    }
    assert len(result.details) == 149
    assert result.details["i-sub007"]["InstanceId"] == "i-sub007"
    # The one the answer left out is unreadable, not passed over.
    assert result.detail_errors["i-sub149"].code == "Response.Incomplete"


def test_a_batched_read_follows_its_answer_over_every_page(asked):
    renewals = all_collections()["ecs.instance_auto_renew"]
    small_pages = dataclasses.replace(renewals, page_size=30)
    result, _ = collect(
        base_dataset(_subscriptions(prepaid=100, answered=100)),
        small_pages,
        all_collections()["ecs.instances"],
        regions=["cn-hangzhou"],
    )
    pages = _asked_for(asked, "DescribeInstanceAutoRenewAttribute")
    assert [params["PageNumber"] for params in pages] == [1, 2, 3, 4]
    assert {params["InstanceId"].count(",") for params in pages} == {99}
    assert len(result.details) == 100 and not result.detail_errors


def test_a_batched_read_denied_leaves_the_collection_unreadable():
    collections = all_collections()
    result, _ = collect(
        base_dataset(
            _subscriptions(prepaid=3, answered=3),
            deny=["ecs:DescribeInstanceAutoRenewAttribute"],
        ),
        collections["ecs.instance_auto_renew"],
        collections["ecs.instances"],
        regions=["cn-hangzhou"],
    )
    assert not result.ok
    assert result.missing_actions == ("ecs:DescribeInstanceAutoRenewAttribute",)
