"""Resilience check items on sandbox data: one passing and one failing account each."""

from __future__ import annotations

from data import (
    db_instance,
    disk,
    ecs_disks,
    error,
    failed_ids,
    load_balancers,
    oss_buckets,
    rds_backup_policies,
    rds_instances,
    scan,
)

from cloud_checkup.checks import Status


def test_rds_ha_passes_for_high_availability_and_skips_read_only():
    result = scan(
        "rds-instance-high-availability",
        rds_instances(
            db_instance("rm-orders"),
            db_instance("rr-orders-ro", DBInstanceType="Readonly", Category="Basic"),
        ),
    )
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"rm-orders"}


def test_rds_ha_fails_for_basic_edition():
    result = scan(
        "rds-instance-high-availability",
        rds_instances(
            db_instance("rm-orders"), db_instance("rm-reports", Category="Basic")
        ),
    )
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"rm-reports"}


def test_rds_ha_not_applicable_without_instances():
    result = scan("rds-instance-high-availability", rds_instances())
    assert result.status is Status.NOT_APPLICABLE


def test_rds_backup_passes_for_a_week_with_log_backup():
    result = scan(
        "rds-backup-retention",
        rds_instances(db_instance("rm-orders")),
        rds_backup_policies({"rm-orders": {}}),
    )
    assert result.status is Status.PASS


def test_rds_backup_fails_for_short_retention_and_string_false_log_backup():
    result = scan(
        "rds-backup-retention",
        rds_instances(db_instance("rm-orders")),
        rds_backup_policies(
            {"rm-orders": {"BackupRetentionPeriod": 3, "EnableBackupLog": "False"}}
        ),
    )
    assert result.status is Status.FAIL
    assert "3 days" in result.failed[0].detail
    assert "log backup is off" in result.failed[0].detail


def test_rds_backup_skips_an_engine_that_does_not_support_the_call():
    result = scan(
        "rds-backup-retention",
        rds_instances(
            db_instance("rm-orders"), db_instance("rm-other", Engine="MariaDB")
        ),
        rds_backup_policies(
            {
                "rm-orders": {},
                "rm-other": error("InstanceEngineType.NotSupport", 403),
            }
        ),
    )
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"rm-orders"}


def test_oss_versioning_passes_when_enabled():
    buckets = oss_buckets({"shop-backups": {"Versioning": "Enabled"}})
    assert scan("oss-bucket-versioning", buckets).status is Status.PASS


def test_oss_versioning_fails_when_suspended_or_never_enabled():
    buckets = oss_buckets(
        {"shop-backups": {"Versioning": "Suspended"}, "shop-static": {"Versioning": ""}}
    )
    result = scan("oss-bucket-versioning", buckets)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"shop-backups", "shop-static"}


def test_slb_multi_zone_passes_with_a_backup_zone():
    balancers = load_balancers({"lb-web": ("cn-hangzhou-h", "cn-hangzhou-i")})
    assert scan("slb-instance-multi-zone", balancers).status is Status.PASS


def test_slb_multi_zone_fails_without_a_backup_zone():
    balancers = load_balancers(
        {
            "lb-web": ("cn-hangzhou-h", "cn-hangzhou-i"),
            "lb-admin": ("cn-hangzhou-h", ""),
        }
    )
    result = scan("slb-instance-multi-zone", balancers)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"lb-admin"}


def test_snapshot_policy_passes_and_ignores_unattached_disks():
    disks = ecs_disks(
        disk("d-data1"),
        disk(
            "d-spare",
            Status="Available",
            AutoSnapshotPolicyId="",
            EnableAutoSnapshot=False,
        ),
    )
    result = scan("ecs-disk-auto-snapshot-policy", disks)
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"d-data1"}


def test_snapshot_policy_fails_for_an_in_use_disk_without_policy():
    disks = ecs_disks(
        disk("d-data1", AutoSnapshotPolicyId="", EnableAutoSnapshot=False)
    )
    result = scan("ecs-disk-auto-snapshot-policy", disks)
    assert result.status is Status.FAIL
