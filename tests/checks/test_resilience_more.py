"""Resilience items on sandbox data: a passing, a failing, an empty and a denied
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
    error,
    failed_ids,
    instance,
    load_balancers,
    merge,
    oss_buckets,
    rds_instances,
    scan,
)
from data_ha import (
    ZONE_H,
    ZONE_I,
    alb_load_balancers,
    alb_server_groups,
    mongodb_instances,
    nlb_load_balancers,
    polardb_cluster,
    polardb_clusters,
    rds_attributes,
    redis_instances,
    scaling_group,
    scaling_groups,
    slb_backends,
    slb_listener,
    slb_listeners,
    snapshot_policies,
    snapshot_policy,
)
from four_accounts import FourAccounts
from harness import scan_dataset

import cloud_checkup
from cloud_checkup.checks import Status
from cloud_checkup.checks._resilience import zones

DEMO = Path(cloud_checkup.__file__).parent / "resources" / "demo"
ITEMS = (
    "slb-backend-servers-multi-zone",
    "slb-listener-health-check-enabled",
    "alb-instance-multi-zone",
    "alb-server-group-health-check-enabled",
    "nlb-instance-multi-zone",
    "rds-instance-multi-zone",
    "redis-instance-multi-zone",
    "mongodb-instance-multi-zone",
    "polardb-cluster-multi-zone",
    "oss-bucket-zone-redundant-storage",
    "oss-bucket-cross-region-replication",
    "ess-scaling-group-multi-zone",
    "ess-scaling-group-health-check",
    "ecs-snapshot-policy-retention",
    "ecs-disk-auto-snapshots-kept-on-release",
)
DENY_ALL = (
    "ecs:DescribeInstances", "ecs:DescribeDisks", "ecs:DescribeAutoSnapshotPolicyEx",
    "slb:*", "alb:*", "nlb:*", "rds:*", "r-kvstore:*", "dds:*",
    "polardb:*", "ess:*", "oss:*",
)  # fmt: skip

GOOD = merge(
    ecs_instances(instance("i-web1", ZoneId=ZONE_H), instance("i-web2", ZoneId=ZONE_I)),
    ecs_disks(disk("d-data1", DeleteAutoSnapshot=False)),
    snapshot_policies(
        snapshot_policy("sp-daily", 7),
        snapshot_policy("sp-forever", "-1"),
        snapshot_policy("sp-unused", 1, disks=0),
    ),
    load_balancers({"lb-web": (ZONE_H, ZONE_I)}),
    slb_backends({"lb-web": ["i-web1", "i-web2"]}),
    slb_listeners(
        slb_listener("lb-web", "http", 80, "on"),
        # Upper-case protocol: the listener config is still found.
        slb_listener("lb-web", "HTTPS", 443, "on"),
    ),
    alb_load_balancers({"alb-web": [ZONE_H, ZONE_I]}),
    alb_server_groups({"sgp-web": True}),
    nlb_load_balancers({"nlb-tcp": [ZONE_H, ZONE_I]}),
    rds_instances(db_instance("rm-orders")),
    # The multi-zone pseudo-zone names both zones at once.
    rds_attributes({"rm-orders": {"ZoneId": f"{REGION}-MAZ6(h,i)", "SlaveZones": {}}}),
    redis_instances({"r-cache": {}}),
    mongodb_instances({"dds-docs": {}}),
    polardb_clusters(polardb_cluster("pc-orders", [ZONE_H, ZONE_I])),
    oss_buckets({"shop-backups": {"CrossRegionReplication": "Enabled"}}),
    scaling_groups(scaling_group("asg-web", ["vsw-h", "vsw-i"])),
)

BAD = merge(
    ecs_instances(instance("i-web1", ZoneId=ZONE_H), instance("i-web2", ZoneId=ZONE_H)),
    # "true" as a string still means the snapshots are deleted.
    ecs_disks(disk("d-data1", DeleteAutoSnapshot="true")),
    snapshot_policies(snapshot_policy("sp-daily", 3)),
    load_balancers(
        {
            "lb-web": (ZONE_H, ZONE_I),
            "lb-one": (ZONE_H, ZONE_I),
            "lb-none": (ZONE_H, ZONE_I),
        }
    ),
    slb_backends({"lb-web": ["i-web1", "i-web2"], "lb-one": ["i-web1"], "lb-none": []}),
    slb_listeners(
        slb_listener("lb-web", "http", 80, "on"),
        slb_listener("lb-web", "tcp", 22, "off"),
    ),
    alb_load_balancers({"alb-web": [ZONE_H]}),
    alb_server_groups({"sgp-web": False}),
    nlb_load_balancers({"nlb-tcp": [ZONE_H]}),
    rds_instances(db_instance("rm-orders"), db_instance("rm-report", Category="Basic")),
    rds_attributes(
        {
            "rm-orders": {"SlaveZones": {"SlaveZone": [{"ZoneId": ZONE_H}]}},
            "rm-report": {"Category": "Basic", "SlaveZones": {}},
        }
    ),
    redis_instances({"r-cache": {"NodeType": "single", "SecondaryZoneId": ""}}),
    mongodb_instances(
        {"dds-docs": {"SecondaryZoneId": ZONE_H, "HiddenZoneId": ZONE_H}}
    ),
    polardb_clusters(polardb_cluster("pc-orders", [ZONE_H, ZONE_H])),
    oss_buckets({"shop-static": {"DataRedundancyType": "LRS"}}),
    scaling_groups(scaling_group("asg-web", ["vsw-h"], HealthCheckType="NONE")),
)

EMPTY = merge(oss_buckets({}))


ACCOUNTS = FourAccounts(
    ITEMS, good=GOOD, bad=BAD, empty=EMPTY, deny=DENY_ALL, region=REGION
)
scanned = ACCOUNTS.scan
test_each_item_on_the_four_accounts = ACCOUNTS.status_test()


def test_failures_name_the_offending_resources():
    bad = scanned("bad")
    assert failed_ids(bad.result("slb-backend-servers-multi-zone")) == {
        "lb-web",
        "lb-one",
        "lb-none",
    }
    assert failed_ids(bad.result("slb-listener-health-check-enabled")) == {
        "lb-web:tcp/22"
    }
    # rm-report is Basic edition: rds-instance-high-availability fails it instead.
    assert failed_ids(bad.result("rds-instance-multi-zone")) == {"rm-orders"}


def test_unused_snapshot_policy_is_not_judged():
    result = scanned("good").result("ecs-snapshot-policy-retention")
    assert {f.resource_id for f in result.findings} == {"sp-daily", "sp-forever"}


def test_zones_reads_multi_zone_and_comma_forms():
    assert zones(["cn-hangzhou-MAZ6(h,i)"]) == {"cn-hangzhou-h", "cn-hangzhou-i"}
    assert zones(["cn-hangzhou-i,cn-hangzhou-j", "", None]) == {
        "cn-hangzhou-i",
        "cn-hangzhou-j",
    }


def test_rds_multi_zone_not_checked_when_only_the_attribute_is_denied():
    result = scan(
        "rds-instance-multi-zone",
        rds_instances(db_instance("rm-orders")),
        rds_attributes({"rm-orders": {}}),
        deny=["rds:DescribeDBInstanceAttribute"],
    )
    assert result.status is Status.NOT_CHECKED
    assert "rds:DescribeDBInstanceAttribute" in result.missing_actions


def test_unreadable_backend_list_never_passes():
    result = scan(
        "slb-backend-servers-multi-zone",
        ecs_instances(
            instance("i-web1", ZoneId=ZONE_H), instance("i-web2", ZoneId=ZONE_I)
        ),
        load_balancers({"lb-web": (ZONE_H, ZONE_I), "lb-two": (ZONE_H, ZONE_I)}),
        slb_backends(
            {"lb-web": ["i-web1", "i-web2"], "lb-two": error("UnknownError", 400)}
        ),
    )
    assert result.status is Status.NOT_CHECKED
    assert {f.status for f in result.findings} == {Status.PASS, Status.NOT_CHECKED}


def test_listener_without_a_health_check_field_is_not_checked():
    result = scan(
        "slb-listener-health-check-enabled",
        slb_listeners(slb_listener("lb-web", "udp", 53, None)),
    )
    assert result.status is Status.NOT_CHECKED


def test_scaling_groups_are_read_past_the_first_page():
    groups = [scaling_group(f"asg-{n:02d}", ["vsw-h", "vsw-i"]) for n in range(60)]
    groups.append(scaling_group("asg-last", ["vsw-h"]))
    result = scan("ess-scaling-group-multi-zone", scaling_groups(*groups))
    assert len(result.findings) == 61
    assert failed_ids(result) == {"asg-last"}


def test_inactive_scaling_groups_are_not_judged():
    result = scan(
        "ess-scaling-group-health-check",
        scaling_groups(
            scaling_group("asg-old", ["vsw-h"], LifecycleState="Inactive",
                          HealthCheckType="NONE"),
            scaling_group("asg-new", ["vsw-h"], HealthCheckTypes={
                "HealthCheckType": ["ECS", "LOAD_BALANCER"]}),
        ),
    )  # fmt: skip
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"asg-new"}


def test_redis_pseudo_zone_counts_as_two_zones():
    result = scan(
        "redis-instance-multi-zone",
        redis_instances(
            {"r-cache": {"ZoneId": f"{REGION}-MAZ10(h,i)", "SecondaryZoneId": ""}}
        ),
    )
    assert result.status is Status.PASS


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
