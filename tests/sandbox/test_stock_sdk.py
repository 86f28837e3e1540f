"""Unmodified per-product SDK clients reach the sandbox as their HTTP proxy.

The clients pick their own endpoint from the region (``ecs-cn-hangzhou.aliyuncs.com``,
``ram.aliyuncs.com``), exactly as against Alibaba Cloud; only the proxy points at the
sandbox. Name resolution of anything but loopback is made to fail, so a client that
tried to reach a real host would fail loudly instead of leaving this machine.
"""

from __future__ import annotations

import socket

import pytest
from alibabacloud_ecs20140526 import models as ecs_models
from alibabacloud_ecs20140526.client import Client as EcsClient
from alibabacloud_ram20150501 import models as ram_models
from alibabacloud_ram20150501.client import Client as RamClient
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config
from sandbox_client import AUDITOR, LIMITED


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"test refused to resolve {host}: only loopback is allowed")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def config(url: str, key: tuple[str, str] = AUDITOR) -> Config:
    return Config(
        access_key_id=key[0],
        access_key_secret=key[1],
        endpoint=None,
        region_id="cn-hangzhou",
        protocol="http",
        http_proxy=url,
        https_proxy=url,
    )


def test_stock_ecs_client_pages_through_the_sandbox(sandbox):
    client = EcsClient(config(sandbox.url))
    ids, token = [], None
    while True:
        request = ecs_models.DescribeInstancesRequest(
            region_id="cn-hangzhou", max_results=10, next_token=token
        )
        body = client.describe_instances(request).body
        ids += [instance.instance_id for instance in body.instances.instance]
        token = body.next_token
        if not token:
            break
    assert ids == [f"i-{n:03d}" for n in range(25)]
    seen = [r for r in sandbox.requests if r.action == "DescribeInstances"]
    assert len(seen) == 3
    assert {r.host for r in seen} == {"ecs-cn-hangzhou.aliyuncs.com"}
    assert all(r.signature_valid and r.status == 200 for r in seen)


def test_stock_ram_client_reaches_the_central_host(sandbox):
    body = RamClient(config(sandbox.url)).list_users(ram_models.ListUsersRequest()).body
    assert len(body.users.user) == 100 and body.is_truncated
    assert sandbox.requests[-1].host == "ram.aliyuncs.com"


def test_stock_client_reads_the_sandbox_permission_error(sandbox):
    client = EcsClient(config(sandbox.url, LIMITED))
    request = ecs_models.DescribeSecurityGroupAttributeRequest(
        region_id="cn-hangzhou", security_group_id="sg-1"
    )
    with pytest.raises(ClientException) as caught:
        client.describe_security_group_attribute(request)
    assert (caught.value.code, caught.value.status_code) == ("Forbidden.RAM", 403)
    assert sandbox.requests[-1].error_code == "Forbidden.RAM"


def test_without_the_proxy_the_client_cannot_leave_loopback(sandbox):
    # The guard itself: the same client without a proxy fails at name resolution.
    unproxied = Config(
        access_key_id=AUDITOR[0],
        access_key_secret=AUDITOR[1],
        region_id="cn-hangzhou",
        protocol="http",
    )
    with pytest.raises(Exception, match="only loopback"):
        EcsClient(unproxied).describe_regions(ecs_models.DescribeRegionsRequest())
