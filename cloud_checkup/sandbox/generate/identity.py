"""RAM and IMS: users and their credentials, roles, custom policies, the password
policy, the security preference and the root account's security report."""

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
    _security_preference(a)
    _security_report(a)


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


def _security_preference(a: Account) -> None:
    """Account-wide settings of RAM users: console sessions, MFA, AccessKeys."""
    preference = {
        "LoginProfilePreference": {
            "LoginSessionDuration": a.rng.choice([1, 6, 12]),
            "LoginNetworkMasks": "203.0.113.0/24" if a.chance(0.3) else "",
            "AllowUserToChangePassword": True,
            "EnableSaveMFATicket": a.chance(0.5),
        },
        "AccessKeyPreference": {"AllowUserToManageAccessKeys": a.chance(0.4)},
        "MFAPreference": {"AllowUserToManageMFADevices": True},
        "PublicKeyPreference": {"AllowUserToManagePublicKeys": False},
    }
    a.put("ram", "GetSecurityPreference", {"SecurityPreference": preference})


def _security_report(a: Account) -> None:
    """IMS's security practice report, the one read of the root account's MFA and
    AccessKeys."""
    users = a.counts["ram_users"]
    report = {
        "Score": a.rng.randint(40, 95),
        "AccountSecurityPracticeUserInfo": {
            "BindMfa": a.chance(0.8),
            "RootWithAccessKey": 1 if a.chance(0.25) else 0,
            "SubUser": users,
            "SubUserBindMfa": users // 2,
            "SubUserWithOldAccessKey": users // 5,
            "SubUserWithUnusedAccessKey": users // 10,
            "OldAkNum": users // 5,
            "UnusedAkNum": users // 10,
        },
    }
    a.put(
        "ims",
        "GetAccountSecurityPracticeReport",
        {"AccountSecurityPracticeInfo": report},
    )
