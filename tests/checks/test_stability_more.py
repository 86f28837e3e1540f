"""Stability items on sandbox data: a passing, a failing, an empty and a denied
account scanned once each for every item, then the API quirks they touch."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from data import (
    REGION,
    db_instance,
    disk,
    ecs_disks,
    ecs_instances,
    failed_ids,
    instance,
    iso,
    merge,
    rds_instances,
    scan,
)
from data_ha import (
    alarm_rule,
    alarm_rules,
    contact_groups,
    mongodb_instances,
    polardb_cluster,
    polardb_clusters,
    product_quotas,
    quota,
    rds_attributes,
    redis_instances,
    regional,
    subscription,
    subscriptions,
)
from four_accounts import FourAccounts
from harness import scan_dataset

import cloud_checkup
from cloud_checkup.checks import Status

DEMO = Path(cloud_checkup.__file__).parent / "resources" / "demo"
ITEMS = (
    "rds-instance-deletion-protection",
    "redis-instance-release-protection",
    "mongodb-instance-release-protection",
    "polardb-cluster-deletion-protection",
    "subscription-not-expiring",
    "quota-usage-below-80-percent",
    "cms-ecs-alarm-rule-coverage",
    "cms-alarm-rule-notifies-contacts",
    "ecs-instance-health-ok",
    "ecs-instance-not-stopped",
    "ecs-disk-not-idle",
    "ecs-instance-os-supported",
    "ecs-instance-type-family-current",
    "ecs-instance-no-auto-release",
)
DENY_ALL = (
    "ecs:DescribeInstances", "ecs:DescribeDisks", "ecs:DescribeInstancesFullStatus",
    "rds:*", "r-kvstore:*", "dds:*", "polardb:*", "bssopenapi:*", "quotas:*",
    "cms:*",
)  # fmt: skip
LINUX3 = "Alibaba Cloud Linux 3.2104 LTS 64 bit"


def health(*statuses: tuple[str, str]) -> dict:
    """DescribeInstancesFullStatus: ``(instance id, HealthStatus name)`` pairs."""
    entries = [
        {
            "InstanceId": instance_id,
            "Status": {"Code": 1, "Name": "Running"},
            "HealthStatus": {"Code": 0, "Name": name},
            "ScheduledSystemEventSet": {"ScheduledSystemEventType": []},
        }
        for instance_id, name in statuses
    ]
    body = {
        "TotalCount": len(entries),
        "InstanceFullStatusSet": {"InstanceFullStatusType": entries},
    }
    return regional("ecs", "DescribeInstancesFullStatus", body)


GOOD = merge(
    ecs_instances(
        instance("i-web1", OSName=LINUX3, AutoReleaseTime=""),
        instance(
            "i-sub",
            InstanceChargeType="PrePaid",
            OSNameEn="Ubuntu  22.04 64 bit",
            OSName="Ubuntu  22.04 64位",
        ),
    ),
    ecs_disks(disk("d-data1")),
    health(("i-web1", "Ok"), ("i-sub", "Ok")),
    rds_instances(db_instance("rm-orders", PayType="Postpaid")),
    rds_attributes({"rm-orders": {}}),
    redis_instances({"r-cache": {}}),
    mongodb_instances({"dds-docs": {}}),
    polardb_clusters(polardb_cluster("pc-orders", ["cn-hangzhou-h"])),
    subscriptions(
        subscription("eip-sub", "eip", 90, "ManualRenewal"),
        subscription("r-x", "redis", 10, "AutoRenewal"),
    ),
    product_quotas(
        {
            "ecs": [
                quota("ecs", "q_security-groups", 100, 10),
                quota("ecs", "q_no-usage", 50, None),
            ],
            "vpc": [quota("vpc", "q_vpc-count", "10", "2")],
        }
    ),
    alarm_rules(alarm_rule("rule-all", [{"resource": "_ALL"}], "ops")),
    contact_groups({"ops": ["alice", "bob"]}),
)

BAD = merge(
    ecs_instances(
        instance(
            "i-old",
            Status="Stopped",
            StoppedMode="KeepCharging",
            OSName="CentOS  7.9 64 bit",
            InstanceType="ecs.s2.large",
            AutoReleaseTime=iso(3),
        ),
        instance("i-web2", OSName=LINUX3),
    ),
    ecs_disks(disk("d-spare", Status="Available", InstanceId="")),
    health(("i-web2", "Impaired")),
    rds_instances(db_instance("rm-orders", PayType="Postpaid")),
    rds_attributes({"rm-orders": {"DeletionProtection": False}}),
    redis_instances({"r-cache": {"InstanceReleaseProtection": False}}),
    # The string "false" is not a truthy value.
    mongodb_instances({"dds-docs": {"DBInstanceReleaseProtection": "false"}}),
    polardb_clusters(polardb_cluster("pc-orders", ["cn-hangzhou-h"], DeletionLock="0")),
    subscriptions(subscription("waf-old", "waf", 10, "NotRenewal")),
    product_quotas(
        {
            "ecs": [quota("ecs", "q_security-groups", 100, 90)],
            "vpc": [quota("vpc", "q_vpc-count", 10, 2)],
        }
    ),
    alarm_rules(alarm_rule("rule-one", [{"instanceId": "i-other"}], "ghost")),
    contact_groups({"ops": ["alice"]}),
)

EMPTY = merge(
    health(),
    product_quotas({"ecs": [], "vpc": []}),
    subscriptions(),
    alarm_rules(),
    contact_groups({}),
)


ACCOUNTS = FourAccounts(
    ITEMS, good=GOOD, bad=BAD, empty=EMPTY, deny=DENY_ALL, region=REGION
)
scanned = ACCOUNTS.scan
test_each_item_on_the_four_accounts = ACCOUNTS.status_test()


def test_failures_say_what_is_wrong():
    bad = scanned("bad")
    (subscription_finding,) = bad.result("subscription-not-expiring").failed
    assert subscription_finding.resource_id == "waf:waf-old"
    assert "no auto-renewal" in subscription_finding.detail
    (os_finding,) = bad.result("ecs-instance-os-supported").failed
    assert "CentOS 7" in os_finding.detail
    (quota_finding,) = bad.result("quota-usage-below-80-percent").failed
    assert quota_finding.resource_id == f"ecs/q_security-groups@{REGION}"
    (contact_finding,) = bad.result("cms-alarm-rule-notifies-contacts").failed
    assert "ghost" in contact_finding.detail


def test_quotas_without_usage_are_skipped():
    result = scanned("good").result("quota-usage-below-80-percent")
    ids = {f.resource_id for f in result.findings}
    assert ids == {f"ecs/q_security-groups@{REGION}", f"vpc/q_vpc-count@{REGION}"}


def test_subscription_products_name_their_product():
    result = scanned("good").result("subscription-not-expiring")
    assert {f.resource_id for f in result.findings} == {"eip:eip-sub", "redis:r-x"}


def test_absent_deletion_protection_is_not_a_pass():
    result = scan(
        "rds-instance-deletion-protection",
        rds_instances(db_instance("rm-orders", PayType="Postpaid")),
        rds_attributes({"rm-orders": {"DeletionProtection": None}}),
    )
    assert result.status is Status.NOT_CHECKED


def test_subscription_database_is_not_judged_for_deletion_protection():
    result = scan(
        "rds-instance-deletion-protection",
        rds_instances(
            db_instance("rm-sub", PayType="Prepaid"),
            db_instance("rm-pay", PayType="Postpaid"),
        ),
        rds_attributes({"rm-pay": {}}),
    )
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"rm-pay"}


def test_alarm_rules_from_every_regional_endpoint_are_counted_once():
    regions = (REGION, "ap-southeast-1")
    result = scan(
        "cms-alarm-rule-notifies-contacts",
        alarm_rules(alarm_rule("rule-1", [{"resource": "_ALL"}]), region="global"),
        contact_groups({"ops": ["alice"]}, region="global"),
        regions=regions,
    )
    assert result.status is Status.PASS
    assert [f.resource_id for f in result.findings] == ["rule-1"]


def test_alarm_rule_resources_are_json_inside_a_string():
    result = scan(
        "cms-ecs-alarm-rule-coverage",
        ecs_instances(instance("i-web1"), instance("i-web2")),
        alarm_rules(
            alarm_rule("rule-1", '[{"instanceId":"i-web1"}]'),
            alarm_rule("rule-off", [{"resource": "_ALL"}], EnableState=False),
            alarm_rule("rule-bad", "not json"),
        ),
    )
    assert failed_ids(result) == {"i-web2"}


def test_os_support_follows_the_scan_time():
    # Ubuntu 22.04 standard support runs to April 2027: supported until then.
    result = scanned("good").result("ecs-instance-os-supported")
    details = {f.resource_id: f.detail for f in result.findings}
    assert details["i-sub"].startswith("Ubuntu 22.04: supported until 2027-04-30")


@cache
def demo_scan():
    return scan_dataset(str(DEMO), ITEMS)


@pytest.mark.parametrize("check_id", ITEMS)
def test_the_demo_account_evaluates_the_item(check_id):
    result = demo_scan().result(check_id)
    assert result.status is not Status.NOT_CHECKED, result.reason


def test_the_demo_account_has_passes_and_fails():
    statuses = {result.status for result in demo_scan().results}
    assert {Status.PASS, Status.FAIL} <= statuses
