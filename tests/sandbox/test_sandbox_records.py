"""Every request leaves a RequestRecord and one INFO log line, never a secret."""

from __future__ import annotations

import logging

import pytest
from sandbox_client import AUDITOR

from cloud_checkup.sandbox import RequestRecord, SandboxThread


def test_records_and_log_lines(client, sandbox, caplog):
    caplog.set_level(logging.INFO, logger="cloud_checkup.sandbox")
    client.v3("ecs.cn-hangzhou.aliyuncs.com", "DescribeInstances")
    client.v3("ecs.cn-hangzhou.aliyuncs.com", "DescribeInstances", secret="wrong")

    assert sandbox.requests == [
        RequestRecord(
            host="ecs.cn-hangzhou.aliyuncs.com",
            product="ecs",
            region="cn-hangzhou",
            action="DescribeInstances",
            access_key_id=AUDITOR[0],
            signature_valid=True,
            read_only=True,
            status=200,
            error_code=None,
        ),
        RequestRecord(
            host="ecs.cn-hangzhou.aliyuncs.com",
            product="ecs",
            region="cn-hangzhou",
            action="DescribeInstances",
            access_key_id=AUDITOR[0],
            signature_valid=False,
            read_only=True,
            status=400,
            error_code="SignatureDoesNotMatch",
        ),
    ]
    lines = [
        r.getMessage() for r in caplog.records if "DescribeInstances" in r.getMessage()
    ]
    assert lines[0] == (
        "ecs DescribeInstances cn-hangzhou by LTAI-san... signature ok, read -> 200"
    )
    assert lines[1].endswith("-> 400 SignatureDoesNotMatch")
    assert all(AUDITOR[1] not in r.getMessage() for r in caplog.records)


def test_sandbox_refuses_a_non_loopback_host(dataset):
    with pytest.raises(ValueError, match="loopback"):
        SandboxThread(dataset, host="0.0.0.0")


async def _listening(port: int) -> None:
    """Wait until something accepts connections on ``port`` (a loaded machine may
    take a while to load the dataset and bind)."""
    import asyncio

    for _ in range(200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise AssertionError(f"nothing listens on port {port}")


def test_serve_runs_until_cancelled_and_refuses_other_hosts(tmp_path):
    import asyncio
    import json
    import socket

    from sandbox_client import Client, make_dataset

    from cloud_checkup.sandbox import serve

    path = tmp_path / "d.json"
    path.write_text(json.dumps(make_dataset()))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def scenario() -> int:
        task = asyncio.create_task(serve(path, port=port))
        await _listening(port)
        client = Client(f"http://127.0.0.1:{port}")
        reply = await asyncio.to_thread(
            client.v3, "ecs.cn-hangzhou.aliyuncs.com", "DescribeInstances"
        )
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return reply.status

    assert asyncio.run(scenario()) == 200
    with pytest.raises(ValueError, match="loopback"):
        asyncio.run(serve(path, host="192.168.1.10"))
