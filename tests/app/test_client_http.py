"""The HTTP client against a scripted loopback server: retries, pacing, reuse, guard.

The server here answers from a script so that each behaviour of the client (what it
retries, how long it waits, whether it reuses connections) can be provoked exactly.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from aiohttp import web
from harness import ScriptedServer

from cloud_checkup.app.cloud import CloudClient, CloudError, ReadOnlyViolation
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.pacing import Pacer, RetryPolicy
from cloud_checkup.app.cloud.transport import Destination, Transport

CREDENTIAL = StaticCredentials(Credential("LTAI-test", "secret-for-tests"))


async def _call(server, *, retry=None, pacer=None, action="DescribeInstances", times=1):
    async with Transport(Destination.sandbox(server.url)) as transport:
        client = CloudClient(
            CREDENTIAL,
            transport,
            retry=retry or RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.5),
            pacer=pacer,
        )
        results = [
            await client.call(
                "ecs", action, {"RegionId": "cn-hangzhou"}, region="cn-hangzhou"
            )
            for _ in range(times)
        ]
        return client, results


def run(coro):
    return asyncio.run(coro)


def test_requests_carry_the_real_hostname_and_a_v3_signature():
    async def scenario():
        async with ScriptedServer([(200, {"Instances": {}}, {})]) as server:
            await _call(server)
            return server.requests[0]

    request = run(scenario())
    assert request.host == "ecs.cn-hangzhou.aliyuncs.com"
    # Sent straight to the sandbox as to Alibaba: a path, not a proxy's full URL.
    assert request.raw_path.startswith("/?")
    assert request.headers["x-acs-action"] == "DescribeInstances"
    assert request.headers["x-acs-version"] == "2014-05-26"
    assert request.headers["Authorization"].startswith(
        "ACS3-HMAC-SHA256 Credential=LTAI-test,SignedHeaders="
    )
    assert "secret-for-tests" not in str(request.headers) + str(request.url)


def test_throttling_is_retried_after_the_time_the_cloud_asks_for():
    throttled = (
        400,
        {"Code": "Throttling.User", "Message": "flow control"},
        {"x-acs-retry-after": "300"},
    )

    async def scenario():
        async with ScriptedServer([throttled, (200, {"ok": 1}, {})]) as server:
            started = time.monotonic()
            client, results = await _call(server)
            return client, results, time.monotonic() - started

    client, results, elapsed = run(scenario())
    assert results == [{"ok": 1}]
    assert client.calls == 2
    assert elapsed >= 0.3


def test_server_errors_are_retried_and_give_up_after_the_last_attempt():
    failing = (503, {"Code": "ServiceUnavailable", "Message": "busy"}, {})

    async def scenario():
        async with ScriptedServer([failing] * 4) as server:
            with pytest.raises(CloudError) as caught:
                await _call(server)
            return caught.value, len(server.requests)

    error, sent = run(scenario())
    assert error.code == "ServiceUnavailable"
    assert error.action == "ecs:DescribeInstances"
    assert sent == 4


def test_permission_errors_are_not_retried():
    denied = (403, {"Code": "Forbidden.RAM", "Message": "not authorized"}, {})

    async def scenario():
        async with ScriptedServer([denied, (200, {}, {})]) as server:
            with pytest.raises(CloudError) as caught:
                await _call(server)
            return caught.value, len(server.requests)

    error, sent = run(scenario())
    assert error.is_permission and sent == 1


def test_a_truncated_body_is_an_error_not_a_crash():
    truncated = (200, '{"Instances": {"Inst', {})

    async def scenario():
        async with ScriptedServer([truncated] * 4) as server:
            with pytest.raises(CloudError) as caught:
                await _call(server)
            return caught.value, len(server.requests)

    error, sent = run(scenario())
    assert error.code == "Transport.MalformedResponse"
    assert sent == 4  # a cut-off answer is worth retrying


def test_a_write_is_refused_before_anything_is_sent():
    async def scenario():
        async with ScriptedServer([]) as server:
            with pytest.raises(ReadOnlyViolation):
                await _call(server, action="DeleteInstance")
            return len(server.requests)

    assert run(scenario()) == 0


def test_connections_are_reused_across_calls():
    async def scenario():
        async with ScriptedServer([(200, {}, {})] * 20) as server:
            await _call(server, times=20)
            return server.peers

    assert len(run(scenario())) == 1


def test_requests_beyond_the_pool_go_out_first_come_first_served():
    # aiohttp's own pool wakes a waiting request of a random host: with hundreds
    # of hosts, the busiest one's requests could wait past the connect timeout.
    hosts = [f"ecs.region-{n}.aliyuncs.com" for n in range(12)]

    async def scenario():
        async with (
            ScriptedServer([]) as server,
            Transport(Destination.sandbox(server.url), max_connections=1) as transport,
        ):

            async def get(host):
                url = transport.url(host, "/")
                async with transport.request("GET", url, {}) as response:
                    await response.read()

            await asyncio.gather(*(get(host) for host in hosts))
        return [request.host for request in server.requests]

    assert run(scenario()) == hosts


def test_backoff_never_blocks_the_event_loop():
    throttled = (
        400,
        {"Code": "Throttling", "Message": "x"},
        {"x-acs-retry-after": "400"},
    )

    async def scenario():
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.02)
                ticks += 1

        ticking = asyncio.create_task(ticker())
        async with ScriptedServer([throttled, (200, {}, {})]) as server:
            await _call(server)
        ticking.cancel()
        return ticks

    # 400 ms of back-off at a 20 ms tick: a blocking sleep would allow none.
    assert run(scenario()) >= 10


class _RecordingPacer(Pacer):
    def __init__(self):
        super().__init__()
        self.keys: list[tuple[str, str | None, str]] = []

    def slot(self, product, region, action):
        self.keys.append((product, region, action))
        return super().slot(product, region, action)


def test_the_client_paces_each_region_and_action_apart_and_oss_per_account():
    async def scenario():
        pacer = _RecordingPacer()
        async with (
            ScriptedServer([(200, {}, {})] * 3) as server,
            Transport(Destination.sandbox(server.url)) as transport,
        ):
            client = CloudClient(CREDENTIAL, transport, pacer=pacer)
            for region in ("cn-hangzhou", "cn-shanghai"):
                await client.call("ecs", "DescribeInstances", region=region)
            await client.oss("ListBuckets", "cn-beijing")
        return pacer.keys

    assert run(scenario()) == [
        ("ecs", "cn-hangzhou", "DescribeInstances"),
        ("ecs", "cn-shanghai", "DescribeInstances"),
        ("oss", None, "ListBuckets"),
    ]


def test_calls_in_flight_are_capped():
    async def scenario():
        in_flight = peak = 0

        async def slow(request):
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.05)
            in_flight -= 1
            return web.json_response({})

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", slow)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        try:
            async with Transport(Destination.sandbox(f"http://127.0.0.1:{port}")) as t:
                client = CloudClient(CREDENTIAL, t, pacer=Pacer(in_flight=3))
                await asyncio.gather(
                    *(client.call("ram", "ListUsers") for _ in range(12))
                )
        finally:
            await runner.cleanup()
        return peak

    assert run(scenario()) == 3


def _sls_call(server, **kwargs):
    async def call():
        async with Transport(Destination.sandbox(server.url)) as transport:
            client = CloudClient(
                CREDENTIAL,
                transport,
                retry=RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05),
            )
            return await client.sls("ListLogStores", "cn-hangzhou", **kwargs)

    return call()


def test_sls_requests_name_the_project_in_the_host_and_sign_with_log():
    async def scenario():
        async with ScriptedServer([(200, {"logstores": []}, {})]) as server:
            await _sls_call(
                server, path="/logstores", project="shop", params={"offset": 0}
            )
            return server.requests[0]

    request = run(scenario())
    assert request.host == "shop.cn-hangzhou.log.aliyuncs.com"
    assert request.path_qs == "/logstores?offset=0"
    assert request.headers["Authorization"].startswith("LOG LTAI-test:")
    assert request.headers["x-log-signaturemethod"] == "hmac-sha256"
    assert "x-acs-action" not in request.headers
    assert "secret-for-tests" not in str(request.headers) + str(request.url)


def test_sls_errors_are_read_from_their_own_shape():
    denied = (
        401,
        {"errorCode": "Unauthorized", "errorMessage": "denied by sts or ram"},
        {"x-log-requestid": "5F1E"},
    )

    async def scenario():
        async with ScriptedServer([denied]) as server:
            with pytest.raises(CloudError) as caught:
                await _sls_call(server, path="/logstores", project="shop")
            return caught.value

    error = run(scenario())
    assert (error.code, error.message) == ("Unauthorized", "denied by sts or ram")
    assert error.request_id == "5F1E"
    assert error.action == "log:ListLogStores"
    assert error.is_permission
