"""OSS specifics: which action a bucket request names, and XML bodies like OSS sends."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from cloud_checkup.sandbox.errors import ApiError

# Bucket sub-resource query -> OSS read action (GET).
SUBRESOURCE_ACTIONS: dict[str, str] = {
    "acl": "GetBucketAcl",
    "policy": "GetBucketPolicy",
    "encryption": "GetBucketEncryption",
    "versioning": "GetBucketVersioning",
    "logging": "GetBucketLogging",
    "bucketInfo": "GetBucketInfo",
    "publicAccessBlock": "GetBucketPublicAccessBlock",
    "replication": "GetBucketReplication",
    "lifecycle": "GetBucketLifecycle",
    "referer": "GetBucketReferer",
    "cors": "GetBucketCors",
    "website": "GetBucketWebsite",
    "location": "GetBucketLocation",
    "tagging": "GetBucketTags",
    "worm": "ListBucketWorm",
    "inventory": "ListBucketInventory",
    "policyStatus": "GetBucketPolicyStatus",
    "transferAcceleration": "GetBucketTransferAcceleration",
    "accessMonitor": "GetBucketAccessMonitor",
    "httpsConfig": "GetBucketHttpsConfig",
    "stat": "GetBucketStat",
}

# The 404 OSS sends when a bucket exists but has no such configuration.
NOT_CONFIGURED: dict[str, str] = {
    "GetBucketPolicy": "NoSuchBucketPolicy",
    "GetBucketEncryption": "NoSuchServerSideEncryptionRule",
    "GetBucketLifecycle": "NoSuchLifecycle",
    "GetBucketCors": "NoSuchCORSConfiguration",
    "GetBucketWebsite": "NoSuchWebsiteConfiguration",
    "GetBucketReplication": "NoSuchReplicationRule",
    "GetBucketPublicAccessBlock": "NoSuchPublicAccessBlockConfiguration",
    "ListBucketWorm": "NoSuchWORMConfiguration",
    "ListBucketInventory": "NoSuchInventory",
}

# Actions whose body is JSON rather than XML.
JSON_ACTIONS = frozenset({"GetBucketPolicy"})


def oss_action(method: str, kind: str, path: str, query: Mapping[str, str]) -> str:
    """Name the OSS action a request performs.

    Returns an action name; writes come back as e.g. ``PutBucketAcl`` so they can be
    refused as writes, and object reads as ``GetObject`` (business data).
    """
    if kind == "oss_service":
        return (
            "ListBuckets" if method in ("GET", "HEAD") else f"{method.title()}Service"
        )
    if path not in ("", "/"):
        return "GetObject" if method in ("GET", "HEAD") else f"{method.title()}Object"
    sub = next((key for key in query if key in SUBRESOURCE_ACTIONS), None)
    if method in ("GET", "HEAD"):
        if sub is None:
            return "ListObjects"
        return SUBRESOURCE_ACTIONS[sub]
    verb = {"PUT": "Put", "POST": "Post", "DELETE": "Delete"}.get(
        method, method.title()
    )
    return f"{verb}Bucket{(sub or '').title()}"


def not_configured(action: str, bucket: str) -> ApiError:
    code = NOT_CONFIGURED.get(action, "NoSuchConfiguration")
    return ApiError(
        code,
        404,
        f"The bucket {bucket} has no such configuration.",
        extra={"BucketName": bucket},
    )


def no_such_bucket(bucket: str) -> ApiError:
    return ApiError(
        "NoSuchBucket",
        404,
        "The specified bucket does not exist.",
        extra={"BucketName": bucket},
    )


def render(action: str, body: Any) -> tuple[bytes, str]:
    """Serialise a dataset body as OSS would send it: (bytes, content type)."""
    if isinstance(body, str):
        content_type = (
            "application/json" if action in JSON_ACTIONS else "application/xml"
        )
        return body.encode(), content_type
    if action in JSON_ACTIONS:
        return json.dumps(body).encode(), "application/json"
    return to_xml(body).encode(), "application/xml"


def to_xml(body: Mapping[str, Any]) -> str:
    """XML from a mapping with one root key; lists repeat their element."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    for key, value in body.items():
        _element(parts, key, value)
    return "".join(parts)


def _element(parts: list[str], name: str, value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            _element(parts, name, item)
        return
    parts.append(f"<{name}>")
    if isinstance(value, Mapping):
        for key, child in value.items():
            _element(parts, key, child)
    elif isinstance(value, bool):
        parts.append("true" if value else "false")
    elif value is not None:
        parts.append(escape(str(value)))
    parts.append(f"</{name}>")
