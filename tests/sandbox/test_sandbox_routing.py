"""Routing by Alibaba hostname (as an HTTP proxy and origin-form); synthesized reads."""

from __future__ import annotations

import asyncio

import aiohttp
from sandbox_client import ACCOUNT, STS_KEY, STS_TOKEN, Client, make_dataset

from cloud_checkup.sandbox import Sandbox
from cloud_checkup.sandbox.hosts import route_host


def test_host_table_routes_regional_central_and_oss_hosts():
    assert route_host("ecs.cn-hangzhou.aliyuncs.com").region == "cn-hangzhou"
    assert route_host("metrics.cn-hangzhou.aliyuncs.com").product == "cms"
    assert route_host("mongodb.aliyuncs.com").product == "dds"
    assert route_host("tds.ap-southeast-1.aliyuncs.com").product == "sas"
    assert route_host("cn-shanghai.log.aliyuncs.com").product == "sls"
    central = route_host("ram.aliyuncs.com")
    assert (central.product, central.region) == ("ram", None)
    bucket = route_host("my-bucket.oss-cn-hangzhou.aliyuncs.com:80")
    assert (bucket.kind, bucket.bucket, bucket.region) == (
        "oss_bucket",
        "my-bucket",
        "cn-hangzhou",
    )
    assert route_host("oss-ap-southeast-1.aliyuncs.com").kind == "oss_service"
    assert route_host("example.com") is None
    assert route_host("nosuchproduct.cn-hangzhou.aliyuncs.com") is None


def test_absolute_form_proxy_request_is_routed_by_host(client):
    reply = client.v3(
        "vpc.cn-hangzhou.aliyuncs.com",
        "DescribeVpcs",
        {"RegionId": "cn-hangzhou"},
        absolute=True,
        version="2016-04-28",
    )
    assert reply.status == 200, reply.text
    assert reply.json()["Vpcs"]["Vpc"][0]["VpcId"] == "vpc-0"


def test_aiohttp_client_through_proxy_reaches_the_async_sandbox():
    async def scenario() -> tuple[int, dict, list]:
        sandbox = Sandbox(make_dataset())
        await sandbox.start()
        host = "ecs.cn-hangzhou.aliyuncs.com"
        headers = Client(sandbox.url).v3_headers(
            host, "DescribeInstances", {"RegionId": "cn-hangzhou"}
        )
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.post(
                    f"http://{host}/?RegionId=cn-hangzhou",
                    headers=headers,
                    proxy=sandbox.url,
                ) as response,
            ):
                return response.status, await response.json(), sandbox.requests
        finally:
            await sandbox.stop()

    status, body, records = asyncio.run(scenario())
    assert status == 200, body
    assert len(body["Instances"]["Instance"]) == 10
    assert (records[0].host, records[0].product, records[0].region) == (
        "ecs.cn-hangzhou.aliyuncs.com",
        "ecs",
        "cn-hangzhou",
    )
    assert records[0].signature_valid


def test_unknown_host_answers_not_supported_endpoint(client):
    reply = client.v3("nosuch.cn-hangzhou.aliyuncs.com", "DescribeThings")
    assert (reply.status, reply.json()["Code"]) == (
        400,
        "InvalidOperation.NotSupportedEndpoint",
    )


def test_region_missing_from_dataset_is_refused(client):
    reply = client.v3("ecs.eu-west-1.aliyuncs.com", "DescribeInstances")
    assert reply.json()["Code"] == "InvalidOperation.NotSupportedEndpoint"
    reply = client.v3(
        "rds.aliyuncs.com", "DescribeDBInstances", {"RegionId": "xx-no-1"}
    )
    assert (reply.status, reply.json()["Code"]) == (400, "InvalidRegionId")


def test_central_host_reads_region_from_region_id(client):
    reply = client.v3(
        "rds.aliyuncs.com", "DescribeDBInstances", {"RegionId": "cn-hangzhou"}
    )
    assert reply.json()["TotalRecordCount"] == 35


def test_listed_region_without_data_answers_an_empty_list(client):
    reply = client.v3("ecs.ap-southeast-1.aliyuncs.com", "DescribeInstances")
    assert reply.status == 200
    assert reply.json()["Instances"]["Instance"] == []


def test_action_missing_from_dataset_says_so(client):
    reply = client.v3("ecs.cn-hangzhou.aliyuncs.com", "DescribeKeyPairs")
    assert (reply.status, reply.json()["Code"]) == (404, "InvalidApi.NotFound")
    assert "sandbox dataset has no entry" in reply.json()["Message"]


def test_describe_regions_is_synthesized_on_central_and_regional_hosts(client):
    for host in ("ecs.aliyuncs.com", "ecs.ap-southeast-1.aliyuncs.com"):
        reply = client.v3(host, "DescribeRegions")
        regions = reply.json()["Regions"]["Region"]
        assert [r["RegionId"] for r in regions] == ["cn-hangzhou", "ap-southeast-1"]
        assert regions[0]["RegionEndpoint"] == "ecs.cn-hangzhou.aliyuncs.com"


def test_get_caller_identity_describes_the_caller(sandbox):
    client = Client(sandbox.url, STS_KEY)
    reply = client.v3(
        "sts.aliyuncs.com", "GetCallerIdentity", token=STS_TOKEN, version="2015-04-01"
    )
    body = reply.json()
    assert body["AccountId"] == ACCOUNT
    assert body["IdentityType"] == "AssumedRoleUser"
    assert body["Arn"].endswith("assumed-role/auditor/session")
    assert body["RequestId"] and body["UserId"] == body["PrincipalId"]


def test_get_account_alias_comes_from_the_dataset(client):
    reply = client.v3("ram.aliyuncs.com", "GetAccountAlias", version="2015-05-01")
    assert reply.json()["AccountAlias"] == "demo-shop"
