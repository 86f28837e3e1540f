"""Alibaba's own OpenAPI client (tea-openapi), pointed at the sandbox as its HTTP proxy.

Both proxies are set to the sandbox, so nothing leaves loopback even if a request
went out as HTTPS.
"""

from __future__ import annotations

import pytest
from alibabacloud_tea_openapi import models
from alibabacloud_tea_openapi.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from darabonba.runtime import RuntimeOptions
from sandbox_client import AUDITOR, LIMITED


def sdk_client(url: str, endpoint: str, key: tuple[str, str] = AUDITOR) -> Client:
    config = models.Config(
        access_key_id=key[0],
        access_key_secret=key[1],
        endpoint=endpoint,
        protocol="http",
        http_proxy=url,
        https_proxy=url,
        region_id="cn-hangzhou",
    )
    return Client(config)


def rpc(action: str, method: str = "POST") -> models.Params:
    return models.Params(
        action=action,
        version="2014-05-26",
        protocol="HTTP",
        method=method,
        auth_type="AK",
        style="RPC",
        pathname="/",
        req_body_type="json",
        body_type="json",
    )


def test_sdk_rpc_call_is_verified_and_paged(sandbox):
    client = sdk_client(sandbox.url, "ecs.cn-hangzhou.aliyuncs.com")
    request = models.OpenApiRequest(
        query={"RegionId": "cn-hangzhou", "MaxResults": "20"}
    )
    response = client.call_api(
        rpc("DescribeInstances"), request, RuntimeOptions(autoretry=False)
    )
    assert response["statusCode"] == 200
    assert len(response["body"]["Instances"]["Instance"]) == 20
    assert response["body"]["NextToken"]
    assert sandbox.requests[-1].signature_valid


def test_sdk_roa_call_is_verified(sandbox):
    dataset_clusters = {"clusters": [{"cluster_id": "c1"}], "page_info": {}}
    sandbox.dataset.services["cs"] = {
        "cn-hangzhou": {"DescribeClustersV1": dataset_clusters}
    }
    client = sdk_client(sandbox.url, "cs.cn-hangzhou.aliyuncs.com")
    params = models.Params(
        action="DescribeClustersV1",
        version="2015-12-15",
        protocol="HTTP",
        method="GET",
        auth_type="AK",
        style="ROA",
        pathname="/api/v1/clusters",
        req_body_type="json",
        body_type="json",
    )
    request = models.OpenApiRequest(query={"page_size": "10"})
    response = client.call_api(params, request, RuntimeOptions(autoretry=False))
    assert response["body"]["clusters"] == [{"cluster_id": "c1"}]


def test_sdk_reads_an_unknown_access_key_error(sandbox):
    client = sdk_client(sandbox.url, "ecs.cn-hangzhou.aliyuncs.com", ("x", "wrong"))
    with pytest.raises(ClientException) as caught:
        client.call_api(
            rpc("DescribeInstances"),
            models.OpenApiRequest(query={"RegionId": "cn-hangzhou"}),
            RuntimeOptions(autoretry=False),
        )
    assert caught.value.code == "InvalidAccessKeyId.NotFound"
    assert caught.value.status_code == 404


def test_sdk_reads_a_permission_error_with_access_denied_detail(sandbox):
    client = sdk_client(sandbox.url, "ecs.cn-hangzhou.aliyuncs.com", LIMITED)
    with pytest.raises(ClientException) as caught:
        client.call_api(
            rpc("DescribeSecurityGroupAttribute"),
            models.OpenApiRequest(query={"SecurityGroupId": "sg-1"}),
            RuntimeOptions(autoretry=False),
        )
    assert (caught.value.code, caught.value.status_code) == ("Forbidden.RAM", 403)
    detail = caught.value.access_denied_detail
    assert detail["AuthAction"] == "ecs:DescribeSecurityGroupAttribute"
