"""The app's own OSS V4 signer: byte-equal to the OSS SDK's, accepted by the sandbox.

The SDK (``alibabacloud_oss_v2``'s ``SignerV4``) is the reference: for the same
request and time, our headers must be the ones it would put on the wire, name for
name and byte for byte. The sandbox then checks a real read end to end.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from alibabacloud_oss_v2.signer.v4 import SignerV4
from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext
from harness import (
    ACCESS_KEY_ID,
    ACCESS_KEY_SECRET,
    STS_CREDENTIAL,
    ScriptedServer,
    base_dataset,
    with_sts_identity,
)

from cloud_checkup.app.cloud import CloudClient, oss_v4
from cloud_checkup.app.cloud.client import USER_AGENT
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.sandbox import SandboxThread

SIGNED_AT = datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC)
KEY = Credential("LTAI-test-key", "secret-for-tests")
STS = STS_CREDENTIAL


def sdk_headers(
    region: str,
    bucket: str | None,
    url: str,
    credential: Credential,
    signed_at: datetime = SIGNED_AT,
    additional: set[str] | None = None,
) -> list[tuple[str, str]]:
    """The headers, in order, that the SDK's signer gives a GET of ``url``."""
    request = HttpRequest("GET", url, headers={"User-Agent": USER_AGENT})
    SignerV4().sign(
        SigningContext(
            product="oss",
            region=region,
            bucket=bucket,
            request=request,
            credentials=Credentials(
                credential.access_key_id,
                credential.access_key_secret,
                credential.security_token,
            ),
            signing_time=signed_at,
            additional_headers=additional,
        )
    )
    return list(request.headers.items())


def our_headers(
    region: str,
    bucket: str | None,
    query: dict[str, str],
    credential: Credential,
    additional: tuple[str, ...] = (),
) -> list[tuple[str, str]]:
    headers = oss_v4.signed_headers(
        now=SIGNED_AT,
        region=region,
        bucket=bucket,
        query=query,
        access_key_id=credential.access_key_id,
        access_key_secret=credential.access_key_secret,
        security_token=credential.security_token,
        user_agent=USER_AGENT,
        additional_headers=additional,
    )
    return list(headers.items())


def url(host: str, query: dict[str, str]) -> str:
    suffix = oss_v4.canonical_query(query)
    return f"http://{host}/" + (f"?{suffix}" if suffix else "")


REQUESTS = [
    pytest.param(
        "cn-hangzhou",
        None,
        {"max-keys": "100", "marker": "bucket-099"},
        id="ListBuckets-page",
    ),
    pytest.param("cn-hangzhou", "shop-assets", {"bucketInfo": ""}, id="bucketInfo"),
    pytest.param("ap-southeast-1", "shop-logs", {"policy": ""}, id="policy"),
    pytest.param("ap-southeast-1", "shop-logs", {"acl": ""}, id="acl"),
    pytest.param(
        "ap-southeast-1",
        None,
        {"prefix": "shop assets/ü", "marker": "a+b=c&d~*", "max-keys": "5"},
        id="encoded-params",
    ),
]


@pytest.mark.parametrize("credential", [KEY, STS], ids=["key", "sts-token"])
@pytest.mark.parametrize(("region", "bucket", "query"), REQUESTS)
def test_our_headers_are_the_sdks_byte_for_byte(region, bucket, query, credential):
    host = (
        f"{bucket}.oss-{region}.aliyuncs.com"
        if bucket
        else f"oss-{region}.aliyuncs.com"
    )
    expected = sdk_headers(region, bucket, url(host, query), credential)
    assert our_headers(region, bucket, query, credential) == expected


def test_additional_headers_are_signed_as_the_sdk_signs_them():
    # Listed: one to sign, one signed anyway (dropped), one absent (dropped).
    listed = ("User-Agent", "x-oss-date", "x-not-sent")
    ours = our_headers("cn-hangzhou", "shop-assets", {"acl": ""}, KEY, listed)
    sdk = sdk_headers(
        "cn-hangzhou",
        "shop-assets",
        "http://shop-assets.oss-cn-hangzhou.aliyuncs.com/?acl",
        KEY,
        additional=set(listed),
    )
    assert ours == sdk
    assert ",AdditionalHeaders=user-agent," in dict(ours)["Authorization"]


def test_the_query_is_encoded_sorted_and_keeps_bare_subresources():
    query = {"prefix": "a b/ü", "marker": "x&y=z*~", "max-keys": "10", "acl": ""}
    assert oss_v4.canonical_query(query) == (
        "acl&marker=x%26y%3Dz%2A~&max-keys=10&prefix=a%20b%2F%C3%BC"
    )


def test_the_client_sends_what_the_sdk_would_send():
    """The wire, not just the function: the headers ``CloudClient.oss`` sent, re-signed
    by the SDK at the time they carry, come out identical."""

    async def scenario():
        async with ScriptedServer([]) as server:
            async with Transport(Destination.sandbox(server.url)) as transport:
                client = CloudClient(StaticCredentials(STS), transport)
                await client.oss(
                    "GetBucketAcl",
                    "cn-beijing",
                    bucket="shop-assets",
                    subresource="acl",
                )
            return server.requests

    seen = asyncio.run(scenario())
    request = seen[0]
    assert (request.host, request.path_qs) == (
        "shop-assets.oss-cn-beijing.aliyuncs.com",
        "/?acl",
    )
    signed_at = datetime.strptime(request.headers["x-oss-date"], "%Y%m%dT%H%M%SZ")
    expected = sdk_headers(
        "cn-beijing",
        "shop-assets",
        f"http://{request.host}{request.path_qs}",
        STS,
        signed_at.replace(tzinfo=UTC),
    )
    assert [(name, request.headers.get(name)) for name, _ in expected] == expected


@pytest.fixture
def sandbox():
    dataset = base_dataset(
        {
            "oss": {
                "global": {
                    "ListBuckets": {
                        "ListAllMyBucketsResult": {
                            "Buckets": {
                                "Bucket": [
                                    {
                                        "Name": "shop-assets",
                                        "Location": "oss-ap-southeast-1",
                                        "Region": "ap-southeast-1",
                                    }
                                ]
                            }
                        }
                    },
                    "GetBucketAcl": {
                        "by": "bucket",
                        "responses": {
                            "shop-assets": {
                                "AccessControlPolicy": {
                                    "AccessControlList": {"Grant": "private"}
                                }
                            }
                        },
                    },
                }
            }
        }
    )
    with SandboxThread(with_sts_identity(dataset)) as running:
        yield running


@pytest.mark.parametrize(
    "credential",
    [Credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET), STS],
    ids=["key", "sts-token"],
)
def test_the_sandbox_accepts_our_signature_on_oss_reads(sandbox, credential):
    async def scenario():
        async with Transport(Destination.sandbox(sandbox.url)) as transport:
            client = CloudClient(StaticCredentials(credential), transport)
            listing = await client.oss(
                "ListBuckets", "cn-hangzhou", params={"max-keys": "10"}
            )
            acl = await client.oss(
                "GetBucketAcl",
                "ap-southeast-1",
                bucket="shop-assets",
                subresource="acl",
            )
            return listing, acl

    listing, acl = asyncio.run(scenario())
    bucket = listing["ListAllMyBucketsResult"]["Buckets"]["Bucket"]
    assert bucket["Name"] == "shop-assets"
    assert acl["AccessControlPolicy"]["AccessControlList"]["Grant"] == "private"
    assert [(r.action, r.signature_valid, r.status) for r in sandbox.requests] == [
        ("ListBuckets", True, 200),
        ("GetBucketAcl", True, 200),
    ]
