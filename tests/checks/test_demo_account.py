"""The bundled demo account evaluates every item of this set, with passes and fails."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from harness import scan_dataset

import cloud_checkup
from cloud_checkup.app.model import ScanResult
from cloud_checkup.checks import Status, catalogue

DEMO = Path(cloud_checkup.__file__).parent / "resources" / "demo"
CATEGORY_PACKAGES = ("identity", "infrastructure", "resilience", "stability", "ai")
# The items whose demo data lives in resources/demo; items added later extend this.
ITEMS = (
    "root-account-no-access-key",
    "root-account-mfa-enabled",
    "ram-user-console-mfa-enabled",
    "ram-password-policy-strength",
    "ram-password-policy-reuse-and-lockout",
    "ram-access-key-rotated-90-days",
    "ram-user-no-administrator-access",
    "ram-console-user-active-90-days",
    "ram-user-console-or-access-key",
    "ecs-security-group-no-public-remote-admin",
    "ecs-security-group-no-public-database-ports",
    "oss-bucket-not-public",
    "oss-bucket-server-side-encryption",
    "actiontrail-multi-region-logging",
    "rds-instance-not-open-to-internet",
    "ecs-disk-encrypted",
    "rds-instance-high-availability",
    "rds-backup-retention",
    "oss-bucket-versioning",
    "slb-instance-multi-zone",
    "ecs-disk-auto-snapshot-policy",
    "ecs-subscription-not-expiring",
    "rds-subscription-not-expiring",
    "ecs-instance-release-protection",
    "ecs-no-pending-system-events",
    "pai-dsw-no-internet-access",
    "ecs-gpu-instance-no-public-ip",
    "pai-eas-service-multiple-instances",
)


@cache
def demo_scan() -> ScanResult:
    return scan_dataset(str(DEMO), ITEMS)


@pytest.mark.parametrize("check_id", ITEMS)
def test_demo_account_evaluates_the_item(check_id):
    result = demo_scan().result(check_id)
    assert result is not None
    assert result.status is not Status.NOT_CHECKED, result.reason


def test_demo_account_has_passes_and_fails_in_every_category():
    statuses: dict[str, set[Status]] = {}
    for result in demo_scan().results:
        category = catalogue()[result.check_id].category.value
        statuses.setdefault(category, set()).add(result.status)
    for category in CATEGORY_PACKAGES:
        assert {Status.PASS, Status.FAIL} <= statuses[category], category
