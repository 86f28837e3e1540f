"""OSS's V4 request signature (``OSS4-HMAC-SHA256``), computed by the app itself.

OSS does not take the OpenAPI signature. A V4 request carries its time in
``x-oss-date`` and signs a canonical request (verb, ``/<bucket>/``, the sorted encoded
query, the ``x-oss-*`` and content headers) with a key derived from the secret, the
day, the region and the product. We sign here rather than with alibabacloud-oss-v2's
``SignerV4``: importing that SDK and building its request objects cost CPU on the
scan's event loop at every OSS call, and tests prove our result equal to its own.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import quote

from .encoding import percent_encode

ALGORITHM = "OSS4-HMAC-SHA256"
PRODUCT = "oss"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_TERMINATOR = "aliyun_v4_request"
_CONTENT_HEADERS = frozenset({"content-type", "content-md5"})


def canonical_query(query: Mapping[str, str]) -> str:
    """The query as signed and as sent: names and values percent-encoded, sorted by
    name, and a sub-resource without a value (``?acl``) written as its bare name."""
    encoded = sorted(
        (percent_encode(name), percent_encode(value)) for name, value in query.items()
    )
    return "&".join(f"{name}={value}" if value else name for name, value in encoded)


def signing_headers(now: datetime, security_token: str | None) -> dict[str, str]:
    """The headers a V4-signed request carries besides its ``Authorization``.

    ``now`` must be in UTC. ``Date`` travels too, as the SDK sends it, although V4
    signs only ``x-oss-date``.
    """
    headers = {
        "x-oss-date": now.strftime("%Y%m%dT%H%M%SZ"),
        "Date": format_datetime(now, usegmt=True),
    }
    if security_token:
        headers["x-oss-security-token"] = security_token
    headers["x-oss-content-sha256"] = UNSIGNED_PAYLOAD
    return headers


def _is_signed_by_default(name: str) -> bool:
    return name.startswith("x-oss-") or name in _CONTENT_HEADERS


def _additional(
    headers: Mapping[str, str], additional_headers: Iterable[str]
) -> list[str]:
    """The extra header names to sign: lower-case, sorted, present with a value, and
    not already signed by default (OSS rejects a default one listed again)."""
    present = {name.lower() for name, value in headers.items() if value}
    wanted = {name.lower() for name in additional_headers}
    return sorted(name for name in wanted & present if not _is_signed_by_default(name))


def canonical_request(
    method: str,
    bucket: str | None,
    query: Mapping[str, str],
    headers: Mapping[str, str],
    additional: list[str],
) -> str:
    """Verb, URI, query, signed headers, the additional header names, payload hash.

    The URI names the bucket even though the host already does: ``/<bucket>/``, or
    ``/`` for the service host.
    """
    uri = quote(f"/{bucket}/", safe="/") if bucket else "/"
    lowered = {name.lower(): value for name, value in headers.items()}
    signed = sorted(
        (name, value)
        for name, value in lowered.items()
        if _is_signed_by_default(name) or name in additional
    )
    canonical_headers = "".join(f"{name}:{value}\n" for name, value in signed)
    payload = lowered.get("x-oss-content-sha256", UNSIGNED_PAYLOAD)
    return (
        f"{method}\n{uri}\n{canonical_query(query)}\n{canonical_headers}\n"
        f"{';'.join(additional)}\n{payload}"
    )


def _signing_key(access_key_secret: str, day: str, region: str) -> bytes:
    """Derived afresh for every request: a cache would save a few microseconds a call
    but keep a secret's stand-in in memory after the credential is gone."""
    key = f"aliyun_v4{access_key_secret}".encode()
    for part in (day, region, PRODUCT, _TERMINATOR):
        key = hmac.digest(key, part.encode(), "sha256")
    return key


def authorization(
    method: str,
    region: str,
    bucket: str | None,
    query: Mapping[str, str],
    headers: Mapping[str, str],
    access_key_id: str,
    access_key_secret: str,
    additional_headers: Iterable[str] = (),
) -> str:
    """The ``Authorization`` header value of one request.

    ``headers`` must already hold :func:`signing_headers`; ``additional_headers``
    names further headers to sign (the app signs none).
    """
    timestamp = headers["x-oss-date"]
    day = timestamp[:8]
    scope = f"{day}/{region}/{PRODUCT}/{_TERMINATOR}"
    additional = _additional(headers, additional_headers)
    request_digest = hashlib.sha256(
        canonical_request(method, bucket, query, headers, additional).encode()
    ).hexdigest()
    string_to_sign = f"{ALGORITHM}\n{timestamp}\n{scope}\n{request_digest}"
    signature = hmac.digest(
        _signing_key(access_key_secret, day, region), string_to_sign.encode(), "sha256"
    ).hex()
    listed = f",AdditionalHeaders={';'.join(additional)}" if additional else ""
    credential = f"Credential={access_key_id}/{scope}"
    return f"{ALGORITHM} {credential}{listed},Signature={signature}"


def signed_headers(
    *,
    now: datetime,
    region: str,
    bucket: str | None,
    query: Mapping[str, str],
    access_key_id: str,
    access_key_secret: str,
    security_token: str | None,
    user_agent: str,
    additional_headers: Iterable[str] = (),
) -> dict[str, str]:
    """Every header of one signed GET: ``User-Agent``, :func:`signing_headers` at
    ``now`` (UTC), and the ``Authorization`` over them."""
    headers = {"User-Agent": user_agent} | signing_headers(now, security_token)
    headers["Authorization"] = authorization(
        "GET",
        region,
        bucket,
        query,
        headers,
        access_key_id,
        access_key_secret,
        additional_headers,
    )
    return headers
