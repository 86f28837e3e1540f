"""The transport reaching sandboxes on each loopback spelling.

Every hostname resolves to the sandbox's own address, so a sandbox on ``::1`` must
be reachable by the URL it gives itself, as one on ``127.0.0.1`` is.
"""

from __future__ import annotations

import asyncio

import pytest
from harness import ACCESS_KEY_ID, ACCESS_KEY_SECRET, ACCOUNT_ID, base_dataset

from cloud_checkup.app.cloud import CloudClient
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.sandbox import Sandbox, load_dataset


async def _caller_account(host: str) -> str:
    sandbox = Sandbox(load_dataset(base_dataset()), host=host, port=0)
    await sandbox.start()
    try:
        async with Transport(Destination.sandbox(sandbox.url)) as transport:
            credential = Credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
            cloud = CloudClient(StaticCredentials(credential), transport)
            answer = await cloud.call("sts", "GetCallerIdentity", {})
    finally:
        await sandbox.stop()
    return answer["AccountId"]


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_a_sandbox_is_reached_at_the_url_it_gives_on_any_loopback(host):
    # Sandbox(host="::1").url was "http://::1:<port>", which no URL parser reads as
    # a host and a port: the transport refused it as "not on loopback, ''".
    assert asyncio.run(_caller_account(host)) == ACCOUNT_ID


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("http://localhost:8080/", "http://127.0.0.1:8080"),
    ],
)
def test_a_sandbox_destination_names_its_url_in_a_form_a_person_can_type(url, shown):
    assert Destination.sandbox(url).sandbox_url == shown
    assert Destination().sandbox_url is None  # Alibaba Cloud itself
