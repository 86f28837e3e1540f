"""RAM: users and their credentials, roles, custom policies, the password policy."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ._common import ACCOUNT_ID, Account, past_time

_ECS_TRUST = json.dumps(
    {
        "Statement": [
            {
                "Action": "sts:AssumeRole",
                "Effect": "Allow",
                "Principal": {"Service": ["ecs.aliyuncs.com"]},
            }
        ],
        "Version": "1",
    }
)
_READ_ECS = json.dumps(
    {
        "Statement": [{"Action": "ecs:Describe*", "Effect": "Allow", "Resource": "*"}],
        "Version": "1",
    }
)


def build(a: Account) -> None:
    _users(a)
    _roles(a)
    _custom_policies(a)
    _password_policy(a)


def _users(a: Account) -> None:
    rng = a.rng
    users = [f"user-{n:05d}" for n in range(a.counts["ram_users"])]
    listed = [
        {
            "UserName": u,
            "UserId": str(200000000000000 + n),
            "DisplayName": u,
            "CreateDate": past_time(rng, seconds=True),
        }
        for n, u in enumerate(users)
    ]
    a.put("ram", "ListUsers", {"Users": {"User": listed}})
    details: dict[str, Callable[[str], Any]] = {
        "GetUser": lambda u: {
            "User": {"UserName": u, "LastLoginDate": past_time(rng, seconds=True)}
        },
        "GetLoginProfile": lambda u: (
            {"LoginProfile": {"UserName": u, "MFABindRequired": True}}
            if rng.random() < 0.4
            else _absent("EntityNotExist.User.LoginProfile")
        ),
        "GetUserMFAInfo": lambda u: (
            {"MFADevice": {"SerialNumber": f"acs:ram::{ACCOUNT_ID}:mfa/{u}"}}
            if rng.random() < 0.5
            else _absent("EntityNotExist.User.MFADevice")
        ),
        "ListAccessKeys": lambda u: {
            "AccessKeys": {
                "AccessKey": [
                    {
                        "AccessKeyId": f"LTAI{u.replace('-', '')}k",
                        "Status": "Active",
                        "CreateDate": past_time(rng, seconds=True),
                    }
                ]
            }
        },
        "ListPoliciesForUser": lambda u: {
            "Policies": {
                "Policy": [{"PolicyName": "ReadOnlyAccess", "PolicyType": "System"}]
            }
        },
    }
    for action, answer in details.items():
        a.put_each("ram", action, "UserName", users, answer)


def _absent(code: str) -> dict[str, Any]:
    """RAM's answer for a user without the thing asked for."""
    return {"$error": {"Code": code, "HttpStatus": 404}}


def _roles(a: Account) -> None:
    roles = [f"role-{n:05d}" for n in range(a.counts["ram_roles"])]
    listed = [
        {
            "RoleName": r,
            "RoleId": str(300000000000000 + n),
            "Arn": f"acs:ram::{ACCOUNT_ID}:role/{r}",
        }
        for n, r in enumerate(roles)
    ]
    a.put("ram", "ListRoles", {"Roles": {"Role": listed}})
    a.put_each(
        "ram",
        "GetRole",
        "RoleName",
        roles,
        lambda r: {"Role": {"RoleName": r, "AssumeRolePolicyDocument": _ECS_TRUST}},
    )


def _custom_policies(a: Account) -> None:
    policies = [f"policy-{n:05d}" for n in range(a.counts["custom_policies"])]
    listed = [
        {
            "PolicyName": p,
            "PolicyType": "Custom",
            "DefaultVersion": "v1",
            "AttachmentCount": 1,
        }
        for p in policies
    ]
    a.put("ram", "ListPolicies", {"Policies": {"Policy": listed}})
    a.put_each(
        "ram",
        "GetPolicy",
        "PolicyName",
        policies,
        lambda p: {
            "Policy": {"PolicyName": p, "PolicyType": "Custom"},
            "DefaultPolicyVersion": {
                "VersionId": "v1",
                "IsDefaultVersion": True,
                "PolicyDocument": _READ_ECS,
            },
        },
    )


def _password_policy(a: Account) -> None:
    a.put(
        "ram",
        "GetPasswordPolicy",
        {
            "PasswordPolicy": {
                "MinimumPasswordLength": 12,
                "RequireLowercaseCharacters": True,
                "RequireUppercaseCharacters": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "MaxPasswordAge": 90,
                "PasswordReusePrevention": 5,
                "MaxLoginAttemps": 5,
                "HardExpiry": False,
            }
        },
    )
