"""The bundled demo account, scanned once with every item of the catalogue.

Every item is evaluated (pass or fail, never not_checked), each category has passes
and fails, and one problem is reported by one item, with one severity.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from harness import scan_dataset

import cloud_checkup
from cloud_checkup.app.model import ScanResult
from cloud_checkup.checks import Category, Status, catalogue
from cloud_checkup.checks.applicability import not_applicable_reason

DEMO = Path(cloud_checkup.__file__).parent / "resources" / "demo"
# Items the demo story has no resource for, with the reason the result must give.
# Empty: the story holds something for every item; add an entry only with the words.
NOT_IN_THE_STORY: dict[str, str] = {}


@cache
def demo_scan() -> ScanResult:
    return scan_dataset(str(DEMO), catalogue())


def _failed(check_id: str) -> set[str]:
    return {f.resource_id for f in demo_scan().result(check_id).failed}


def test_demo_account_evaluates_every_item():
    results = {r.check_id: r for r in demo_scan().results}
    assert set(results) == set(catalogue())
    for check_id, result in results.items():
        if check_id in NOT_IN_THE_STORY:
            assert result.status is Status.NOT_APPLICABLE, check_id
            reason = not_applicable_reason(catalogue()[check_id], result.findings)
            assert reason == NOT_IN_THE_STORY[check_id]
            continue
        assert result.status in (Status.PASS, Status.FAIL), (
            check_id,
            result.status,
            result.reason,
        )
        # A resource the demo holds is read, never left unknown.
        unread = [f for f in result.findings if f.status is Status.NOT_CHECKED]
        assert not unread, (check_id, unread)


def test_demo_account_has_passes_and_fails_in_every_category():
    statuses: dict[Category, set[Status]] = {}
    for result in demo_scan().results:
        category = catalogue()[result.check_id].category
        statuses.setdefault(category, set()).add(result.status)
    for category in Category:
        assert {Status.PASS, Status.FAIL} <= statuses[category], category


def test_an_expiring_subscription_is_reported_once():
    ecs = _failed("ecs-subscription-not-expiring")
    billing = _failed("subscription-not-expiring")
    assert ecs == {"i-bp1shopweb02b"}
    # The billing centre covers only products without an expiry item of their own.
    assert billing == {"waf:waf_v3prepaid_public_cn-shop0waf01"}
    judged = {
        f.resource_id for f in demo_scan().result("subscription-not-expiring").findings
    }
    assert not {r for r in judged if r.split(":", 1)[0] in {"ecs", "rds"}}


def test_a_basic_edition_database_is_judged_by_the_ha_item_only():
    assert _failed("rds-instance-high-availability") == {"rm-bp1shopreport"}
    multi_zone = demo_scan().result("rds-instance-multi-zone")
    assert "rm-bp1shopreport" not in _failed("rds-instance-multi-zone")
    (skipped,) = [f for f in multi_zone.findings if f.resource_id == "rm-bp1shopreport"]
    assert skipped.status is Status.NOT_APPLICABLE
    assert "rds-instance-high-availability" in skipped.detail


def test_a_full_admin_policy_is_reported_once():
    assert _failed("ram-custom-policy-no-full-admin") == {"break-glass-temp"}
    assert "break-glass-temp" not in _failed("ram-custom-policy-no-ram-full-access")
    [finding] = demo_scan().result("ram-custom-policy-no-full-admin").failed
    assert finding.detail.endswith("(attached to no one yet)")  # AttachmentCount 0


def test_the_cold_standby_is_not_called_both_healthy_and_broken():
    assert "i-uf6shopdr01" not in _failed("ecs-instance-health-ok")
    assert "i-uf6shopdr01" not in _failed("ecs-instance-not-stopped")
    (standby,) = [
        f
        for f in demo_scan().result("ecs-instance-not-stopped").findings
        if f.resource_id == "i-uf6shopdr01"
    ]
    assert ("role", "dr-standby") in standby.tags


@pytest.mark.parametrize(
    ("ai_item", "general_item", "resource"),
    [
        (
            "ecs-gpu-instance-metadata-token-required",
            "ecs-instance-metadata-imdsv2",
            "i-bp1recogpu01",
        ),
        ("oss-ai-bucket-versioning", "oss-bucket-versioning", "demo-shop-models"),
        ("ecs-gpu-instance-disks-encrypted", "ecs-disk-encrypted", None),
    ],
)
def test_an_ai_asset_failing_two_items_has_one_severity(
    ai_item, general_item, resource
):
    assert _failed(ai_item)
    if resource is not None:
        assert resource in _failed(ai_item) & _failed(general_item)
    assert catalogue()[ai_item].severity is catalogue()[general_item].severity


def test_postgresql_is_in_the_story():
    assert _failed("rds-postgresql-connection-logging") == {"pgm-bp1shopsearch"}
