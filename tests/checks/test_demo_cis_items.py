"""The demo account evaluates every identity and infrastructure item added for CIS
coverage, with the outcomes its story tells (see resources/demo/services)."""

from __future__ import annotations

from functools import cache

import pytest
from harness import scan_dataset
from test_demo_account import DEMO
from test_identity_more import ITEMS as IDENTITY_ITEMS
from test_infrastructure_more import ITEMS as INFRASTRUCTURE_ITEMS

from cloud_checkup.checks import Status

ITEMS = IDENTITY_ITEMS + INFRASTRUCTURE_ITEMS + ("root-account-mfa-enabled",)
EXPECTED = {
    "root-account-mfa-enabled": Status.PASS,
    "ram-custom-policy-no-full-admin": Status.FAIL,
    "ram-role-trust-no-any-principal": Status.PASS,
    "ram-role-trust-no-other-accounts": Status.FAIL,
    "ram-users-cannot-manage-own-access-keys": Status.PASS,
    "ram-mfa-not-remembered": Status.FAIL,
    "oss-bucket-policy-no-anonymous-access": Status.FAIL,
    "actiontrail-bucket-not-public": Status.PASS,
    "rds-instance-tde-byok": Status.PASS,
    "rds-instance-ssl-enabled": Status.FAIL,
    "rds-postgresql-connection-logging": Status.FAIL,
    "ecs-instance-metadata-imdsv2": Status.FAIL,
    "ecs-instance-in-vpc": Status.PASS,
    "vpc-flow-logs-enabled": Status.FAIL,
    "kms-key-deletion-protection": Status.PASS,
    "kms-key-rotation-enabled": Status.FAIL,
    "ack-cluster-private-api-server": Status.FAIL,
    "ack-cluster-network-policy": Status.PASS,
    "ack-cluster-check-weekly": Status.FAIL,
    "sas-edition-advanced-or-enterprise": Status.PASS,
    "sas-agent-on-all-servers": Status.FAIL,
    "sas-vulnerability-scan-enabled": Status.PASS,
}


@cache
def demo_scan():
    return scan_dataset(str(DEMO), ITEMS)


@pytest.mark.parametrize("check_id", ITEMS)
def test_demo_account_evaluates_the_item(check_id):
    result = demo_scan().result(check_id)
    assert result is not None
    assert result.status is not Status.NOT_CHECKED, result.reason


@pytest.mark.parametrize("check_id", sorted(EXPECTED))
def test_demo_account_tells_its_story(check_id):
    assert demo_scan().result(check_id).status is EXPECTED[check_id]
