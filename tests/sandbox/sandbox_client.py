"""Helpers for sandbox tests: a small dataset and a client that signs like the SDK.

Requests are signed with the Alibaba SDK's own V3 signer
(``alibabacloud_tea_openapi.utils.Utils.get_authorization``) and sent over real HTTP.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode, urlsplit

from alibabacloud_tea_openapi.utils import Utils

from cloud_checkup.sandbox.signatures import oss_v4_signature, rpc_signature

ACCOUNT = "1234567890123456"
AUDITOR = ("LTAI-sandbox-auditor", "auditor-secret")
LIMITED = ("LTAI-sandbox-limited", "limited-secret")
STS_KEY = ("STS.sandbox-session", "sts-secret")
STS_TOKEN = "sandbox-token"


def make_dataset() -> dict[str, Any]:
    instances = [{"InstanceId": f"i-{n:03d}", "Status": "Running"} for n in range(25)]
    users = [{"UserName": f"user-{n:03d}", "UserId": str(n)} for n in range(150)]
    return {
        "format": "cloud-checkup-sandbox/1",
        "account": {"id": ACCOUNT, "alias": "demo-shop"},
        "identities": [
            {
                "access_key_id": AUDITOR[0],
                "access_key_secret": AUDITOR[1],
                "arn": f"acs:ram::{ACCOUNT}:user/auditor",
            },
            {
                "access_key_id": LIMITED[0],
                "access_key_secret": LIMITED[1],
                "arn": f"acs:ram::{ACCOUNT}:user/limited",
                "deny": ["ecs:*", "ram:ListUsers", "oss:GetBucketAcl"],
            },
            {
                "access_key_id": STS_KEY[0],
                "access_key_secret": STS_KEY[1],
                "arn": f"acs:ram::{ACCOUNT}:assumed-role/auditor/session",
                "security_token": STS_TOKEN,
            },
        ],
        "regions": ["cn-hangzhou", "ap-southeast-1"],
        "services": {
            "ecs": {
                "cn-hangzhou": {
                    "DescribeInstances": {"Instances": {"Instance": instances}},
                    "DescribeSecurityGroupAttribute": {
                        "by": "SecurityGroupId",
                        "responses": {"sg-1": {"SecurityGroupId": "sg-1"}},
                    },
                }
            },
            "vpc": {
                "cn-hangzhou": {
                    "DescribeVpcs": {
                        "Vpcs": {"Vpc": [{"VpcId": f"vpc-{n}"} for n in range(23)]}
                    }
                }
            },
            "rds": {
                "cn-hangzhou": {
                    "DescribeDBInstances": {
                        "Items": {
                            "DBInstance": [
                                {"DBInstanceId": f"rm-{n}"} for n in range(35)
                            ]
                        }
                    },
                    "DescribeDBInstanceTDE": {
                        "by": "DBInstanceId",
                        "responses": {
                            "rm-0": {"TDEStatus": "Enabled"},
                            "rm-1": {
                                "$error": {
                                    "Code": "InstanceEngineType.NotSupport",
                                    "HttpStatus": 403,
                                    "Message": "The engine does not support TDE.",
                                }
                            },
                        },
                    },
                }
            },
            "actiontrail": {
                "cn-hangzhou": {
                    "DescribeTrails": {
                        "$error": {"Code": "ServiceNotOpen", "HttpStatus": 403}
                    }
                }
            },
            "ram": {"global": {"ListUsers": {"Users": {"User": users}}}},
            "oss": {
                "global": {
                    "ListBuckets": {
                        "ListAllMyBucketsResult": {
                            "Owner": {"ID": ACCOUNT, "DisplayName": ACCOUNT},
                            "Buckets": {
                                "Bucket": [
                                    {
                                        "Name": f"bucket-{n}",
                                        "Location": "oss-cn-hangzhou",
                                        "Region": "cn-hangzhou",
                                    }
                                    for n in range(3)
                                ]
                            },
                        }
                    },
                    "GetBucketAcl": {
                        "by": "bucket",
                        "responses": {
                            "bucket-0": {
                                "AccessControlPolicy": {
                                    "AccessControlList": {"Grant": "public-read"}
                                }
                            }
                        },
                    },
                }
            },
        },
    }


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.text)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Client:
    """Sends signed requests to the sandbox, origin-form with the real Host header or
    absolute-form as to an HTTP proxy."""

    def __init__(self, url: str, key: tuple[str, str] = AUDITOR):
        parts = urlsplit(url)
        self.address = (parts.hostname, parts.port)
        self.key = key

    def send(
        self, method: str, host: str, target: str, headers: dict[str, str], body=b""
    ) -> Reply:
        conn = http.client.HTTPConnection(*self.address, timeout=5)
        try:
            conn.request(method, target, body=body, headers={"Host": host, **headers})
            response = conn.getresponse()
            return Reply(response.status, response.headers, response.read().decode())
        finally:
            conn.close()

    def v3(
        self,
        host: str,
        action: str,
        params: dict[str, str] | None = None,
        *,
        method: str = "POST",
        path: str = "/",
        absolute: bool = False,
        **signing: Any,
    ) -> Reply:
        params = params or {}
        headers = self.v3_headers(host, action, params, method, path, **signing)
        query = urlencode(params, quote_via=lambda v, *a: Utils.get_encode_param(v))
        target = path + (f"?{query}" if query else "")
        if absolute:
            target = f"http://{host}{target}"
        return self.send(method, host, target, headers)

    def v3_headers(
        self,
        host: str,
        action: str,
        params: dict[str, str],
        method: str = "POST",
        path: str = "/",
        *,
        secret: str | None = None,
        date: str | None = None,
        nonce: str | None = None,
        token: str | None = None,
        version: str = "2014-05-26",
    ) -> dict[str, str]:
        """Headers of a V3-signed request, signed by the SDK's own signer."""
        payload = hashlib.sha256(b"").hexdigest()
        headers = {
            "host": host,
            "x-acs-action": action,
            "x-acs-version": version,
            "x-acs-date": date or now_iso(),
            "x-acs-signature-nonce": nonce or uuid.uuid4().hex,
            "x-acs-content-sha256": payload,
        }
        if token:
            headers["x-acs-security-token"] = token
        signable = SimpleNamespace(
            method=method, pathname=path, query=params, headers=headers
        )
        headers["Authorization"] = Utils.get_authorization(
            signable, "ACS3-HMAC-SHA256", payload, self.key[0], secret or self.key[1]
        )
        headers.pop("host")
        headers["accept"] = "application/json"
        return headers

    def rpc_v2(self, host: str, action: str, params: dict[str, str]) -> Reply:
        signed = {
            "Action": action,
            "Version": "2014-05-26",
            "Format": "JSON",
            "AccessKeyId": self.key[0],
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "SignatureNonce": uuid.uuid4().hex,
            "Timestamp": now_iso(),
            **params,
        }
        signed["Signature"] = rpc_signature(self.key[1], "GET", signed)
        query = urlencode(signed, quote_via=lambda v, *a: Utils.get_encode_param(v))
        return self.send("GET", host, f"/?{query}", {})

    def oss_v4(
        self, host: str, bucket: str | None, query: dict[str, str], path: str = "/"
    ) -> Reply:
        region = host.split(".")[-3].removeprefix("oss-")
        oss_date = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        headers = {"x-oss-date": oss_date, "x-oss-content-sha256": "UNSIGNED-PAYLOAD"}
        uri = f"/{bucket}{path}" if bucket else path
        signature = oss_v4_signature(
            self.key[1],
            "GET",
            uri,
            query.items(),
            headers.items(),
            [],
            oss_date,
            region,
        )
        headers["Authorization"] = (
            f"OSS4-HMAC-SHA256 Credential={self.key[0]}/{oss_date[:8]}/{region}/oss/"
            f"aliyun_v4_request,Signature={signature}"
        )
        target = path + (
            "?" + "&".join(k if not v else f"{k}={v}" for k, v in query.items())
            if query
            else ""
        )
        return self.send("GET", host, target, headers)

    def oss_v1(self, host: str, bucket: str, sub: str) -> Reply:
        date = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
        string_to_sign = f"GET\n\n\n{date}\n/{bucket}/?{sub}"
        digest = hmac.new(
            self.key[1].encode(), string_to_sign.encode(), hashlib.sha1
        ).digest()
        signature = base64.b64encode(digest).decode()
        headers = {"Date": date, "Authorization": f"OSS {self.key[0]}:{signature}"}
        return self.send("GET", host, f"/?{sub}", headers)
