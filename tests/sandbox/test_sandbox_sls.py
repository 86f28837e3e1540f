"""Simple Log Service in the sandbox: its own hosts, verbs, signature and errors.

Requests are signed with the SLS SDK's own signer (``alibabacloud_gateway_sls``), in
both the HMAC-SHA1 and HMAC-SHA256 forms; the stock SLS client reaches the sandbox as
its HTTP proxy; and the app's own signer gives the SDK's signature byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from alibabacloud_gateway_sls.client import Client as SlsGateway
from alibabacloud_sls20201230 import models as sls_models
from alibabacloud_sls20201230.client import Client as SlsClient
from alibabacloud_tea_openapi.models import Config
from sandbox_client import ACCOUNT, AUDITOR, LIMITED, STS_KEY, STS_TOKEN, Client

from cloud_checkup.app.cloud import sls as app_sls
from cloud_checkup.sandbox import SandboxThread

REGION = "cn-hangzhou"
SERVICE = f"{REGION}.log.aliyuncs.com"
PROJECT_HOST = f"shop-logs.{SERVICE}"


@pytest.fixture
def sandbox(dataset):
    dataset["identities"][1]["deny"] = ["log:ListLogStores"]
    dataset["services"]["sls"] = {
        REGION: {
            "ListProject": {
                "projects": [
                    {"projectName": f"proj-{n:03d}", "region": REGION}
                    for n in range(520)
                ]
                + [{"projectName": "shop-logs", "region": REGION}]
            },
            "ListLogStores": {
                "by": "project",
                "responses": {"shop-logs": {"logstores": ["access", "errors"]}},
            },
            "GetLogStore": {
                "by": "project",
                "responses": {
                    "shop-logs": {
                        "by": "logstore",
                        "responses": {"access": {"logstoreName": "access", "ttl": 30}},
                    }
                },
            },
        }
    }
    with SandboxThread(dataset) as running:
        yield running


def signed(
    client: Client,
    host: str,
    path: str,
    *,
    method: str = "GET",
    query: dict[str, str] | None = None,
    key: tuple[str, str] = AUDITOR,
    signature_method: str | None = "hmac-sha256",
    when: datetime | None = None,
    token: str | None = None,
):
    """Send one request signed by the SLS SDK's gateway."""
    query = query or {}
    headers = {
        "content-type": "application/json",
        "date": format_datetime(when or datetime.now(UTC), usegmt=True),
        "x-log-apiversion": "0.6.0",
        "x-log-bodyrawsize": "0",
    }
    if signature_method:
        headers["x-log-signaturemethod"] = signature_method
    if token:
        headers["x-acs-security-token"] = token
    authorization = SlsGateway().get_authorization(
        path, method, query, headers, key[0], key[1]
    )
    if signature_method is None:
        # The gateway always signs with HMAC-SHA256; the older SHA-1 form is what a
        # request without x-log-signaturemethod means.
        authorization = _sha1_authorization(method, path, query, headers, key)
    target = path + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )
    return client.send(method, host, target, headers | {"authorization": authorization})


def _sha1_authorization(method, path, query, headers, key):
    text = app_sls.string_to_sign(method, path, query, headers)
    digest = hmac.new(key[1].encode(), text.encode(), hashlib.sha1).digest()
    return f"LOG {key[0]}:{base64.b64encode(digest).decode()}"


def test_list_project_pages_by_offset(client, sandbox):
    reply = signed(client, SERVICE, "/", query={"offset": "500", "size": "500"})
    assert reply.status == 200
    body = reply.json()
    assert (body["count"], body["total"]) == (21, 521)
    assert body["projects"][0]["projectName"] == "proj-500"
    assert reply.headers["x-log-requestid"]
    assert sandbox.requests[-1].action == "ListProject"


def test_a_page_is_capped_at_the_actions_maximum(client):
    reply = signed(client, SERVICE, "/", query={"size": "100000"})
    assert reply.json()["count"] == 500  # ListProject's maximum
    default = signed(client, SERVICE, "/")
    assert default.json()["count"] == 100  # the default page size


def test_the_project_is_named_by_the_host(client, sandbox):
    reply = signed(client, PROJECT_HOST, "/logstores")
    assert reply.json() == {"logstores": ["access", "errors"], "count": 2, "total": 2}
    reply = signed(client, PROJECT_HOST, "/logstores/access")
    assert reply.json()["ttl"] == 30
    assert [r.action for r in sandbox.requests] == ["ListLogStores", "GetLogStore"]


def test_sha1_signatures_are_verified_too(client, sandbox):
    reply = signed(client, SERVICE, "/", signature_method=None)
    assert reply.status == 200
    assert sandbox.requests[-1].signature_valid


def test_a_wrong_secret_is_refused_in_sls_words(client):
    reply = signed(client, SERVICE, "/", key=(AUDITOR[0], "wrong"))
    assert reply.status == 401
    body = reply.json()
    assert body["errorCode"] == "SignatureNotMatch" and "errorMessage" in body
    assert "Code" not in body


def test_an_unknown_key_is_unauthorized(client):
    reply = signed(client, SERVICE, "/", key=("LTAI-nobody", "x"))
    assert (reply.status, reply.json()["errorCode"]) == (401, "Unauthorized")


def test_a_request_dated_too_far_off_is_refused(client):
    when = datetime.now(UTC) - timedelta(minutes=20)
    reply = signed(client, SERVICE, "/", when=when)
    assert (reply.status, reply.json()["errorCode"]) == (400, "RequestTimeExpired")


def test_a_temporary_key_needs_its_token(client):
    assert signed(client, SERVICE, "/", key=STS_KEY).status == 401
    reply = signed(client, SERVICE, "/", key=STS_KEY, token=STS_TOKEN)
    assert reply.status == 200


def test_an_openapi_signature_is_not_accepted_on_an_sls_host(client):
    headers = client.v3_headers(SERVICE, "ListProject", {}, "GET", "/")
    reply = client.send("GET", SERVICE, "/", headers)
    assert reply.status == 400
    assert reply.json()["errorCode"] == "ParameterInvalid"


def test_a_denied_action_answers_in_sls_shape(client):
    reply = signed(client, PROJECT_HOST, "/logstores", key=LIMITED)
    assert reply.status == 401
    body = reply.json()
    assert body["errorCode"] == "Unauthorized"
    assert "log:ListLogStores" in body["errorMessage"]
    assert f"acs:log:{REGION}:{ACCOUNT}:project/shop-logs" in body["errorMessage"]


@pytest.mark.parametrize(
    ("method", "path", "action"),
    [
        ("PUT", "/logstores/access", "UpdateLogStore"),
        ("DELETE", "/logstores/access", "DeleteLogStore"),
        ("POST", "/logstores", "CreateLogStore"),
        ("DELETE", "/", "DeleteProject"),
    ],
)
def test_writes_are_refused(client, sandbox, method, path, action):
    reply = signed(client, PROJECT_HOST, path, method=method)
    assert reply.status == 401
    record = sandbox.requests[-1]
    assert (record.action, record.read_only) == (action, False)


def test_missing_projects_and_logstores_have_their_own_codes(client):
    other = f"other-proj.{SERVICE}"
    assert signed(client, other, "/logstores").json()["errorCode"] == (
        "ProjectNotExist"
    )
    reply = signed(client, PROJECT_HOST, "/logstores/nope")
    assert (reply.status, reply.json()["errorCode"]) == (404, "LogStoreNotExist")


def test_a_path_sls_does_not_serve_is_invalid(client):
    reply = signed(client, PROJECT_HOST, "/machinegroups")
    assert (reply.status, reply.json()["errorCode"]) == (400, "ParameterInvalid")


def test_the_apps_signer_matches_the_sdks():
    headers = {
        "date": "Fri, 04 Dec 2026 10:00:00 GMT",
        "content-type": "application/json",
        "x-log-apiversion": "0.6.0",
        "x-log-signaturemethod": "hmac-sha256",
        "x-log-bodyrawsize": "0",
        "x-acs-security-token": "token",
        "host": PROJECT_HOST,
    }
    query = {"offset": "0", "size": "500", "logstoreName": "a b"}
    ours = app_sls.authorization("GET", "/logstores", query, headers, "AK", "secret")
    sdk = SlsGateway().get_authorization(
        "/logstores", "GET", query, headers, "AK", "secret"
    )
    assert ours == sdk


# --- the stock SLS client, through the sandbox as its proxy ------------------------


@pytest.fixture
def loopback_only(monkeypatch):
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise OSError(f"test refused to resolve {host}: only loopback is allowed")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def stock_client(url: str, key: tuple[str, str] = AUDITOR) -> SlsClient:
    return SlsClient(
        Config(
            access_key_id=key[0],
            access_key_secret=key[1],
            endpoint=SERVICE,
            protocol="http",
            http_proxy=url,
        )
    )


def test_the_stock_sls_client_reads_projects_and_logstores(sandbox, loopback_only):
    client = stock_client(sandbox.url)
    body = client.list_project(sls_models.ListProjectRequest(offset=0, size=500)).body
    assert body.total == 521 and len(body.projects) == 500
    logstore = client.get_log_store("shop-logs", "access").body
    assert (logstore.logstore_name, logstore.ttl) == ("access", 30)
    hosts = [r.host for r in sandbox.requests]
    assert hosts == [SERVICE, PROJECT_HOST]
    assert all(r.signature_valid for r in sandbox.requests)


def test_the_stock_sls_client_reads_a_denial(sandbox, loopback_only):
    client = stock_client(sandbox.url, LIMITED)
    # The SLS gateway reports the answer's code, message and status in its error.
    with pytest.raises(Exception, match="Unauthorized denied by sts or ram") as caught:
        client.list_log_stores("shop-logs", sls_models.ListLogStoresRequest())
    assert "'httpCode': 401" in str(caught.value)
