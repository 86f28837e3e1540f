"""Infrastructure check items on sandbox data, with the security group rule quirks."""

from __future__ import annotations

import pytest
from data import (
    db_instance,
    disk,
    ecs_disks,
    failed_ids,
    oss_buckets,
    rds_instances,
    rds_whitelists,
    rule,
    scan,
    security_groups,
    trail,
    trails,
)

from cloud_checkup.checks import Status

SSH = "ecs-security-group-no-public-remote-admin"
DATABASES = "ecs-security-group-no-public-database-ports"


def test_remote_admin_passes_when_ssh_comes_from_the_office_only():
    groups = security_groups(
        {
            "sg-web": [
                rule("443/443", source="0.0.0.0/0"),
                rule("22/22", source="203.0.113.0/24"),
            ]
        }
    )
    assert scan(SSH, groups).status is Status.PASS


def test_remote_admin_fails_when_ssh_is_open_to_the_internet():
    groups = security_groups(
        {
            "sg-web": [rule("443/443", source="0.0.0.0/0")],
            "sg-ops": [rule("22/22", source="0.0.0.0/0")],
        }
    )
    result = scan(SSH, groups)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"sg-ops"}
    assert "SSH port 22" in result.failed[0].detail


@pytest.mark.parametrize(
    "rules",
    [
        pytest.param(
            [rule("3389/3389", protocol="tcp", source="0.0.0.0/0")], id="lower-tcp"
        ),
        pytest.param(
            [rule("-1/-1", protocol="ALL", source="0.0.0.0/0")], id="all-protocols"
        ),
        pytest.param([rule("1/65535", source="0.0.0.0/0")], id="port-range"),
        pytest.param([rule("22/22", ipv6_source="::/0")], id="ipv6-internet"),
        pytest.param(
            [rule("22/22", source="0.0.0.0/0", policy="accept")], id="lower-accept"
        ),
        pytest.param(
            [
                rule("22/22", source="0.0.0.0/0", priority="1"),
                rule("22/22", source="0.0.0.0/0", policy="Drop", priority="10"),
            ],
            id="drop-with-lower-priority",
        ),
    ],
)
def test_remote_admin_sees_through_rule_spellings(rules):
    result = scan(SSH, security_groups({"sg-ops": rules}))
    assert result.status is Status.FAIL


@pytest.mark.parametrize(
    "rules",
    [
        pytest.param(
            [
                rule("22/22", source="0.0.0.0/0", priority="5"),
                rule("22/22", source="0.0.0.0/0", policy="Drop", priority="5"),
            ],
            id="drop-wins-a-tie",
        ),
        pytest.param(
            [
                rule("1/65535", source="0.0.0.0/0", priority="50"),
                rule(
                    "-1/-1",
                    protocol="ALL",
                    source="0.0.0.0/0",
                    policy="drop",
                    priority="1",
                ),
            ],
            id="higher-priority-drop",
        ),
        pytest.param(
            [rule("22/22", protocol="UDP", source="0.0.0.0/0")], id="udp-only"
        ),
        pytest.param([rule("22/22", source="10.0.0.0/8")], id="private-source"),
    ],
)
def test_remote_admin_honours_drop_rules_and_sources(rules):
    result = scan(SSH, security_groups({"sg-ops": rules}))
    assert result.status is Status.PASS


def test_remote_admin_not_checked_when_rules_are_denied():
    groups = security_groups({"sg-ops": [rule("22/22", source="10.0.0.0/8")]})
    result = scan(SSH, groups, deny=["ecs:DescribeSecurityGroupAttribute"])
    assert result.status is Status.NOT_CHECKED


def test_remote_admin_not_applicable_without_security_groups():
    assert scan(SSH, security_groups({})).status is Status.NOT_APPLICABLE


def test_database_ports_pass_when_mysql_is_private():
    groups = security_groups({"sg-db": [rule("3306/3306", source="172.16.0.0/12")]})
    assert scan(DATABASES, groups).status is Status.PASS


def test_database_ports_fail_when_redis_is_open():
    groups = security_groups({"sg-cache": [rule("6379/6379", source="0.0.0.0/0")]})
    result = scan(DATABASES, groups)
    assert result.status is Status.FAIL
    assert "Redis port 6379" in result.failed[0].detail


def test_public_bucket_passes_for_private_and_blocked_buckets():
    buckets = oss_buckets(
        {
            "shop-backups": {"AccessControlList": {"Grant": "private"}},
            "shop-legacy": {
                "AccessControlList": {"Grant": "public-read"},
                "BlockPublicAccess": "true",
            },
        }
    )
    assert scan("oss-bucket-not-public", buckets).status is Status.PASS


def test_public_bucket_fails_for_public_read():
    buckets = oss_buckets(
        {
            "shop-backups": {},
            "shop-static": {"AccessControlList": {"Grant": "public-read"}},
        }
    )
    result = scan("oss-bucket-not-public", buckets)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"shop-static"}


def test_public_bucket_not_applicable_without_buckets():
    assert (
        scan("oss-bucket-not-public", oss_buckets({})).status is Status.NOT_APPLICABLE
    )


def test_bucket_encryption_passes_with_kms():
    buckets = oss_buckets(
        {"shop-backups": {"ServerSideEncryptionRule": {"SSEAlgorithm": "KMS"}}}
    )
    assert scan("oss-bucket-server-side-encryption", buckets).status is Status.PASS


def test_bucket_encryption_fails_without_a_rule():
    buckets = oss_buckets(
        {"shop-static": {"ServerSideEncryptionRule": {"SSEAlgorithm": "None"}}}
    )
    result = scan("oss-bucket-server-side-encryption", buckets)
    assert result.status is Status.FAIL


def test_actiontrail_passes_with_a_multi_region_trail_seen_in_every_region():
    fragments = (
        trails(trail("audit-all"), region="cn-hangzhou"),
        trails(trail("audit-all"), region="ap-southeast-1"),
    )
    result = scan(
        "actiontrail-multi-region-logging",
        *fragments,
        regions=("cn-hangzhou", "ap-southeast-1"),
    )
    assert result.status is Status.PASS
    assert len(result.findings) == 1


def test_actiontrail_fails_with_a_write_only_single_region_trail():
    result = scan(
        "actiontrail-multi-region-logging",
        trails(trail("audit-hz", TrailRegion="cn-hangzhou", EventRW="Write")),
    )
    assert result.status is Status.FAIL
    assert "not all regions" in result.failed[0].detail


def test_actiontrail_fails_without_any_trail():
    result = scan("actiontrail-multi-region-logging", trails())
    assert result.status is Status.FAIL


def test_rds_whitelist_passes_for_private_ranges():
    result = scan(
        "rds-instance-not-open-to-internet",
        rds_instances(db_instance("rm-orders")),
        rds_whitelists({"rm-orders": {"default": "10.0.0.0/8,172.16.1.5"}}),
    )
    assert result.status is Status.PASS


def test_rds_whitelist_fails_for_any_address():
    result = scan(
        "rds-instance-not-open-to-internet",
        rds_instances(db_instance("rm-orders")),
        rds_whitelists({"rm-orders": {"default": "10.0.0.0/8", "temp": "0.0.0.0/0"}}),
    )
    assert result.status is Status.FAIL
    assert "temp" in result.failed[0].detail


def test_disk_encryption_passes_for_encrypted_disks():
    result = scan("ecs-disk-encrypted", ecs_disks(disk("d-data1", Encrypted=True)))
    assert result.status is Status.PASS


def test_disk_encryption_fails_for_a_plain_disk():
    result = scan(
        "ecs-disk-encrypted",
        ecs_disks(disk("d-data1"), disk("d-sys1", Type="system", Encrypted="false")),
    )
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"d-sys1"}
