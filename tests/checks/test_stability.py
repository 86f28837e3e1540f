"""Stability check items on sandbox data: one passing and one failing account each."""

from __future__ import annotations

from data import (
    auto_renew,
    db_instance,
    ecs_instances,
    failed_ids,
    full_status,
    instance,
    iso,
    rds_auto_renewal,
    rds_instances,
    scan,
)

from cloud_checkup.checks import Status

ECS_EXPIRY = "ecs-subscription-not-expiring"


def _prepaid(instance_id: str, days_left: float):
    return instance(
        instance_id,
        InstanceChargeType="PrePaid",
        ExpiredTime=iso(days_left, seconds=False),
    )


def test_ecs_expiry_passes_for_far_expiry_or_auto_renewal():
    result = scan(
        ECS_EXPIRY,
        ecs_instances(
            _prepaid("i-web1", 200), _prepaid("i-web2", 10), instance("i-job")
        ),
        auto_renew({"i-web1": False, "i-web2": True, "i-job": False}),
    )
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"i-web1", "i-web2"}


def test_ecs_expiry_fails_soon_without_auto_renewal():
    result = scan(
        ECS_EXPIRY,
        ecs_instances(_prepaid("i-web1", 200), _prepaid("i-web2", 10)),
        auto_renew({"i-web1": False, "i-web2": False}),
    )
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"i-web2"}


def test_ecs_expiry_not_checked_when_auto_renewal_is_denied():
    result = scan(
        ECS_EXPIRY,
        ecs_instances(_prepaid("i-web2", 10)),
        auto_renew({"i-web2": False}),
        deny=["ecs:DescribeInstanceAutoRenewAttribute"],
    )
    assert result.status is Status.NOT_CHECKED


def test_ecs_expiry_not_checked_for_an_instance_the_answer_left_out():
    result = scan(
        ECS_EXPIRY,
        ecs_instances(_prepaid("i-web1", 10), _prepaid("i-web2", 10)),
        auto_renew({"i-web1": True}),
    )
    assert result.status is Status.NOT_CHECKED
    unknown = [f for f in result.findings if f.status is Status.NOT_CHECKED]
    assert [f.resource_id for f in unknown] == ["i-web2"]


def test_rds_expiry_passes_with_string_true_auto_renew():
    result = scan(
        "rds-subscription-not-expiring",
        rds_instances(db_instance("rm-orders", PayType="Prepaid", ExpireTime=iso(5))),
        rds_auto_renewal({"rm-orders": "True"}),
    )
    assert result.status is Status.PASS


def test_rds_expiry_fails_with_string_false_auto_renew():
    result = scan(
        "rds-subscription-not-expiring",
        rds_instances(db_instance("rm-orders", PayType="Prepaid", ExpireTime=iso(5))),
        rds_auto_renewal({"rm-orders": "False"}),
    )
    assert result.status is Status.FAIL


def test_release_protection_passes_and_skips_subscriptions():
    result = scan(
        "ecs-instance-release-protection",
        ecs_instances(
            instance("i-web1", DeletionProtection=True),
            _prepaid("i-web2", 200),
        ),
    )
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"i-web1"}


def test_release_protection_fails_when_off():
    result = scan(
        "ecs-instance-release-protection",
        ecs_instances(instance("i-web1", DeletionProtection=True), instance("i-job")),
    )
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"i-job"}


def test_system_events_pass_when_events_are_done():
    status = full_status(
        {"i-web1": [("SystemMaintenance.Reboot", "Executed")], "i-web2": []}
    )
    assert scan("ecs-no-pending-system-events", status).status is Status.PASS


def test_system_events_fail_for_a_scheduled_reboot():
    status = full_status(
        {"i-web1": [("SystemMaintenance.Reboot", "Scheduled")], "i-web2": []}
    )
    result = scan("ecs-no-pending-system-events", status)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"i-web1"}
