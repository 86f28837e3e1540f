"""Times in every format Alibaba sends, and times that cannot be read at all.

An expiry or logon time the scanner cannot read must never let an item pass: the
resource may expire tomorrow.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from data import (
    auto_renew,
    db_instance,
    ecs_instances,
    instance,
    login_profiles,
    ram_users,
    rds_auto_renewal,
    rds_instances,
    scan,
)
from data_ha import subscription, subscriptions

from cloud_checkup.checks import Status
from cloud_checkup.checks._fields import parse_time

ECS_EXPIRY = "ecs-subscription-not-expiring"
RDS_EXPIRY = "rds-subscription-not-expiring"
BSS_EXPIRY = "subscription-not-expiring"
RECENT_LOGON = "ram-console-user-active-90-days"

# 1765339445 seconds after the epoch.
MOMENT = datetime(2025, 12, 10, 4, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "2025-12-10T04:04:05Z",
        "2025-12-10T12:04:05+08:00",
        "2025-12-10T12:04:05+0800",
        "2025-12-10T04:04:05.000Z",
        "2025-12-10T12:04:05.000+08:00",
        "2025-12-10T04:04:05.000000000Z",
        "2025-12-10 04:04:05",
        "1765339445000",
        "1765339445",
        1765339445000,
    ],
)
def test_every_alibaba_time_format_reads_as_the_same_moment(text):
    assert parse_time(text) == MOMENT


@pytest.mark.parametrize("garbage", ["not-a-time", "2026-13-45T99:99Z", "tomorrow"])
def test_garbage_is_no_time(garbage):
    assert parse_time(garbage) is None


def _epoch_ms(days_from_now: float) -> int:
    moment = datetime.now(UTC) + timedelta(days=days_from_now)
    return int(moment.timestamp() * 1000)


def _offset(days_from_now: float) -> str:
    moment = datetime.now(UTC) + timedelta(days=days_from_now)
    beijing = timezone(timedelta(hours=8))
    return moment.astimezone(beijing).isoformat(timespec="milliseconds")


@pytest.mark.parametrize(
    "expiry",
    [
        pytest.param(_epoch_ms(5), id="epoch-ms"),
        pytest.param(str(_epoch_ms(5)), id="epoch-ms-string"),
        pytest.param(_offset(5), id="offset-with-fraction"),
    ],
)
def test_an_ecs_instance_expiring_in_any_time_format_fails(expiry):
    data = ecs_instances(
        instance("i-soon", InstanceChargeType="PrePaid", ExpiredTime=expiry)
    )
    result = scan(ECS_EXPIRY, data, auto_renew({"i-soon": False}))
    assert result.status is Status.FAIL


def test_an_unreadable_ecs_expiry_time_is_not_checked_not_passed():
    data = ecs_instances(
        instance("i-odd", InstanceChargeType="PrePaid", ExpiredTime="not-a-time")
    )
    result = scan(ECS_EXPIRY, data, auto_renew({"i-odd": False}))
    assert result.status is Status.NOT_CHECKED
    assert "not-a-time" in result.findings[0].detail


def test_an_unreadable_rds_expiry_time_is_not_checked_not_passed():
    data = rds_instances(
        db_instance("rm-odd", PayType="Prepaid", ExpireTime="31/12/2026")
    )
    result = scan(RDS_EXPIRY, data, rds_auto_renewal({"rm-odd": "False"}))
    assert result.status is Status.NOT_CHECKED


def test_a_subscription_ending_in_epoch_milliseconds_fails():
    item = subscription("waf-bss", "waf", 5, "ManualRenewal")
    item["EndTime"] = _epoch_ms(5)
    assert scan(BSS_EXPIRY, subscriptions(item)).status is Status.FAIL


def test_a_subscription_with_an_unreadable_end_time_is_not_checked():
    item = subscription("waf-bss", "waf", 5, "ManualRenewal")
    item["EndTime"] = "garbage"
    assert scan(BSS_EXPIRY, subscriptions(item)).status is Status.NOT_CHECKED


def test_an_unreadable_last_logon_of_a_new_user_is_not_checked_not_passed():
    recent = (datetime.now(UTC) - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    details = {
        "ram": {
            "global": {
                "GetUser": {
                    "by": "UserName",
                    "responses": {
                        "alice": {
                            "User": {
                                "UserName": "alice",
                                "CreateDate": recent,
                                "LastLoginDate": "yesterday-ish",
                            }
                        }
                    },
                }
            }
        }
    }
    result = scan(RECENT_LOGON, ram_users("alice"), login_profiles(["alice"]), details)
    assert result.status is Status.NOT_CHECKED
