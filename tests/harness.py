"""Scan a dataset through the real sandbox, HTTP client and engine, for tests.

This is the same path a real account takes: signed requests over HTTP on loopback,
paging, pacing, collection and evaluation. Only the destination differs.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from cloud_checkup.app.cloud import CloudClient
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.pacing import RetryPolicy
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.app.collections import all_collections
from cloud_checkup.app.engine import Scanner, ScanRequest
from cloud_checkup.app.model import ScanResult
from cloud_checkup.checks import Check, Package
from cloud_checkup.sandbox import RequestRecord, Sandbox, load_dataset
from cloud_checkup.sandbox.server import AnswerListener

ACCOUNT_ID = "1234567890123456"
ACCESS_KEY_ID = "LTAI-test-auditor"
ACCESS_KEY_SECRET = "test-secret-not-real"
ALL_PACKAGES = frozenset({Package.STANDARD, Package.AI})
# Tests should not wait long for retries of errors they provoke on purpose.
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)

# Actions the engine calls besides the collections' own.
ENGINE_ACTIONS = frozenset(
    {
        ("sts", "GetCallerIdentity"),
        ("ecs", "DescribeRegions"),
        ("ram", "GetAccountAlias"),
        ("sas", "DescribeVersionConfig"),
    }
)
# Every (product, action) a full scan may call.
APP_ACTIONS = sorted(
    {(spec.product, spec.action) for spec in all_collections().values()}
    | ENGINE_ACTIONS
)


# A temporary (STS) credential, with characters a token may hold that need encoding.
STS_CREDENTIAL = Credential(
    "STS.test-session", "sts-secret", "sts-token/with+odd=chars"
)


def with_sts_identity(dataset: dict[str, Any]) -> dict[str, Any]:
    """``dataset`` with an assumed-role identity that signs with ``STS_CREDENTIAL``."""
    dataset["identities"].append(
        {
            "access_key_id": STS_CREDENTIAL.access_key_id,
            "access_key_secret": STS_CREDENTIAL.access_key_secret,
            "security_token": STS_CREDENTIAL.security_token,
            "arn": f"acs:ram::{ACCOUNT_ID}:assumed-role/auditor/checkup",
        }
    )
    return dataset


def base_dataset(
    services: Mapping[str, Any] | None = None,
    *,
    regions: Iterable[str] = ("cn-hangzhou", "ap-southeast-1"),
    deny: Iterable[str] = (),
) -> dict[str, Any]:
    """A minimal valid dataset: one account, one auditor identity, some regions."""
    identity: dict[str, Any] = {
        "access_key_id": ACCESS_KEY_ID,
        "access_key_secret": ACCESS_KEY_SECRET,
        "arn": f"acs:ram::{ACCOUNT_ID}:user/auditor",
    }
    if deny:
        identity["deny"] = list(deny)
    return {
        "format": "cloud-checkup-sandbox/1",
        "account": {"id": ACCOUNT_ID, "alias": "test-account"},
        "identities": [identity],
        "regions": list(regions),
        "services": copy.deepcopy(dict(services or {})),
    }


def scan_dataset(
    dataset: Mapping[str, Any] | str,
    checks: Iterable[str] | None = None,
    *,
    packages: frozenset[Package] = ALL_PACKAGES,
    regions: Iterable[str] | None = None,
) -> ScanResult:
    """Serve ``dataset`` on loopback and scan it with the real client and engine."""
    request = ScanRequest(
        packages=packages,
        check_ids=frozenset(checks) if checks is not None else None,
        regions=tuple(regions) if regions else None,
    )
    result, _ = asyncio.run(_scan(dataset, request))
    return result


@dataclass
class Capture:
    """A scan, and what the sandbox saw of it.

    Attributes:
        requests: every request, with the status and error code it was answered.
        answers: the body of every successful answer, by (product, action).
    """

    result: ScanResult
    requests: list[RequestRecord]
    answers: dict[tuple[str, str], list[Any]]


def capture_scan(
    dataset: Mapping[str, Any] | str,
    *,
    packages: frozenset[Package] = ALL_PACKAGES,
    catalogue: Mapping[str, Check] | None = None,
) -> Capture:
    """Scan ``dataset`` like :func:`scan_dataset`, keeping requests and answers.

    ``catalogue`` replaces the app's items (for instance with items whose reads are
    watched).
    """
    answers: dict[tuple[str, str], list[Any]] = defaultdict(list)

    def keep(record: RequestRecord, body: Any) -> None:
        answers[(record.product or record.host, record.action or "-")].append(body)

    request = ScanRequest(packages=packages)
    result, requests = asyncio.run(_scan(dataset, request, keep, catalogue))
    return Capture(result, requests, dict(answers))


async def _scan(
    dataset: Mapping[str, Any] | str,
    request: ScanRequest,
    on_answer: AnswerListener | None = None,
    catalogue: Mapping[str, Check] | None = None,
) -> tuple[ScanResult, list[RequestRecord]]:
    loaded = load_dataset(dataset)
    sandbox = Sandbox(loaded, host="127.0.0.1", port=0, on_answer=on_answer)
    await sandbox.start()
    try:
        identity = next(iter(loaded.identities.values()))
        credential = Credential(
            identity.access_key_id,
            identity.access_key_secret,
            getattr(identity, "security_token", None),
        )
        async with Transport(Destination.sandbox(sandbox.url)) as transport:
            cloud = CloudClient(
                StaticCredentials(credential), transport, retry=FAST_RETRY
            )
            result = await Scanner(cloud, catalogue=catalogue).run(request)
    finally:
        await sandbox.stop()
    return result, sandbox.requests


class ScriptedServer:
    """Answers each request with the next scripted (status, body, headers)."""

    def __init__(self, script):
        self.script = list(script)
        self.requests: list[web.Request] = []
        self.peers: set = set()

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append(request)
        self.peers.add(request.transport.get_extra_info("peername"))
        status, body, headers = self.script.pop(0) if self.script else (200, {}, {})
        return web.Response(
            status=status,
            text=body if isinstance(body, str) else json.dumps(body),
            headers={"Content-Type": "application/json", **headers},
        )

    async def __aenter__(self):
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc):
        await self._runner.cleanup()
