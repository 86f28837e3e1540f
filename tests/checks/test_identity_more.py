"""Identity items added for CIS coverage: PASS, FAIL, not-applicable and not-checked
accounts, scanned once per account with every item, plus the API quirks they meet.

Account-wide settings (password policy, security preference) always exist, so those
items have no not-applicable case; their absent fields are tested instead.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from data import (
    access_keys,
    error,
    failed_ids,
    merge,
    password_policy,
    ram_users,
    scan,
    user_policies,
)
from data_identity_infra import (
    ACCOUNT,
    OTHER_ACCOUNT,
    custom_policies,
    document,
    roles,
    security_preference,
    trust,
)
from harness import base_dataset, scan_dataset

from cloud_checkup.checks import Status

ACCOUNT_WIDE = (
    "ram-password-policy-expiry",
    "ram-users-cannot-manage-own-access-keys",
    "ram-mfa-not-remembered",
    "ram-console-logon-network-restricted",
)
PER_RESOURCE = (
    "ram-custom-policy-no-full-admin",
    "ram-custom-policy-no-ram-full-access",
    "ram-user-no-directly-attached-policies",
    "ram-user-one-active-access-key",
    "ram-role-trust-no-any-principal",
    "ram-role-trust-no-other-accounts",
)
ITEMS = ACCOUNT_WIDE + PER_RESOURCE

SERVICE_TRUST = document(
    {
        "Action": "sts:AssumeRole",
        "Effect": "Allow",
        "Principal": {"Service": ["ecs.aliyuncs.com"]},
    }
)
NARROW = document(
    {"Effect": "Allow", "Action": ["ecs:Describe*", "oss:PutObject"], "Resource": "*"}
)


def _passing():
    return merge(
        ram_users("alice", "ci-deployer"),
        user_policies({"alice": [], "ci-deployer": []}),
        access_keys({"alice": [], "ci-deployer": [("LTAI5tCi", "Active", 10)]}),
        password_policy(MaxPasswordAge=90),
        custom_policies({"shop-deploy": NARROW}),
        roles(
            {
                "shop-ecs-role": SERVICE_TRUST,
                "ops-admin": trust(f"acs:ram::{ACCOUNT}:root"),
            }
        ),
        security_preference(),
    )


def _failing():
    return merge(
        ram_users("alice", "ci-deployer"),
        user_policies(
            {"alice": [("AliyunECSFullAccess", "System")], "ci-deployer": []}
        ),
        access_keys(
            {
                "alice": [],
                "ci-deployer": [
                    ("LTAI5tOne", "Active", 10),
                    ("LTAI5tTwo", "Active", 3),
                ],
            }
        ),
        password_policy(MaxPasswordAge=0),
        custom_policies(
            {
                "break-glass": document(
                    {"Effect": "Allow", "Action": "*", "Resource": "*"}
                ),
                "iam-helper": document(
                    {"Effect": "Allow", "Action": ["ram:*"], "Resource": ["*"]}
                ),
                "shop-deploy": NARROW,
            }
        ),
        roles(
            {
                "open-role": trust("*"),
                "partner-role": trust(f"acs:ram::{OTHER_ACCOUNT}:root"),
                "shop-ecs-role": SERVICE_TRUST,
            }
        ),
        security_preference(manage_keys="true", save_mfa=True, masks=""),
    )


def _empty():
    return merge(
        ram_users(),
        custom_policies({}),
        roles({}),
        password_policy(MaxPasswordAge=90),
        security_preference(),
    )


@cache
def _scan(world: str):
    services = {"passing": _passing, "failing": _failing, "empty": _empty}
    deny = ["ram:*"] if world == "denied" else []
    dataset = base_dataset(
        (_passing if world == "denied" else services[world])(),
        regions=("cn-hangzhou",),
        deny=deny,
    )
    return scan_dataset(dataset, ITEMS)


def _status(world, check_id):
    result = _scan(world).result(check_id)
    assert result is not None, f"{check_id} was not evaluated"
    return result


@pytest.mark.parametrize("check_id", ITEMS)
def test_item_passes_on_a_well_configured_account(check_id):
    result = _status("passing", check_id)
    assert result.status is Status.PASS, [f.detail for f in result.findings]


@pytest.mark.parametrize("check_id", ITEMS)
def test_item_fails_on_a_misconfigured_account(check_id):
    assert _status("failing", check_id).status is Status.FAIL


@pytest.mark.parametrize("check_id", PER_RESOURCE)
def test_item_is_not_applicable_without_resources(check_id):
    assert _status("empty", check_id).status is Status.NOT_APPLICABLE


@pytest.mark.parametrize("check_id", ITEMS)
def test_item_is_not_checked_when_ram_reads_are_denied(check_id):
    result = _status("denied", check_id)
    assert result.status is Status.NOT_CHECKED
    assert any(action.startswith("ram:") for action in result.missing_actions)


def test_failures_name_the_offending_resources():
    failing = _scan("failing")
    assert failed_ids(failing.result("ram-custom-policy-no-full-admin")) == {
        "break-glass"
    }
    # break-glass grants "*:*": reported once, by the full-admin item.
    assert failed_ids(failing.result("ram-custom-policy-no-ram-full-access")) == {
        "iam-helper",
    }
    assert failed_ids(failing.result("ram-role-trust-no-any-principal")) == {
        "open-role"
    }
    assert failed_ids(failing.result("ram-role-trust-no-other-accounts")) == {
        "partner-role"
    }
    assert failed_ids(failing.result("ram-user-one-active-access-key")) == {
        "ci-deployer"
    }


# --- quirks ------------------------------------------------------------------------


def test_policy_document_that_is_not_json_is_never_a_pass():
    result = scan(
        "ram-custom-policy-no-full-admin",
        custom_policies({"shop-deploy": NARROW, "broken": '{"Statement": ['}),
    )
    assert result.status is Status.NOT_CHECKED


def test_lone_statement_lowercase_effect_and_not_action_grant_everything():
    single = json.dumps(
        {
            "Version": "1",
            "Statement": {"Effect": "allow", "Action": "*", "Resource": "*"},
        }
    )
    not_action = document({"Effect": "Allow", "NotAction": ["ram:*"], "Resource": "*"})
    result = scan(
        "ram-custom-policy-no-full-admin",
        custom_policies({"single": single, "not-action": not_action}),
    )
    assert failed_ids(result) == {"single", "not-action"}


def test_trust_principal_given_as_one_string_for_every_account_fails():
    text = (
        '{"Version": "1", "Statement": [{"Action": "sts:AssumeRole", '
        '"Effect": "Allow", "Principal": {"RAM": "acs:ram::*:root"}}]}'
    )
    result = scan("ram-role-trust-no-any-principal", roles({"wide": text}))
    assert failed_ids(result) == {"wide"}


def test_unreadable_trust_policy_is_never_a_pass():
    result = scan(
        "ram-role-trust-no-other-accounts",
        roles({"ok": SERVICE_TRUST, "flaky": error("InternalError", 500)}),
    )
    assert result.status is Status.NOT_CHECKED


def test_string_boolean_false_means_users_cannot_manage_keys():
    result = scan(
        "ram-users-cannot-manage-own-access-keys",
        security_preference(manage_keys="false"),
    )
    assert result.status is Status.PASS


def test_absent_password_age_is_not_checked():
    policy = password_policy()
    del policy["ram"]["global"]["GetPasswordPolicy"]["PasswordPolicy"]["MaxPasswordAge"]
    result = scan("ram-password-policy-expiry", policy)
    assert result.status is Status.NOT_CHECKED


def test_logon_mask_of_the_whole_internet_is_no_restriction():
    result = scan(
        "ram-console-logon-network-restricted",
        security_preference(masks="10.0.0.0/8;0.0.0.0/0"),
    )
    assert result.status is Status.FAIL


def test_root_report_is_read_from_its_documented_nesting():
    # GetAccountSecurityPracticeReport nests the counts under
    # AccountSecurityPracticeInfo.AccountSecurityPracticeUserInfo.
    from data import security_report

    report = security_report(root_keys=2, root_mfa=False)
    assert scan("root-account-no-access-key", report).status is Status.FAIL
    assert scan("root-account-mfa-enabled", report).status is Status.FAIL
