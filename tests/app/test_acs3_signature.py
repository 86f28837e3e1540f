"""The app's own OpenAPI V3 signer: equal to tea-openapi's, accepted by the sandbox.

The SDK (``alibabacloud_tea_openapi``'s ``Utils.get_authorization``) is the reference:
for the same request, headers and time our ``Authorization`` must be the one it
computes, byte for byte, and the headers around it the ones the app always sent. The
sandbox then checks real RPC and ROA reads end to end.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from alibabacloud_tea_openapi.utils import Utils
from harness import (
    ACCESS_KEY_ID,
    ACCESS_KEY_SECRET,
    STS_CREDENTIAL,
    ScriptedServer,
    base_dataset,
    with_sts_identity,
)

from cloud_checkup.app.cloud import CloudClient, acs3
from cloud_checkup.app.cloud.client import USER_AGENT, flatten_params
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.sandbox import SandboxThread

TIMESTAMP = "2026-03-01T23:59:59Z"
KEY = Credential("LTAI-test-key", "secret-for-tests")
STS = STS_CREDENTIAL
ODD_VALUES = {
    "RegionId": "cn-hangzhou",
    "InstanceName": "web server * ~ /ü",
    "InstanceIds": '["i-bp1","i-bp2"]',
    "SecurityGroupIds": "sg-1,sg-2",
    "InstanceType": "ecs.g7.*",
    "Description": "a+b=c&d;e%f",
    "NextToken": "",
}
TAGS = {"Tag": [{"Key": f"k{n}", "Value": f"v {n}/ü"} for n in range(1, 12)]}


def sdk_authorization(
    method: str,
    path: str,
    query: dict[str, str],
    headers: dict[str, str],
    credential: Credential,
) -> str:
    """What the SDK's signer puts in ``Authorization`` for these very headers."""
    request = SimpleNamespace(
        method=method, pathname=path, query=query, headers=dict(headers)
    )
    return Utils.get_authorization(
        request,
        "ACS3-HMAC-SHA256",
        acs3.EMPTY_SHA256,
        credential.access_key_id,
        credential.access_key_secret,
    )


def headers_the_app_sends(
    host: str, action: str, version: str, nonce: str, credential: Credential
) -> dict[str, str]:
    """The headers besides ``Authorization`` that the app sent while the SDK signed."""
    headers = {
        "host": host,
        "x-acs-action": action,
        "x-acs-version": version,
        "x-acs-date": TIMESTAMP,
        "x-acs-signature-nonce": nonce,
        "x-acs-content-sha256": acs3.EMPTY_SHA256,
        "accept": "application/json",
        "user-agent": USER_AGENT,
    }
    if credential.security_token:
        headers["x-acs-accesskey-id"] = credential.access_key_id
        headers["x-acs-security-token"] = credential.security_token
    return headers


def our_headers(
    method: str,
    host: str,
    action: str,
    version: str,
    path: str,
    query: dict[str, str],
    credential: Credential,
) -> dict[str, str]:
    headers = acs3.signing_headers(
        host=host,
        action=action,
        version=version,
        timestamp=TIMESTAMP,
        user_agent=USER_AGENT,
        access_key_id=credential.access_key_id,
        security_token=credential.security_token,
    )
    headers["Authorization"] = acs3.authorization(
        method,
        path,
        acs3.canonical_query(query),
        headers,
        credential.access_key_id,
        credential.access_key_secret,
    )
    return headers


REQUESTS = [
    pytest.param(
        "POST",
        "ecs.cn-hangzhou.aliyuncs.com",
        "DescribeInstances",
        "2014-05-26",
        "/",
        ODD_VALUES,
        id="rpc-post-encoded-values",
    ),
    pytest.param(
        "GET",
        "ecs.cn-hangzhou.aliyuncs.com",
        "DescribeInstances",
        "2014-05-26",
        "/",
        ODD_VALUES,
        id="rpc-get-encoded-values",
    ),
    pytest.param(
        "POST",
        "ecs.ap-southeast-1.aliyuncs.com",
        "DescribeSecurityGroups",
        "2014-05-26",
        "/",
        flatten_params({"RegionId": "ap-southeast-1", **TAGS, "DryRun": False}),
        id="rpc-flattened-tags",
    ),
    pytest.param(
        "POST", "ram.aliyuncs.com", "ListUsers", "2015-05-01", "/", {}, id="no-query"
    ),
    pytest.param(
        "GET",
        "cs.cn-hangzhou.aliyuncs.com",
        "DescribeClusterNodePools",
        "2015-12-15",
        "/clusters/c-1%20x%C3%BC%2A/nodepools",
        {"page_size": "10", "name": "pool *1"},
        id="roa-encoded-path",
    ),
    pytest.param(
        "GET",
        "cs.cn-hangzhou.aliyuncs.com",
        "DescribeClustersV1",
        "2015-12-15",
        "/api/v1/clusters",
        {},
        id="roa-no-query",
    ),
]


@pytest.mark.parametrize("credential", [KEY, STS], ids=["key", "sts-token"])
@pytest.mark.parametrize(
    ("method", "host", "action", "version", "path", "query"), REQUESTS
)
def test_our_signature_is_the_sdks_byte_for_byte(
    method, host, action, version, path, query, credential
):
    ours = our_headers(method, host, action, version, path, query, credential)
    authorization = ours.pop("Authorization")

    nonce = ours["x-acs-signature-nonce"]
    assert ours == headers_the_app_sends(host, action, version, nonce, credential)
    assert authorization == sdk_authorization(method, path, query, ours, credential)


def test_the_headers_come_out_in_the_order_they_are_signed():
    headers = our_headers("POST", "ecs.aliyuncs.com", "A", "1", "/", {}, STS)
    authorization = headers.pop("Authorization")

    assert list(headers) == sorted(headers)
    assert f"SignedHeaders={';'.join(headers)}," in authorization


def test_the_query_is_sorted_by_name_and_its_values_encoded():
    query = {"b": "a b*~/ü", "a": "x,y", "Tag.10.Key": "", "Tag.2.Key": "+&="}
    assert acs3.canonical_query(query) == (
        "Tag.10.Key=&Tag.2.Key=%2B%26%3D&a=x%2Cy&b=a%20b%2A~%2F%C3%BC"
    )


def test_a_parameter_name_that_needs_encoding_is_refused():
    # The SDK would sign it raw and the gateway read it encoded: never a match.
    with pytest.raises(ValueError, match="need percent-encoding"):
        acs3.canonical_query({"RegionId": "cn-hangzhou", "Odd Name": "x"})


def test_every_request_carries_a_fresh_nonce():
    nonces = {acs3.nonce() for _ in range(1000)}
    assert len(nonces) == 1000
    assert all(len(nonce) == 32 for nonce in nonces)


def test_the_client_sends_what_the_sdk_would_sign():
    """The wire, not just the functions: what ``CloudClient.call`` sent, re-signed by
    the SDK from the headers, path and query the server received, comes out equal."""

    async def scenario():
        async with ScriptedServer([]) as server:
            async with Transport(Destination.sandbox(server.url)) as transport:
                client = CloudClient(StaticCredentials(STS), transport)
                await client.call(
                    "ecs", "DescribeInstances", ODD_VALUES, region="cn-hangzhou"
                )
                await client.call(
                    "cs",
                    "DescribeClusterNodePools",
                    {"page_size": "10"},
                    region="cn-hangzhou",
                    path="/clusters/c-1%20x%C3%BC/nodepools",
                )
            return server.requests

    seen = asyncio.run(scenario())
    sent = [(r.rel_url.raw_path, r.rel_url.raw_query_string) for r in seen]
    assert sent == [
        ("/", acs3.canonical_query(ODD_VALUES)),
        ("/clusters/c-1%20x%C3%BC/nodepools", "page_size=10"),
    ]
    # aiohttp adds headers of its own (accept-encoding, content-length) that nobody
    # signs; the SDK is given the ones the app always sent.
    signed = headers_the_app_sends("host", "action", "version", "nonce", STS).keys()
    for request in seen:
        headers = {name: request.headers[name] for name in signed}
        expected = sdk_authorization(
            request.method,
            request.rel_url.raw_path,
            dict(request.rel_url.query),
            headers,
            STS,
        )
        assert request.headers["Authorization"] == expected


@pytest.fixture
def sandbox():
    dataset = base_dataset(
        {
            "ecs": {"cn-hangzhou": {"DescribeInstances": {"Instances": {}}}},
            "cs": {
                "cn-hangzhou": {
                    "DescribeClusterNodePools": {
                        "by": "cluster_id",
                        "responses": {"c-1 ü": {"nodepools": []}},
                    }
                }
            },
        }
    )
    with SandboxThread(with_sts_identity(dataset)) as running:
        yield running


@pytest.mark.parametrize(
    "credential",
    [Credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET), STS],
    ids=["key", "sts-token"],
)
def test_the_sandbox_accepts_our_signature_on_rpc_and_roa_reads(sandbox, credential):
    async def scenario():
        async with Transport(Destination.sandbox(sandbox.url)) as transport:
            client = CloudClient(StaticCredentials(credential), transport)
            await client.call(
                "ecs", "DescribeInstances", ODD_VALUES, region="cn-hangzhou"
            )
            return await client.call(
                "cs",
                "DescribeClusterNodePools",
                region="cn-hangzhou",
                path="/clusters/c-1%20%C3%BC/nodepools",
            )

    assert asyncio.run(scenario())["nodepools"] == []
    assert [(r.action, r.signature_valid, r.status) for r in sandbox.requests] == [
        ("DescribeInstances", True, 200),
        ("DescribeClusterNodePools", True, 200),
    ]
