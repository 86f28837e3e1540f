"""Policy documents in unusual spellings: NotAction, NotResource, lowercase element
names, wildcard ARNs, conditions that limit nothing, and documents that are no policy.
"""

from __future__ import annotations

import copy
import json

import pytest
from data import oss_buckets, scan
from data_identity_infra import (
    OTHER_ACCOUNT,
    PUBLIC_READ,
    bucket_policies,
    custom_policies,
    document,
    roles,
)

from cloud_checkup.checks import Status

FULL_ADMIN = "ram-custom-policy-no-full-admin"
RAM_FULL = "ram-custom-policy-no-ram-full-access"
OTHER_ACCOUNTS = "ram-role-trust-no-other-accounts"
ANONYMOUS = "oss-bucket-policy-no-anonymous-access"


def _admin_status(check_id: str, policy: str) -> Status:
    return scan(check_id, custom_policies({"odd-policy": policy})).status


@pytest.mark.parametrize(
    "policy",
    [
        pytest.param(
            document({"Effect": "Allow", "Action": "*", "NotResource": "acs:ram:*"}),
            id="not-resource",
        ),
        pytest.param(
            document({"Effect": "Allow", "Action": "*", "Resource": "acs:*:*:*:*"}),
            id="wildcard-arn",
        ),
        pytest.param(
            json.dumps(
                {
                    "version": "1",
                    "statement": [{"effect": "allow", "action": "*", "resource": "*"}],
                }
            ),
            id="lowercase-elements",
        ),
        pytest.param(
            document({"Effect": "Allow", "NotAction": "ecs:*", "Resource": "*"}),
            id="not-action",
        ),
    ],
)
def test_a_policy_granting_everything_fails_however_it_is_spelt(policy):
    assert _admin_status(FULL_ADMIN, policy) is Status.FAIL


def test_not_action_that_leaves_out_ram_does_not_grant_ram_full_access():
    policy = document({"Effect": "Allow", "NotAction": "ram:*", "Resource": "*"})
    assert _admin_status(RAM_FULL, policy) is Status.PASS


def test_not_action_that_leaves_out_one_ram_action_still_grants_ram():
    policy = document(
        {"Effect": "Allow", "NotAction": "ram:DeleteUser", "Resource": "*"}
    )
    # It grants (nearly) everything: the full-admin item fails it, and the
    # RAM-full-access item leaves it to that item, so it is reported once.
    assert _admin_status(FULL_ADMIN, policy) is Status.FAIL
    assert _admin_status(RAM_FULL, policy) is Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    "policy",
    [
        pytest.param("{not json", id="not-json"),
        pytest.param('[{"Effect": "Allow"}]', id="json-array"),
        pytest.param('"just a string"', id="json-string"),
        pytest.param("", id="empty"),
    ],
)
def test_a_document_that_is_no_policy_is_not_checked(policy):
    assert _admin_status(FULL_ADMIN, policy) is Status.NOT_CHECKED


def test_a_trust_policy_with_a_lowercase_principal_kind_is_read():
    trust = document(
        {
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"ram": [f"acs:ram::{OTHER_ACCOUNT}:root"]},
        }
    )
    result = scan(OTHER_ACCOUNTS, roles({"odd-role": trust}))
    assert result.status is Status.FAIL
    assert OTHER_ACCOUNT in result.findings[0].detail


def _bucket_policy_status(condition: dict | None) -> Status:
    policy = copy.deepcopy(PUBLIC_READ)
    if condition is not None:
        policy["Statement"][0]["Condition"] = condition
    return scan(
        ANONYMOUS,
        oss_buckets({"shop-static": {}}),
        bucket_policies({"shop-static": policy}),
    ).status


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(
            {"IpAddress": {"acs:SourceIp": ["0.0.0.0/0"]}}, id="source-is-everyone"
        ),
        pytest.param(
            {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "::/0"]}},
            id="source-includes-ipv6-everyone",
        ),
        pytest.param(
            {"NotIpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}},
            id="everyone-but-a-network",
        ),
        pytest.param(
            {"StringNotEquals": {"acs:AccessId": ["LTAI-one"]}},
            id="everyone-but-one-key",
        ),
        pytest.param({"IpAddress": {"acs:SourceIp": []}}, id="empty-source-list"),
    ],
)
def test_a_condition_that_limits_nobody_leaves_the_bucket_public(condition):
    assert _bucket_policy_status(condition) is Status.FAIL


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param({"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}}, id="one-net"),
        pytest.param({"StringEquals": {"acs:SourceVpc": ["vpc-1"]}}, id="one-vpc"),
    ],
)
def test_a_condition_that_limits_callers_keeps_the_bucket_private(condition):
    assert _bucket_policy_status(condition) is Status.PASS


def test_a_bucket_policy_with_lowercase_elements_is_read():
    policy = {
        "version": "1",
        "statement": [
            {
                "effect": "Allow",
                "action": ["oss:GetObject"],
                "principal": ["*"],
                "resource": ["acs:oss:*:*:shop-static/*"],
            }
        ],
    }
    result = scan(
        ANONYMOUS,
        oss_buckets({"shop-static": {}}),
        bucket_policies({"shop-static": policy}),
    )
    assert result.status is Status.FAIL
    assert "oss:GetObject" in result.findings[0].detail
