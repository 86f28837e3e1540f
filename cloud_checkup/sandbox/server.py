"""The sandbox HTTP server: a loopback stand-in for Alibaba Cloud's OpenAPI and OSS.

Each request goes through a pipeline of stages (route, authenticate, read-only,
region, permission, [faults], answer); any stage may end it with an answer or an
:class:`ApiError`. Fault injection is one more stage, inserted before the answer.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import hmac
import ipaddress
import json
import logging
import random
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

from aiohttp import web

from cloud_checkup.sandbox import actions, oss, sls
from cloud_checkup.sandbox.dataset import Dataset, Identity, load_dataset
from cloud_checkup.sandbox.errors import (
    ApiError,
    openapi_error_body,
    oss_error_body,
    permission_error,
)
from cloud_checkup.sandbox.faults import TRUNCATE, DropConnection, faulty_body
from cloud_checkup.sandbox.hosts import Route, route_host
from cloud_checkup.sandbox.nonces import NonceLedger
from cloud_checkup.sandbox.signatures import (
    EMPTY_SHA256,
    Claim,
    Request,
    expected_signature,
    read_claim,
)

logger = logging.getLogger("cloud_checkup.sandbox")

MAX_CLOCK_SKEW = 15 * 60
# Connections waiting to be accepted. aiohttp's default of 128 overflows when a scan
# opens a few hundred at once, and the kernel then drops the client's SYN: the client
# waits a second to retry, which no gateway of Alibaba's makes it do.
LISTEN_BACKLOG = 1024
# Allocations between two collections of the young generation, in a serving process.
YOUNG_GENERATION = 20_000


@dataclass(frozen=True)
class RequestRecord:
    """One request as the sandbox saw it; never holds a secret."""

    host: str
    product: str | None
    region: str | None
    action: str | None
    access_key_id: str | None
    signature_valid: bool
    read_only: bool
    status: int
    error_code: str | None


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    error_code: str | None = None
    parsed: Any = None


@dataclass
class Call:
    """One request travelling through the pipeline; stages fill it in."""

    request: Request
    host: str
    params: dict[str, str]
    path: str
    route: Route | None = None
    action: str | None = None
    identity: Identity | None = None
    claim: Claim | None = None
    region: str | None = None
    signature_valid: bool = False
    read_only: bool = True
    request_id: str = ""
    body_fault: str | None = None

    @property
    def product(self) -> str | None:
        return self.route.product if self.route else None

    @property
    def is_oss(self) -> bool:
        return bool(self.route and self.route.is_oss)

    @property
    def is_sls(self) -> bool:
        return bool(self.route and self.route.is_sls)

    def target(self) -> actions.Target:
        assert self.route and self.action and self.identity and self.region
        return actions.Target(
            product=self.route.product,
            action=self.action,
            region=self.region,
            identity=self.identity,
            params=self.params,
            path=self.path,
            bucket=self.route.bucket,
            host_region=self.route.region,
        )


Stage = Callable[[Call], Awaitable[Answer | None]]
# Told of every successful answer: the request's record and the body before
# rendering (a dict for JSON and OSS XML alike), e.g. to check its shape in tests.
AnswerListener = Callable[[RequestRecord, Any], None]


def _require_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(
            f"the sandbox binds only to loopback (127.0.0.1, ::1), not {host!r}"
        )


class Sandbox:
    """The sandbox server on an asyncio loop.

    Args:
        dataset: a loaded :class:`Dataset`, or anything :func:`load_dataset` takes.
        faults: an optional fault stage (``async (call) -> Answer | None``), run
            after every check and just before the dataset answers; usually a
            :class:`~cloud_checkup.sandbox.faults.Faults`.
        on_answer: called with each successful answer's record and body.
        keep_records: keep a :class:`RequestRecord` of every request in
            ``requests`` (a long benchmark turns it off and reads ``counts``).
    """

    def __init__(
        self,
        dataset: Dataset | str | Path | dict[str, Any],
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        faults: Stage | None = None,
        on_answer: AnswerListener | None = None,
        keep_records: bool = True,
    ):
        _require_loopback(host)
        self.dataset = (
            dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
        )
        self.host = host
        self.port = port
        self.requests: list[RequestRecord] = []
        self.counts: dict[tuple[str, str], int] = {}
        self._on_answer = on_answer
        self._keep_records = keep_records
        self._nonces = NonceLedger()
        self._runner: web.AppRunner | None = None
        self._stages: list[Stage] = [
            self._route,
            self._authenticate,
            self._check_read_only,
            self._resolve_region,
            self._check_permission,
        ]
        if faults is not None:
            self._stages.append(faults)
        self._stages.append(self._answer)

    @property
    def url(self) -> str:
        # An IPv6 address is bracketed in a URL, or its colons read as the port's.
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, backlog=LISTEN_BACKLOG)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        logger.info(
            "sandbox for account %s listening on %s", self.dataset.account_id, self.url
        )

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- request handling ---------------------------------------------------------

    async def _handle(self, http: web.Request) -> web.StreamResponse:
        call = await _make_call(http)
        try:
            answer = await self._run(call)
        except DropConnection:
            self._record(call, 0, "ConnectionDropped")
            return await _drop(http)
        record = self._record(call, answer.status, answer.error_code)
        if self._on_answer is not None and answer.status < 400:
            self._on_answer(record, answer.parsed)
        headers = {"Content-Type": answer.content_type, **answer.headers}
        if call.body_fault == TRUNCATE:
            return await _truncated(http, answer, headers)
        body = answer.body
        if call.body_fault is not None:
            body = faulty_body(call.body_fault, body, call.is_oss)
        return web.Response(status=answer.status, body=body, headers=headers)

    async def _run(self, call: Call) -> Answer:
        try:
            for stage in self._stages:
                answer = await stage(call)
                if answer is not None:
                    return answer
        except ApiError as error:
            return self._error_answer(call, error)
        raise AssertionError("the answer stage always answers")

    # --- stages -------------------------------------------------------------------

    async def _route(self, call: Call) -> None:
        call.route = route_host(call.host)
        if call.route is None:
            raise ApiError(
                "InvalidOperation.NotSupportedEndpoint",
                400,
                f"The sandbox does not serve the host {call.host!r}.",
            )
        call.request_id = _request_id(call.route.is_oss)
        request = call.request
        if call.route.is_oss:
            call.action = oss.oss_action(
                request.method, call.route.kind, call.path, call.params
            )
            return None
        if call.route.is_sls:
            target = sls.target(request.method, call.path, call.route.project)
            call.action = target.action
            call.params.update(target.params)
            return None
        call.action = request.headers.get("x-acs-action") or call.params.get("Action")
        if not call.action:
            raise ApiError("MissingAction", 400)
        return None

    async def _authenticate(self, call: Call) -> None:
        claim = read_claim(call.request, call.is_oss, call.is_sls)
        call.claim = claim
        identity = self.dataset.identities.get(claim.access_key_id)
        if identity is None:
            raise _auth_error(call, "unknown_key")
        call.identity = identity
        if identity.security_token is not None:
            if claim.security_token is None:
                raise _auth_error(call, "missing_token")
            if not hmac.compare_digest(claim.security_token, identity.security_token):
                raise _auth_error(call, "bad_token")
        expected = expected_signature(call.request, claim, identity.access_key_secret)
        if not hmac.compare_digest(expected, claim.signature) or not _payload_ok(call):
            raise _auth_error(call, "bad_signature")
        call.signature_valid = True
        self._check_time(call, claim)
        self._check_nonce(claim)
        return None

    def _check_time(self, call: Call, claim: Claim) -> None:
        if claim.timestamp is None:
            raise _auth_error(call, "bad_time_format")
        skew = abs((datetime.now(UTC) - claim.timestamp).total_seconds())
        if skew > MAX_CLOCK_SKEW:
            raise _auth_error(call, "expired")

    def _check_nonce(self, claim: Claim) -> None:
        if claim.scheme not in ("v3", "rpc"):
            return
        if not claim.nonce:
            raise ApiError(
                "MissingSignatureNonce",
                400,
                "SignatureNonce is mandatory for this action.",
            )
        if not self._nonces.record(claim.nonce):
            raise ApiError("SignatureNonceUsed", 400)

    async def _check_read_only(self, call: Call) -> None:
        assert call.route and call.action and call.identity
        if actions.is_read(call.route.product, call.action):
            return None
        call.read_only = False
        error = self._permission_error(call)
        error.message = (
            f"The sandbox answers read actions only; {call.action} is refused. "
            + error.message
        )
        raise error

    async def _resolve_region(self, call: Call) -> None:
        assert call.route
        call.region = actions.resolve_region(
            self.dataset, call.route.product, call.route.region, call.params
        )
        return None

    async def _check_permission(self, call: Call) -> Answer | None:
        assert call.route and call.action and call.identity
        denied = actions.is_denied(call.identity, call.route.product, call.action)
        if actions.is_dry_run(call.params):
            # A dry run only asks "may I?": the way to tell a real empty list from
            # one that hides a denial.
            if denied:
                raise self._permission_error(call)
            raise actions.dry_run_passed()
        if not denied:
            return None
        body = actions.denied_answer(call.target())
        if body is not None:
            return self._body_answer(call, body)
        raise self._permission_error(call)

    def _permission_error(self, call: Call) -> ApiError:
        assert call.route and call.action and call.identity
        if call.route.is_sls:
            return sls.permission_error(
                call.action,
                call.route.region,
                self.dataset.account_id,
                call.route.project,
            )
        return permission_error(
            call.route.product, call.action, call.identity, self.dataset.account_id
        )

    async def _answer(self, call: Call) -> Answer:
        body = actions.answer(self.dataset, call.target())
        return self._body_answer(call, body)

    # --- rendering ----------------------------------------------------------------

    def _body_answer(self, call: Call, body: Any) -> Answer:
        if call.is_oss:
            data, content_type = oss.render(call.action or "", body)
            headers = _oss_headers(call.request_id)
            return Answer(200, data, content_type, headers, parsed=body)
        if call.is_sls:
            data = json.dumps(body).encode()
            headers = {"x-log-requestid": call.request_id}
            return Answer(200, data, "application/json", headers, parsed=body)
        if isinstance(body, dict):
            # Newer ROA products (Model Studio) name it requestId; never send both.
            if "requestId" not in body:
                body = {**body, "RequestId": call.request_id}
            data = json.dumps(body).encode()
        else:
            data = str(body).encode()
        return Answer(
            200,
            data,
            "application/json;charset=utf-8",
            {"x-acs-request-id": call.request_id},
            parsed=body,
        )

    def _error_answer(self, call: Call, error: ApiError) -> Answer:
        if not call.request_id:
            call.request_id = _request_id(call.is_oss)
        headers = dict(error.headers)
        if call.is_oss:
            body = oss_error_body(error, call.request_id, call.host)
            headers.update(_oss_headers(call.request_id))
            return Answer(error.status, body, "application/xml", headers, error.code)
        if call.is_sls:
            headers["x-log-requestid"] = call.request_id
            body = sls.error_body(error)
            return Answer(error.status, body, "application/json", headers, error.code)
        headers["x-acs-request-id"] = call.request_id
        body = openapi_error_body(error, call.request_id, call.host)
        return Answer(
            error.status, body, "application/json;charset=utf-8", headers, error.code
        )

    def _record(self, call: Call, status: int, error_code: str | None) -> RequestRecord:
        record = RequestRecord(
            host=call.host,
            product=call.product,
            region=call.region or (call.route.region if call.route else None),
            action=call.action,
            access_key_id=call.claim.access_key_id if call.claim else None,
            signature_valid=call.signature_valid,
            read_only=call.read_only,
            status=status,
            error_code=error_code,
        )
        if self._keep_records:
            self.requests.append(record)
        key = (record.product or call.host, record.action or "-")
        self.counts[key] = self.counts.get(key, 0) + 1
        if logger.isEnabledFor(logging.INFO):
            _log_request(record, call.host)
        return record


def _log_request(record: RequestRecord, host: str) -> None:
    logger.info(
        "%s %s %s by %s signature %s, %s -> %s%s",
        record.product or host,
        record.action or "-",
        record.region or "-",
        _short_key(record.access_key_id),
        "ok" if record.signature_valid else "not verified",
        "read" if record.read_only else "WRITE refused",
        record.status,
        f" {record.error_code}" if record.error_code else "",
    )


async def _make_call(http: web.Request) -> Call:
    body = await http.read()
    query = tuple(parse_qsl(http.rel_url.raw_query_string, keep_blank_values=True))
    form: tuple[tuple[str, str], ...] = ()
    content_type = http.headers.get("Content-Type", "")
    if body and content_type.startswith("application/x-www-form-urlencoded"):
        form = tuple(parse_qsl(body.decode(), keep_blank_values=True))
    host = (http.host or "").lower()
    route = route_host(host)
    request = Request(
        method=http.method,
        raw_path=http.rel_url.raw_path,
        query=query,
        form=form,
        headers=http.headers,
        body=body,
        bucket=route.bucket if route else None,
    )
    params = _json_params(body, content_type) | dict(query) | dict(form)
    return Call(request, host, params, unquote(http.rel_url.raw_path))


def _json_params(body: bytes, content_type: str) -> dict[str, str]:
    if not body or not content_type.startswith("application/json"):
        return {}
    try:
        data = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(v) for k, v in data.items() if isinstance(v, str | int)}


async def _drop(http: web.Request) -> web.StreamResponse:
    # Closing the socket before any byte of the answer is what a client sees when
    # a load balancer or the network drops the connection.
    if http.transport is not None:
        http.transport.close()
    return web.Response(status=500)


async def _truncated(
    http: web.Request, answer: Answer, headers: dict[str, str]
) -> web.StreamResponse:
    # Announce the whole length, send half, then close: the client must notice.
    response = web.StreamResponse(status=answer.status, headers=headers)
    response.content_length = len(answer.body)
    await response.prepare(http)
    await response.write(answer.body[: len(answer.body) // 2])
    if http.transport is not None:
        http.transport.close()
    return response


def _payload_ok(call: Call) -> bool:
    claimed = call.request.headers.get("x-acs-content-sha256")
    if call.claim is None or call.claim.scheme != "v3" or claimed is None:
        return True
    actual = (
        hashlib.sha256(call.request.body).hexdigest()
        if call.request.body
        else EMPTY_SHA256
    )
    return hmac.compare_digest(claimed.lower(), actual)


# Authentication problems in the OpenAPI gateway's words and in OSS's.
_AUTH_ERRORS: dict[str, tuple[tuple[str, int], tuple[str, int]]] = {
    "unknown_key": (("InvalidAccessKeyId.NotFound", 404), ("InvalidAccessKeyId", 403)),
    "missing_token": (("MissingSecurityToken", 400), ("InvalidAccessKeyId", 403)),
    "bad_token": (
        ("InvalidSecurityToken.MismatchWithAccessKey", 400),
        ("InvalidSecurityToken", 403),
    ),
    "bad_signature": (("SignatureDoesNotMatch", 400), ("SignatureDoesNotMatch", 403)),
    "bad_time_format": (("InvalidTimeStamp.Format", 400), ("AccessDenied", 403)),
    "expired": (("InvalidTimeStamp.Expired", 400), ("RequestTimeTooSkewed", 403)),
}

_OSS_AUTH_MESSAGES = {
    "InvalidAccessKeyId": "The OSS Access Key Id you provided does not exist in our "
    "records.",
    "InvalidSecurityToken": "The security token you provided is invalid.",
    "SignatureDoesNotMatch": "The request signature we calculated does not match the "
    "signature you provided. Check your key and signing method.",
    "AccessDenied": "Date header or x-oss-date is missing or invalid.",
    "RequestTimeTooSkewed": "The difference between the request time and the current "
    "time is too large.",
}


def _auth_error(call: Call, problem: str) -> ApiError:
    if call.is_sls:
        key = call.claim.access_key_id if call.claim else None
        return sls.auth_error(problem, call.request, key)
    openapi, oss_form = _AUTH_ERRORS[problem]
    if call.is_oss:
        code, status = oss_form
        return ApiError(code, status, _OSS_AUTH_MESSAGES[code])
    code, status = openapi
    return ApiError(code, status)


def _request_id(is_oss: bool) -> str:
    # Ids, not secrets: the generator need not be cryptographic, and reading the
    # system's entropy pool for every request costs a system call.
    bits = random.getrandbits(128)
    if is_oss:
        return f"{bits >> 32:024X}"
    text = f"{bits:032X}"
    return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-{text[16:20]}-{text[20:]}"


def _oss_headers(request_id: str) -> dict[str, str]:
    return {
        "Server": "AliyunOSS",
        "x-oss-request-id": request_id,
        "x-oss-server-time": "1",
    }


def _short_key(access_key_id: str | None) -> str:
    if not access_key_id:
        return "nobody"
    return access_key_id[:8] + "..." if len(access_key_id) > 8 else access_key_id


class SandboxThread:
    """The sandbox on its own thread and event loop, for synchronous code and tests.

    Use as a context manager; ``url`` and ``requests`` work as on :class:`Sandbox`.
    """

    def __init__(
        self,
        dataset: Dataset | str | Path | dict[str, Any],
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        faults: Stage | None = None,
        on_answer: AnswerListener | None = None,
    ):
        self.sandbox = Sandbox(dataset, host, port, faults=faults, on_answer=on_answer)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.sandbox.url

    @property
    def requests(self) -> list[RequestRecord]:
        return self.sandbox.requests

    @property
    def dataset(self) -> Dataset:
        return self.sandbox.dataset

    def start(self) -> None:
        started = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self.sandbox.start())
            except BaseException as exc:  # handed to the starting thread below
                failure.append(exc)
                started.set()
                loop.close()
                return
            started.set()
            loop.run_forever()
            loop.run_until_complete(self.sandbox.stop())
            loop.close()

        self._thread = threading.Thread(target=run, name="sandbox", daemon=True)
        self._thread.start()
        if not started.wait(timeout=10):
            raise RuntimeError("the sandbox did not start within 10 s")
        if failure:
            raise failure[0]

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._thread = None
        self._loop = None

    def __enter__(self) -> SandboxThread:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def settle_for_serving() -> None:
    """Tune the garbage collector for a process that serves one dataset until it exits.

    The dataset never changes and lives as long as the server: it is put out of the
    collector's reach, or every full collection walks each of its objects again. And
    the young generation is collected every 20,000 allocations rather than every
    700: a request's containers are freed by reference counting all the same. Both
    together save about a second of a busy sandbox's CPU in the 20-region benchmark.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])


async def serve(
    dataset_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    faults: Stage | None = None,
) -> None:
    """Serve a dataset until cancelled, optionally with a fault stage.

    Raises:
        DatasetError: the dataset is not valid.
        ValueError: ``host`` is not a loopback address.
    """
    sandbox = Sandbox(load_dataset(dataset_path), host, port, faults=faults)
    settle_for_serving()
    await sandbox.start()
    try:
        await asyncio.Event().wait()
    finally:
        await sandbox.stop()
