"""Signature verification: the published test vectors, and the gateway's auth errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sandbox_client import AUDITOR, STS_KEY, STS_TOKEN, Client

from cloud_checkup.sandbox.signatures import (
    oss_v1_signature,
    oss_v4_signature,
    rpc_signature,
    v3_signature,
)

ECS = "ecs.cn-hangzhou.aliyuncs.com"


def test_v3_vector_from_the_sdk_tests():
    signature = v3_signature(
        "secret",
        "",
        "",
        [("test", "ok"), ("empty", "")],
        [("x-acs-test", "http"), ("x-acs-TEST", "https")],
        ["x-acs-test"],
        "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
    )
    assert signature == (
        "4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3"
    )


def test_rpc_hmac_sha1_vector():
    params = {
        "Action": "DescribeRegions",
        "Version": "2014-05-26",
        "Format": "XML",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "Timestamp": "2016-02-23T12:46:24Z",
        "AccessKeyId": "testid",
    }
    assert rpc_signature("testsecret", "GET", params) == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_oss_v4_vector():
    query = [
        ("param1", "value1"),
        ("+param1", "value3"),
        ("|param1", "value4"),
        ("+param2", ""),
        ("|param2", ""),
        ("param2", ""),
    ]
    headers = [
        ("x-oss-head1", "value"),
        ("abc", "value"),
        ("ZAbc", "value"),
        ("XYZ", "value"),
        ("content-type", "text/plain"),
        ("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        ("x-oss-date", "20231216T162057Z"),
    ]
    signature = oss_v4_signature(
        "sk",
        "PUT",
        "/bucket/1234+-/123/1.txt",
        query,
        headers,
        [],
        "20231216T162057Z",
        "cn-hangzhou",
    )
    assert signature == (
        "e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"
    )


def test_oss_v1_vector():
    string_to_sign = (
        "PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\n"
        "x-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\n"
        "x-oss-meta-magic:abracadabra\n/examplebucket/nelson"
    )
    assert oss_v1_signature("sk", string_to_sign) == "kSHKmLxlyEAKtZPkJhG9bZb5k7M="


def test_v3_signature_from_the_sdk_signer_is_accepted(client):
    reply = client.v3(ECS, "DescribeInstances", {"RegionId": "cn-hangzhou"})
    assert reply.status == 200, reply.text
    assert reply.headers["x-acs-request-id"] == reply.json()["RequestId"]


def test_wrong_secret_is_signature_does_not_match(client):
    reply = client.v3(ECS, "DescribeInstances", secret="not-the-secret")
    assert reply.status == 400
    body = reply.json()
    assert body["Code"] == "SignatureDoesNotMatch"
    assert body["HostId"] == ECS
    assert set(body) >= {"RequestId", "HostId", "Code", "Message", "Recommend"}


def test_unknown_access_key_is_not_found(sandbox):
    reply = Client(sandbox.url, ("LTAI-nobody", "x")).v3(ECS, "DescribeInstances")
    assert reply.status == 404
    assert reply.json()["Code"] == "InvalidAccessKeyId.NotFound"


def test_date_more_than_15_minutes_off_is_expired(client):
    stale = (datetime.now(UTC) - timedelta(minutes=16)).strftime("%Y-%m-%dT%H:%M:%SZ")
    reply = client.v3(ECS, "DescribeInstances", date=stale)
    assert (reply.status, reply.json()["Code"]) == (400, "InvalidTimeStamp.Expired")

    recent = (datetime.now(UTC) - timedelta(minutes=14)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert client.v3(ECS, "DescribeInstances", date=recent).status == 200


def test_reused_nonce_is_refused(client):
    assert client.v3(ECS, "DescribeInstances", nonce="once").status == 200
    reply = client.v3(ECS, "DescribeInstances", nonce="once")
    assert (reply.status, reply.json()["Code"]) == (400, "SignatureNonceUsed")


def test_sts_key_needs_its_security_token(sandbox):
    client = Client(sandbox.url, STS_KEY)
    reply = client.v3(ECS, "DescribeInstances")
    assert (reply.status, reply.json()["Code"]) == (400, "MissingSecurityToken")
    assert client.v3(ECS, "DescribeInstances", token=STS_TOKEN).status == 200


def test_rpc_hmac_sha1_query_signature_is_accepted(client):
    reply = client.rpc_v2(ECS, "DescribeInstances", {"RegionId": "cn-hangzhou"})
    assert reply.status == 200, reply.text
    assert len(reply.json()["Instances"]["Instance"]) == 10

    bad = Client(client_url(client), (AUDITOR[0], "wrong"))
    reply = bad.rpc_v2(ECS, "DescribeInstances", {"RegionId": "cn-hangzhou"})
    assert reply.json()["Code"] == "SignatureDoesNotMatch"


def client_url(client: Client) -> str:
    host, port = client.address
    return f"http://{host}:{port}"


def test_oss_v4_signed_list_buckets(client):
    reply = client.oss_v4("oss-cn-hangzhou.aliyuncs.com", None, {})
    assert reply.status == 200, reply.text
    assert reply.headers["Server"] == "AliyunOSS"
    assert reply.headers["Content-Type"] == "application/xml"
    assert "<Name>bucket-0</Name>" in reply.text


def test_oss_v4_wrong_secret_is_an_oss_xml_error(sandbox):
    client = Client(sandbox.url, (AUDITOR[0], "wrong"))
    reply = client.oss_v4("oss-cn-hangzhou.aliyuncs.com", None, {})
    assert reply.status == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in reply.text
    assert "<EC>" in reply.text and reply.headers["x-oss-request-id"]


def test_oss_v1_signed_bucket_subresource(client):
    reply = client.oss_v1("bucket-0.oss-cn-hangzhou.aliyuncs.com", "bucket-0", "acl")
    assert reply.status == 200, reply.text
    assert "<Grant>public-read</Grant>" in reply.text
