"""Alibaba Cloud error answers: the codes, statuses and body shapes the sandbox sends.

OpenAPI errors are JSON ``{RequestId, HostId, Code, Message, Recommend}``; OSS errors
are XML ``<Error>`` documents. Codes and statuses follow the research notes in
``shared/reference/alibaba-api-behaviour.md`` sections 2 and 3.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from xml.sax.saxutils import escape

from cloud_checkup.sandbox.dataset import Identity

MESSAGES: dict[str, str] = {
    "SignatureDoesNotMatch": "Specified signature is not matched with our calculation.",
    "IncompleteSignature": (
        "The request signature does not conform to Aliyun standards."
    ),
    "InvalidAccessKeyId.NotFound": "Specified access key is not found.",
    "InvalidTimeStamp.Expired": "Specified time stamp or date value is expired.",
    "InvalidTimeStamp.Format": (
        "Specified time stamp or date value is not well formatted."
    ),
    "SignatureNonceUsed": "Specified signature nonce was used already.",
    "MissingSecurityToken": "The security token is required for this AccessKey.",
    "InvalidSecurityToken.MismatchWithAccessKey": (
        "The security token does not match the AccessKey."
    ),
    "Forbidden.RAM": (
        "User not authorized to operate on the specified resource, or this API "
        "doesn't support RAM."
    ),
    "NoPermission": "You are not authorized to do this action.",
    "InvalidRegionId": "The specified region does not exist.",
    "InvalidOperation.NotSupportedEndpoint": (
        "The specified endpoint can't operate this region. Please use API "
        "DescribeRegions to get the appropriate endpoint, or upgrade your SDK to "
        "latest version. (from POP)"
    ),
    "InvalidApi.NotFound": (
        "Specified api is not found, please check your url and method."
    ),
    "MissingAction": "The x-acs-action header or Action parameter is required.",
}

OSS_EC: dict[str, str] = {
    "AccessDenied": "0003-00000201",
    "SignatureDoesNotMatch": "0002-00000040",
    "InvalidAccessKeyId": "0002-00000003",
    "RequestTimeTooSkewed": "0002-00000504",
    "InvalidArgument": "0002-00000012",
    "NoSuchBucket": "0015-00000101",
}

# Products whose permission error is NoPermission rather than the gateway's
# Forbidden.RAM.
_NO_PERMISSION_PRODUCTS = frozenset({"ram", "ims", "sas"})


class ApiError(Exception):
    """An error answer, raised anywhere in the request pipeline.

    Attributes:
        extra: more top-level body fields (e.g. ``AccessDeniedDetail``).
        headers: more response headers (e.g. ``x-acs-retry-after``).
    """

    def __init__(
        self,
        code: str,
        status: int,
        message: str | None = None,
        *,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.code = code
        self.status = status
        self.message = message or MESSAGES.get(code, code)
        self.extra = extra or {}
        self.headers = headers or {}
        super().__init__(f"{code} ({status}): {self.message}")


def openapi_error_body(error: ApiError, request_id: str, host: str) -> bytes:
    body = {
        "RequestId": request_id,
        "HostId": host,
        "Code": error.code,
        "Message": error.message,
        "Recommend": (
            f"https://api.aliyun.com/troubleshoot?q={error.code}&requestId={request_id}"
        ),
        **error.extra,
    }
    return json.dumps(body).encode()


def oss_error_body(error: ApiError, request_id: str, host: str) -> bytes:
    ec = error.extra.get("EC") or OSS_EC.get(error.code, "0000-00000000")
    fields = {
        "Code": error.code,
        "Message": error.message,
        "RequestId": request_id,
        "HostId": host,
        "EC": ec,
        "RecommendDoc": f"https://api.aliyun.com/troubleshoot?q={ec}",
    }
    fields.update({k: v for k, v in error.extra.items() if k != "EC"})
    inner = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in fields.items())
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<Error>{inner}</Error>'.encode()


def permission_error(
    product: str, action: str, identity: Identity, account_id: str
) -> ApiError:
    """The error a caller without permission gets, in the product's own shape."""
    auth_action = f"{product}:{action}"
    if product == "oss":
        return ApiError(
            "AccessDenied",
            403,
            "You have no right to access this object because of bucket acl or policy.",
        )
    code = "NoPermission" if product in _NO_PERMISSION_PRODUCTS else "Forbidden.RAM"
    detail = {
        "AuthAction": auth_action,
        "AuthPrincipalType": (
            "AssumedRoleUser"
            if identity.principal_type == "AssumedRoleUser"
            else "SubUser"
        ),
        "AuthPrincipalOwnerId": account_id,
        "AuthPrincipalDisplayName": identity.display_name,
        "NoPermissionType": "ImplicitDeny",
        "PolicyType": "AccountLevelIdentityBasedPolicy",
        "EncodedDiagnosticMessage": base64.b64encode(
            f"sandbox-deny:{auth_action}".encode()
        ).decode(),
    }
    return ApiError(code, 403, extra={"AccessDeniedDetail": detail})


def dataset_error(spec: dict[str, Any]) -> ApiError:
    """An ApiError from a dataset ``$error`` entry."""
    extra = {
        k: v for k, v in spec.items() if k not in ("Code", "HttpStatus", "Message")
    }
    return ApiError(
        spec["Code"],
        int(spec.get("HttpStatus", 400)),
        spec.get("Message"),
        extra=extra,
    )
