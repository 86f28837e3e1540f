"""Simple Log Service's REST API: actions by verb and path, its signature, its errors.

SLS differs from the OpenAPI gateway in every visible way: the project is named by
the host (``<project>.<region>.log.aliyuncs.com``), the action by the verb and path
(``GET /logstores/<name>`` is GetLogStore), requests are signed with the ``LOG``
scheme (see :mod:`~cloud_checkup.sandbox.signatures`), and errors are
``{"errorCode", "errorMessage"}`` with the request id in ``x-log-requestid``.
Codes and statuses follow SLS's error-code reference. Throttling keeps the OpenAPI
gateway's ``Throttling.User`` code in SLS's body shape: SLS publishes no code for its
control-plane rate limits (an assumption).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from cloud_checkup.sandbox.errors import ApiError
from cloud_checkup.sandbox.signatures import Request

# The resources of a project, by the first segment of the path; the singular names
# the resource in action names (ListLogStores, GetLogStore, CreateLogStore).
_RESOURCES = {"logstores": "LogStore", "alerts": "Alert"}
_WRITE_VERBS = {"POST": "Create", "PUT": "Update", "DELETE": "Delete"}

# How SLS words the errors the sandbox's pipeline raises in OpenAPI's words.
_AUTH_CODES: dict[str, tuple[str, int, str]] = {
    "unknown_key": ("Unauthorized", 401, "AccessKeyId not found: {key}"),
    "missing_token": (
        "Unauthorized",
        401,
        "The security token you provided is invalid.",
    ),
    "bad_token": ("Unauthorized", 401, "The security token you provided is invalid."),
    "bad_signature": ("SignatureNotMatch", 401, "Signature {signature} not matched."),
    "bad_time_format": ("InvalidDateFormat", 400, "Date {date} must follow RFC822."),
    "expired": (
        "RequestTimeExpired",
        400,
        "Request time {date} has been expired while server time is now.",
    ),
}
_NOT_FOUND = {"ListProject": "ProjectNotExist", "GetLogStore": "LogStoreNotExist"}


@dataclass(frozen=True)
class SlsTarget:
    """What an SLS request asks for.

    Attributes:
        params: what the path names, as parameters (``project``, ``logstore``,
            ``alert``), for the dataset's per-resource entries.
    """

    action: str
    params: dict[str, str]


def target(method: str, path: str, project: str | None) -> SlsTarget:
    """The action a verb and path name, on the service host or a project's host.

    Raises:
        ApiError: the path names nothing SLS serves.
    """
    segments = [unquote(s) for s in path.strip("/").split("/") if s]
    params = {"project": project} if project else {}
    verb = _WRITE_VERBS.get(method, "Get")
    if not segments:
        if project is None:
            return SlsTarget("ListProject" if verb == "Get" else verb + "Project", {})
        return SlsTarget(f"{verb}Project", params)
    resource = _RESOURCES.get(segments[0])
    if project is None or resource is None or len(segments) > 2:
        raise ApiError(
            "ParameterInvalid", 400, f"The sandbox does not serve SLS path {path!r}."
        )
    if len(segments) == 1:
        if method == "GET":
            return SlsTarget(f"List{resource}s", params)
        return SlsTarget(f"{verb}{resource}", params)
    params[resource.lower()] = segments[1]
    return SlsTarget(f"{verb}{resource}", params)


def auth_error(problem: str, request: Request, access_key_id: str | None) -> ApiError:
    code, status, message = _AUTH_CODES[problem]
    authorization = request.headers.get("Authorization", "")
    return ApiError(
        code,
        status,
        message.format(
            key=access_key_id or "",
            signature=authorization.rpartition(":")[2],
            date=request.headers.get("Date", ""),
        ),
    )


def permission_error(
    action: str, region: str | None, account_id: str, project: str | None
) -> ApiError:
    resource = f"acs:log:{region or '*'}:{account_id}:project/{project or '*'}"
    return ApiError(
        "Unauthorized",
        401,
        f"denied by sts or ram, action: log:{action}, resource: {resource}",
    )


def not_found(action: str, params: Mapping[str, str]) -> ApiError:
    """The error for a project or logstore the account does not have."""
    if "logstore" in params:
        return ApiError(
            "LogStoreNotExist", 404, f"logstore {params['logstore']} does not exist"
        )
    code = _NOT_FOUND.get(action, "ProjectNotExist")
    return ApiError(code, 404, f"Project {params.get('project', '')} does not exist")


def error_body(error: ApiError) -> bytes:
    return json.dumps({"errorCode": error.code, "errorMessage": error.message}).encode()
