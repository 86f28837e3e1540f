"""Signed, paced, retried read calls to Alibaba Cloud's OpenAPI and OSS.

Requests are signed by the app's own signers: OpenAPI's ACS3-HMAC-SHA256 (``acs3``),
OSS's (``oss_v4``) and Simple Log Service's (``sls``), each proven equal to its SDK's
by tests. All go through one shared aiohttp session: we do not use the
SDK's async transport, which opens a new session and TLS context for every request
and retries with a blocking sleep (see DESIGN.md). Retries and pacing live in one
place, here.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import aiohttp

from cloud_checkup import __version__

from . import acs3, endpoints, oss_v4, sls, xml
from .credentials import CredentialSource
from .encoding import percent_encode
from .errors import CloudError
from .pacing import Pacer, RetryPolicy
from .readonly import ensure_read
from .transport import Destination, Transport

log = logging.getLogger(__name__)

USER_AGENT = f"CloudHealthCheckup/{__version__}"


def _encode_path(path: str) -> str:
    return quote(path, safe="/~")


def _canonical_query(params: Mapping[str, str]) -> str:
    return "&".join(
        f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items())
    )


def flatten_params(params: Mapping[str, Any]) -> dict[str, str]:
    """RPC parameters as Alibaba expects them: ``Tag.1.Key``, booleans as ``true``."""
    flat: dict[str, str] = {}

    def add(prefix: str, value: Any) -> None:
        if isinstance(value, str):  # the common case, decided first
            flat[prefix] = value
        elif value is None:
            return
        elif isinstance(value, Mapping):
            for key, item in value.items():
                add(f"{prefix}.{key}" if prefix else key, item)
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value, start=1):
                add(f"{prefix}.{index}", item)
        elif isinstance(value, bool):
            flat[prefix] = "true" if value else "false"
        else:
            flat[prefix] = str(value)

    add("", params)
    return flat


class CloudClient:
    """Read-only client for every product in the endpoint table, and OSS.

    Attributes:
        calls: HTTP requests sent so far (retries included).
    """

    def __init__(
        self,
        credentials: CredentialSource,
        transport: Transport,
        *,
        pacer: Pacer | None = None,
        retry: RetryPolicy | None = None,
    ):
        self._credentials = credentials
        self._transport = transport
        self._pacer = pacer or Pacer()
        self._retry = retry or RetryPolicy()
        self.calls = 0

    @property
    def destination(self) -> Destination:
        """Where the requests go: Alibaba Cloud, or a sandbox on loopback."""
        return self._transport.destination

    async def call(
        self,
        product: str,
        action: str,
        params: Mapping[str, Any] | None = None,
        *,
        region: str | None = None,
        path: str | None = None,
        method: str | None = None,
    ) -> dict[str, Any]:
        """Call one OpenAPI action and return its JSON body.

        ``path`` (ROA only) must already be percent-encoded: it is signed and sent as
        given.

        Raises:
            ReadOnlyViolation: the action is not a configuration read (nothing is sent).
            CloudError: the cloud answered with an error, after retrying the transient
                kinds.
        """
        ensure_read(product, action)
        spec = endpoints.product(product)
        host = spec.host(region)
        query = flatten_params(params or {})
        verb = method or ("GET" if spec.style == "ROA" else "POST")
        return await self._with_retries(
            product,
            region,
            action,
            lambda: self._send_openapi(
                host, spec.version, action, verb, path or "/", query
            ),
        )

    async def oss(
        self,
        action: str,
        region: str,
        *,
        bucket: str | None = None,
        subresource: str | None = None,
        params: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Read OSS service or bucket configuration (never object contents)."""
        ensure_read("oss", action)
        host = (
            endpoints.oss_bucket_host(bucket, region)
            if bucket
            else endpoints.oss_service_host(region)
        )
        query = dict(params or {})
        if subresource:
            query[subresource] = ""
        # OSS counts its control-plane calls per account, not per region.
        return await self._with_retries(
            "oss", None, action, lambda: self._send_oss(host, region, bucket, query)
        )

    async def sls(
        self,
        action: str,
        region: str,
        *,
        path: str = "/",
        project: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Read Simple Log Service configuration: projects, logstores, alerts (never
        logs). ``project`` names the project whose own host serves the call."""
        ensure_read("sls", action)
        host = (
            sls.project_host(project, region) if project else sls.service_host(region)
        )
        query = {k: str(v) for k, v in (params or {}).items()}
        return await self._with_retries(
            "sls", region, action, lambda: self._send_sls(host, path, query)
        )

    async def _with_retries(
        self, product: str, region: str | None, action: str, send
    ) -> dict[str, Any]:
        for attempt in range(1, self._retry.attempts + 1):
            try:
                async with self._pacer.slot(product, region, action):
                    self.calls += 1
                    return await send()
            except CloudError as error:
                error.action = endpoints.ram_action(product, action)
                last = attempt == self._retry.attempts
                if not error.is_transient or last:
                    raise
                delay = self._retry.delay(attempt, error.retry_after)
                if error.is_throttling:
                    self._pacer.pause(product, region, action, delay)
                log.info(
                    "%s:%s answered %s; retry %d in %.2f s",
                    product,
                    action,
                    error.code,
                    attempt,
                    delay,
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _send_openapi(
        self,
        host: str,
        version: str,
        action: str,
        method: str,
        path: str,
        query: dict[str, str],
    ) -> dict[str, Any]:
        credential = await self._credentials.get()
        headers = acs3.signing_headers(
            host=host,
            action=action,
            version=version,
            timestamp=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            user_agent=USER_AGENT,
            access_key_id=credential.access_key_id,
            security_token=credential.security_token,
        )
        canonical_query = acs3.canonical_query(query)
        headers["Authorization"] = acs3.authorization(
            method,
            path,
            canonical_query,
            headers,
            credential.access_key_id,
            credential.access_key_secret,
        )
        suffix = f"?{canonical_query}" if canonical_query else ""
        url = self._transport.url(host, path + suffix)
        status, response_headers, body = await self._exchange(method, url, headers)
        return _parse_openapi(status, response_headers, body, host)

    async def _send_oss(
        self, host: str, region: str, bucket: str | None, query: dict[str, str]
    ) -> dict[str, Any]:
        credential = await self._credentials.get()
        headers = oss_v4.signed_headers(
            now=datetime.now(UTC),
            region=region,
            bucket=bucket,
            query=query,
            access_key_id=credential.access_key_id,
            access_key_secret=credential.access_key_secret,
            security_token=credential.security_token,
            user_agent=USER_AGENT,
        )
        suffix = oss_v4.canonical_query(query)
        url = self._transport.url(host, "/" + (f"?{suffix}" if suffix else ""))
        status, response_headers, body = await self._exchange("GET", url, headers)
        return _parse_oss(status, response_headers, body, host)

    async def _send_sls(
        self, host: str, path: str, query: dict[str, str]
    ) -> dict[str, Any]:
        credential = await self._credentials.get()
        headers = {
            "host": host,
            "date": datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT"),
            "content-type": "application/json",
            "accept": "application/json",
            "user-agent": USER_AGENT,
            "x-log-apiversion": sls.API_VERSION,
            "x-log-signaturemethod": sls.SIGNATURE_METHOD,
            "x-log-bodyrawsize": "0",
        }
        if credential.security_token:
            headers["x-acs-security-token"] = credential.security_token
        headers["authorization"] = sls.authorization(
            "GET",
            path,
            query,
            headers,
            credential.access_key_id,
            credential.access_key_secret,
        )
        suffix = f"?{_canonical_query(query)}" if query else ""
        url = self._transport.url(host, _encode_path(path) + suffix)
        status, response_headers, body = await self._exchange("GET", url, headers)
        return _parse_openapi(status, response_headers, body, host)

    async def _exchange(
        self, method: str, url: str, headers: dict[str, str]
    ) -> tuple[int, Mapping[str, str], bytes]:
        started = time.monotonic()
        try:
            async with self._transport.request(method, url, headers) as response:
                body = await response.read()
                if log.isEnabledFor(logging.DEBUG):
                    took = time.monotonic() - started
                    where = url.split("?", 1)[0]
                    log.debug(
                        "%s %s -> %d in %.3f s", method, where, response.status, took
                    )
                return response.status, response.headers, body
        except TimeoutError as error:
            raise CloudError("Transport.Timeout", "no answer in time") from error
        except aiohttp.ClientPayloadError as error:
            raise CloudError("Transport.Truncated", "the answer was cut off") from error
        except aiohttp.ClientError as error:
            raise CloudError("Transport.ConnectionError", str(error)) from error


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("x-acs-retry-after")
    try:
        return float(value) / 1000 if value else None
    except ValueError:
        return None


def _parse_openapi(
    status: int, headers: Mapping[str, str], body: bytes, host: str
) -> dict[str, Any]:
    try:
        document = json.loads(body) if body else {}
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise CloudError(
            "Transport.MalformedResponse",
            f"{host} answered with a body that is not a JSON object",
            status=status,
        )
    if status >= 400:
        # OpenAPI answers Code/Message; ROA products code/message; SLS
        # errorCode/errorMessage with the request id in a header.
        code = document.get("Code") or document.get("code") or document.get("errorCode")
        if code == "SignatureNonceUsed":
            # Every attempt is signed with a new nonce: this one reached the gateway
            # twice because the HTTP layer resent it after the connection dropped.
            raise CloudError(
                "Transport.ConnectionDropped",
                "the connection dropped, and the request resent on a new one was "
                "refused as a replay (SignatureNonceUsed)",
                status=status,
            )
        message = (
            document.get("Message")
            or document.get("message")
            or document.get("errorMessage")
        )
        raise CloudError(
            str(code or f"HTTP{status}"),
            str(message or ""),
            status=status,
            request_id=document.get("RequestId")
            or document.get("requestId")
            or headers.get("x-log-requestid"),
            retry_after=_retry_after(headers),
        )
    return document


def _parse_oss(
    status: int, headers: Mapping[str, str], body: bytes, host: str
) -> dict[str, Any]:
    if status < 400 and "json" in headers.get("Content-Type", ""):
        # GetBucketPolicy answers with the policy document itself, in JSON.
        return _parse_openapi(status, headers, body, host)
    try:
        document = xml.parse(body) if body else {}
    except xml.XmlError as error:
        raise CloudError(
            "Transport.MalformedResponse",
            f"{host} answered with bad XML: {error}",
            status=status,
        ) from error
    if status >= 400:
        error_body = document.get("Error", {}) if isinstance(document, dict) else {}
        raise CloudError(
            str(error_body.get("Code") or f"HTTP{status}"),
            str(error_body.get("Message") or ""),
            status=status,
            request_id=error_body.get("RequestId") or headers.get("x-oss-request-id"),
            retry_after=_retry_after(headers),
        )
    return document
