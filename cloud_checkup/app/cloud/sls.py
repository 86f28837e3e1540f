"""Simple Log Service's own request signature and hosts.

SLS does not take the OpenAPI signature. Its REST API names the project in the host
(``<project>.<region>.log.aliyuncs.com``) and signs each request with the ``LOG``
scheme: an HMAC over the verb, the content headers, the date, every ``x-log-`` and
``x-acs-`` header and the canonical resource (path and sorted raw query). We sign with
HMAC-SHA256, as Alibaba's SLS SDK does by default; tests prove the result equal to the
SDK's own signer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

API_VERSION = "0.6.0"
SIGNATURE_METHOD = "hmac-sha256"
_SIGNED_PREFIXES = ("x-log-", "x-acs-")


def service_host(region: str) -> str:
    """The host of account-level reads (ListProject)."""
    return f"{region}.log.aliyuncs.com"


def project_host(project: str, region: str) -> str:
    """The host of one project's reads (its logstores, its alerts)."""
    return f"{project}.{service_host(region)}"


def canonical_resource(path: str, query: Mapping[str, str]) -> str:
    """The path, then the query sorted by name with raw (unencoded) values."""
    if not query:
        return path
    pairs = "&".join(f"{name}={query[name]}" for name in sorted(query))
    return f"{path}?{pairs}"


def string_to_sign(
    method: str, path: str, query: Mapping[str, str], headers: Mapping[str, str]
) -> str:
    signed = "".join(
        f"{name}:{headers[name]}\n"
        for name in sorted(headers)
        if name.lower().startswith(_SIGNED_PREFIXES)
    )
    return (
        f"{method}\n{headers.get('content-md5', '')}\n"
        f"{headers.get('content-type', '')}\n{headers['date']}\n"
        f"{signed}{canonical_resource(path, query)}"
    )


def authorization(
    method: str,
    path: str,
    query: Mapping[str, str],
    headers: Mapping[str, str],
    access_key_id: str,
    access_key_secret: str,
) -> str:
    """The ``Authorization`` header value: ``LOG <key id>:<signature>``.

    ``headers`` must hold lower-case names, ``date`` among them, and
    ``x-log-signaturemethod: hmac-sha256``.
    """
    digest = hmac.new(
        access_key_secret.encode(),
        string_to_sign(method, path, query, headers).encode(),
        hashlib.sha256,
    ).digest()
    return f"LOG {access_key_id}:{base64.b64encode(digest).decode()}"
