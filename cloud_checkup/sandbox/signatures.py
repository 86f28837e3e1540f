"""Verify a caller's signature the way Alibaba Cloud does, by the documented algorithms.

Five schemes: OpenAPI V3 (``ACS3-HMAC-SHA256`` header), the older RPC HMAC-SHA1 query
signature, OSS V4 (``OSS4-HMAC-SHA256``), OSS V1 (``OSS AK:signature``) and Simple Log
Service's ``LOG AK:signature`` (HMAC-SHA1, or HMAC-SHA256 when
``x-log-signaturemethod`` says so, dated by the ``Date`` header). Each has a
pure ``*_signature`` function, checked against the published test vectors, and
:func:`read_claim` extracts what a request claims (key, time, nonce, token).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import quote, unquote

from multidict import CIMultiDictProxy

from cloud_checkup.sandbox.errors import ApiError

V3_ALGORITHM = "ACS3-HMAC-SHA256"
OSS4_ALGORITHM = "OSS4-HMAC-SHA256"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()

# Sub-resources OSS V1 signs; every other query parameter is left out.
OSS_V1_SUBRESOURCES = frozenset(
    {
        "acl", "append", "bucketInfo", "callback", "callback-var", "cloudboxes",
        "continuation-token", "cors", "delete", "encryption", "inventory", "lifecycle",
        "location", "logging", "objectMeta", "partNumber", "policy", "position",
        "publicAccessBlock", "referer", "regionList", "replication", "restore",
        "security-token", "sequential", "stat", "symlink", "tagging", "uploadId",
        "uploads", "versionId", "versioning", "versions", "website", "worm",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Request:
    """What the signature schemes read from one HTTP request.

    Attributes:
        raw_path: the path as sent, still percent-encoded.
        query: decoded query parameters in the order sent.
        form: decoded form-body parameters (RPC requests may carry them there).
        bucket: the OSS bucket addressed by the host, if any.
    """

    method: str
    raw_path: str
    query: tuple[tuple[str, str], ...]
    form: tuple[tuple[str, str], ...]
    headers: CIMultiDictProxy[str]
    body: bytes
    bucket: str | None = None


@dataclass(frozen=True)
class Claim:
    """Who a request says it is and when; verified against the dataset later."""

    scheme: str
    access_key_id: str
    signature: str
    timestamp: datetime | None
    nonce: str | None
    security_token: str | None


def percent_encode(value: str) -> str:
    """RFC 3986 encoding, Alibaba's way: space ``%20``, ``*`` ``%2A``, ``~`` kept"""
    return quote(value, safe="~")


# --- OpenAPI V3 -------------------------------------------------------------------


def v3_signature(
    secret: str,
    method: str,
    path: str,
    query: Iterable[tuple[str, str]],
    headers: Iterable[tuple[str, str]],
    signed_headers: list[str],
    hashed_payload: str,
) -> str:
    """Lower-hex ACS3-HMAC-SHA256 signature (section 5.1 of the research notes).

    Args:
        path: the canonical URI, already percent-encoded as sent.
        headers: every request header as (name, value) pairs; repeated names allowed.
        signed_headers: lower-case header names listed in SignedHeaders.
    """
    canonical_query = "&".join(
        f"{key}={percent_encode(value)}" for key, value in sorted(query)
    )
    wanted = set(signed_headers)
    values: dict[str, list[str]] = {}
    for name, value in headers:
        if name.lower() in wanted:
            values.setdefault(name.lower(), []).append(value.strip())
    canonical_headers = "".join(
        f"{name}:{','.join(sorted(values.get(name, [])))}\n" for name in sorted(wanted)
    )
    canonical_request = "\n".join(
        [
            method,
            path or "/",
            canonical_query,
            canonical_headers,
            ";".join(sorted(wanted)),
            hashed_payload,
        ]
    )
    digest = hashlib.sha256(canonical_request.encode()).hexdigest()
    string_to_sign = f"{V3_ALGORITHM}\n{digest}"
    return hmac.new(
        secret.encode(), string_to_sign.encode(), hashlib.sha256
    ).hexdigest()


def _v3_fields(authorization: str) -> dict[str, str]:
    fields = {}
    for part in authorization[len(V3_ALGORITHM) :].split(","):
        key, _, value = part.strip().partition("=")
        fields[key] = value
    if not {"Credential", "SignedHeaders", "Signature"} <= fields.keys():
        raise ApiError("IncompleteSignature", 400)
    return fields


def v3_expected(request: Request, secret: str) -> str:
    fields = _v3_fields(request.headers["Authorization"])
    hashed_payload = request.headers.get("x-acs-content-sha256", EMPTY_SHA256)
    return v3_signature(
        secret,
        request.method,
        request.raw_path,
        request.query,
        request.headers.items(),
        fields["SignedHeaders"].lower().split(";"),
        hashed_payload,
    )


# --- RPC HMAC-SHA1 ---------------------------------------------------------------


def rpc_signature(secret: str, method: str, params: Mapping[str, str]) -> str:
    """Base64 HMAC-SHA1 over the canonicalised parameters, ``Signature`` excluded."""
    canonical = "&".join(
        f"{percent_encode(k)}={percent_encode(v)}"
        for k, v in sorted(params.items())
        if k != "Signature"
    )
    string_to_sign = f"{method}&%2F&{percent_encode(canonical)}"
    digest = hmac.new(
        f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


def rpc_expected(request: Request, secret: str) -> str:
    params = dict(request.query) | dict(request.form)
    return rpc_signature(secret, request.method, params)


# --- OSS V4 ----------------------------------------------------------------------


def oss_v4_signature(
    secret: str,
    method: str,
    canonical_uri: str,
    query: Iterable[tuple[str, str]],
    headers: Iterable[tuple[str, str]],
    additional_headers: list[str],
    oss_date: str,
    region: str,
) -> str:
    """Lower-hex OSS4-HMAC-SHA256 signature (section 5.5 of the research notes).

    Args:
        canonical_uri: ``/bucket/key`` decoded; encoded here.
        oss_date: the ``x-oss-date`` value, ``yyyyMMddTHHmmssZ``.
    """
    encoded = sorted(
        (percent_encode(k), percent_encode(v) if v else "") for k, v in query
    )
    canonical_query = "&".join(f"{k}={v}" if v else k for k, v in encoded)
    extra = {name.lower() for name in additional_headers}
    signed: dict[str, str] = {}
    for name, value in headers:
        lower = name.lower()
        if (
            lower.startswith("x-oss-")
            or lower in ("content-type", "content-md5")
            or lower in extra
        ):
            signed[lower] = value.strip()
    canonical_headers = "".join(f"{k}:{signed[k]}\n" for k in sorted(signed))
    canonical_request = "\n".join(
        [
            method,
            quote(canonical_uri, safe="/~"),
            canonical_query,
            canonical_headers,
            ";".join(sorted(extra)),
            signed.get("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        ]
    )
    day = oss_date[:8]
    scope = f"{day}/{region}/oss/aliyun_v4_request"
    string_to_sign = (
        f"{OSS4_ALGORITHM}\n{oss_date}\n{scope}\n"
        + hashlib.sha256(canonical_request.encode()).hexdigest()
    )
    key = f"aliyun_v4{secret}".encode()
    for part in (day, region, "oss", "aliyun_v4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def _oss4_fields(authorization: str) -> dict[str, str]:
    fields = {}
    for part in authorization[len(OSS4_ALGORITHM) :].split(","):
        key, _, value = part.strip().partition("=")
        fields[key] = value
    if not {"Credential", "Signature"} <= fields.keys():
        raise ApiError("InvalidArgument", 400, "Authorization header is invalid.")
    if len(fields["Credential"].split("/")) != 5:
        raise ApiError("InvalidArgument", 400, "Credential is invalid.")
    return fields


def oss_canonical_uri(request: Request) -> str:
    path = unquote(request.raw_path) or "/"
    if request.bucket:
        return f"/{request.bucket}{path}"
    return path


def oss_v4_expected(request: Request, secret: str) -> str:
    fields = _oss4_fields(request.headers["Authorization"])
    region = fields["Credential"].split("/")[2]
    additional = [h for h in fields.get("AdditionalHeaders", "").split(";") if h]
    return oss_v4_signature(
        secret,
        request.method,
        oss_canonical_uri(request),
        request.query,
        request.headers.items(),
        additional,
        request.headers.get("x-oss-date", ""),
        region,
    )


# --- OSS V1 ----------------------------------------------------------------------


def oss_v1_signature(secret: str, string_to_sign: str) -> str:
    digest = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def oss_v1_string_to_sign(request: Request) -> str:
    headers = request.headers
    oss_headers = sorted(
        (name.lower(), value.strip())
        for name, value in headers.items()
        if name.lower().startswith("x-oss-")
    )
    canonical_headers = "".join(f"{k}:{v}\n" for k, v in oss_headers)
    resource = oss_canonical_uri(request)
    if request.bucket and resource == f"/{request.bucket}":
        resource += "/"
    signed = sorted((k, v) for k, v in request.query if k in OSS_V1_SUBRESOURCES)
    if signed:
        resource += "?" + "&".join(f"{k}={v}" if v else k for k, v in signed)
    return (
        f"{request.method}\n{headers.get('Content-MD5', '')}\n"
        f"{headers.get('Content-Type', '')}\n{headers.get('Date', '')}\n"
        f"{canonical_headers}{resource}"
    )


def oss_v1_expected(request: Request, secret: str) -> str:
    return oss_v1_signature(secret, oss_v1_string_to_sign(request))


def sls_string_to_sign(request: Request) -> str:
    """Verb, Content-MD5, Content-Type, Date, the ``x-log-``/``x-acs-`` headers
    (lower-case names, sorted) and the path with its raw query sorted by name."""
    headers = request.headers
    signed = sorted(
        (name.lower(), value)
        for name, value in headers.items()
        if name.lower().startswith(("x-log-", "x-acs-"))
    )
    canonical_headers = "".join(f"{name}:{value}\n" for name, value in signed)
    resource = unquote(request.raw_path)
    if request.query:
        resource += "?" + "&".join(f"{k}={v}" for k, v in sorted(request.query))
    return (
        f"{request.method}\n{headers.get('Content-MD5', '')}\n"
        f"{headers.get('Content-Type', '')}\n{headers.get('Date', '')}\n"
        f"{canonical_headers}{resource}"
    )


_SLS_DIGESTS = {"hmac-sha1": hashlib.sha1, "hmac-sha256": hashlib.sha256}


def sls_expected(request: Request, secret: str) -> str:
    method = request.headers.get("x-log-signaturemethod", "hmac-sha1").lower()
    digest = _SLS_DIGESTS.get(method)
    if digest is None:
        raise ApiError(
            "ParameterInvalid", 400, f"x-log-signaturemethod {method} is unsupported."
        )
    mac = hmac.new(secret.encode(), sls_string_to_sign(request).encode(), digest)
    return base64.b64encode(mac.digest()).decode()


# --- Reading what a request claims -----------------------------------------------


def read_claim(request: Request, oss: bool, sls: bool = False) -> Claim:
    """Extract the claimed AccessKey, signature, time, nonce and token.

    Raises:
        ApiError: the request carries no signature, or a malformed one.
    """
    authorization = request.headers.get("Authorization", "")
    if oss:
        return _oss_claim(request, authorization)
    if sls:
        return _sls_claim(request, authorization)
    if authorization.startswith(V3_ALGORITHM):
        fields = _v3_fields(authorization)
        return Claim(
            "v3",
            fields["Credential"],
            fields["Signature"],
            _parse_iso(request.headers.get("x-acs-date")),
            request.headers.get("x-acs-signature-nonce"),
            request.headers.get("x-acs-security-token"),
        )
    params = dict(request.query) | dict(request.form)
    if "Signature" in params and "AccessKeyId" in params:
        if params.get("SignatureMethod", "HMAC-SHA1") != "HMAC-SHA1":
            raise ApiError(
                "InvalidSignatureMethod", 400, "Specified signature method is invalid."
            )
        return Claim(
            "rpc",
            params["AccessKeyId"],
            params["Signature"],
            _parse_iso(params.get("Timestamp")),
            params.get("SignatureNonce"),
            params.get("SecurityToken"),
        )
    raise ApiError("IncompleteSignature", 400)


def _oss_claim(request: Request, authorization: str) -> Claim:
    token = request.headers.get("x-oss-security-token")
    if authorization.startswith(OSS4_ALGORITHM):
        fields = _oss4_fields(authorization)
        return Claim(
            "oss4",
            fields["Credential"].split("/")[0],
            fields["Signature"],
            _parse_oss_date(request.headers.get("x-oss-date")),
            None,
            token,
        )
    if authorization.startswith("OSS "):
        access_key_id, _, signature = authorization[4:].partition(":")
        return Claim(
            "oss1",
            access_key_id.strip(),
            signature.strip(),
            _parse_http_date(request.headers.get("Date")),
            None,
            token,
        )
    raise ApiError("AccessDenied", 403, "AccessKeyId or Authorization is missing.")


def _sls_claim(request: Request, authorization: str) -> Claim:
    if not authorization.startswith("LOG "):
        raise ApiError(
            "ParameterInvalid",
            400,
            "Http extend authorization : authorization pair is invalid.",
        )
    access_key_id, _, signature = authorization[4:].partition(":")
    return Claim(
        "sls",
        access_key_id.strip(),
        signature.strip(),
        _parse_http_date(request.headers.get("Date")),
        None,
        request.headers.get("x-acs-security-token"),
    )


def expected_signature(request: Request, claim: Claim, secret: str) -> str:
    compute = {
        "v3": v3_expected,
        "rpc": rpc_expected,
        "oss4": oss_v4_expected,
        "oss1": oss_v1_expected,
        "sls": sls_expected,
    }[claim.scheme]
    return compute(request, secret)


# Every request carries its time, and requests of the same second carry the same text.
@functools.lru_cache(maxsize=64)
def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


@functools.lru_cache(maxsize=64)
def _parse_oss_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _parse_http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
