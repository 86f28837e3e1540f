"""Redis, MongoDB and PolarDB security and backup items on sandbox data.

Every item passes on a well-configured account, fails on a badly configured one, has
nothing to judge without databases and cannot be checked when its reads are denied
or one database's read fails; then the quirks: enumerations in any case, booleans
and numbers as strings, every spelling of "every address", hidden whitelist groups,
absent versus empty answers, editions without a feature, the two kinds of MongoDB
instance and the same instance returned by two regional endpoints.
"""

from __future__ import annotations

import pytest
from data import REGION, error, failed_ids, merge, scan
from data_databases import (
    mongodb,
    mongodb_attribute,
    polardb,
    polardb_backup,
    polardb_endpoints,
    polardb_ssl,
    polardb_whitelist,
    redis,
    redis_attribute,
    redis_net_info,
    replica_set_roles,
    security_ip_groups,
    sharding_addresses,
)
from four_accounts import FourAccounts

from cloud_checkup.checks import Status, catalogue
from cloud_checkup.checks.applicability import not_applicable_reason

OTHER_REGION = "ap-southeast-1"

# The action whose per-database read each item cannot do without.
ITEMS = {
    "redis-instance-whitelist-not-open": ("r-kvstore", "DescribeSecurityIps"),
    "redis-instance-no-public-endpoint": ("r-kvstore", "DescribeDBInstanceNetInfo"),
    "redis-instance-ssl-enabled": ("r-kvstore", "DescribeInstanceSSL"),
    "redis-instance-tde-enabled": ("r-kvstore", "DescribeInstanceTDEStatus"),
    "redis-instance-audit-log-enabled": ("r-kvstore", "DescribeAuditLogConfig"),
    "redis-instance-backup-retention": ("r-kvstore", "DescribeBackupPolicy"),
    "mongodb-instance-whitelist-not-open": ("dds", "DescribeSecurityIps"),
    "mongodb-instance-no-public-endpoint": ("dds", "DescribeReplicaSetRole"),
    "mongodb-instance-ssl-enabled": ("dds", "DescribeDBInstanceSSL"),
    "mongodb-instance-data-encrypted": ("dds", "DescribeDBInstanceTDEInfo"),
    "mongodb-instance-audit-log-enabled": ("dds", "DescribeAuditPolicy"),
    "mongodb-instance-backup-retention": ("dds", "DescribeBackupPolicy"),
    "polardb-cluster-whitelist-not-open": (
        "polardb",
        "DescribeDBClusterAccessWhitelist",
    ),
    "polardb-cluster-no-public-endpoint": ("polardb", "DescribeDBClusterEndpoints"),
    "polardb-cluster-ssl-enabled": ("polardb", "DescribeDBClusterSSL"),
    "polardb-cluster-tde-enabled": ("polardb", "DescribeDBClusterTDE"),
    "polardb-cluster-audit-log-enabled": (
        "polardb",
        "DescribeDBClusterAuditLogCollector",
    ),
    "polardb-cluster-backup-retention": ("polardb", "DescribeBackupPolicy"),
}
DENY_READS = tuple(f"{product}:{action}" for product, action in ITEMS.values()) + (
    "dds:DescribeShardingNetworkAddress",
)


def good_redis(instance_id: str = "r-good") -> dict:
    return {
        # The hidden group belongs to an Alibaba Cloud service, not to the user.
        "DescribeSecurityIps": security_ip_groups(
            {"default": "10.0.0.0/8", "ali_dms_group": "0.0.0.0/0"},
            hidden=["ali_dms_group"],
        ),
        "DescribeDBInstanceNetInfo": redis_net_info("Private"),
        "DescribeInstanceSSL": {"InstanceId": instance_id, "SSLEnabled": "Enable"},
        "DescribeInstanceAttribute": redis_attribute(instance_id, IsSupportTDE=True),
        "DescribeInstanceTDEStatus": {"TDEStatus": "Enabled"},
        "DescribeAuditLogConfig": {"DbAudit": "true", "Retention": "30"},
        "DescribeBackupPolicy": {"BackupRetentionPeriod": "7"},
    }


def good_mongodb(instance_id: str, kind: str = "replicate") -> dict:
    endpoints = (
        {"DescribeShardingNetworkAddress": sharding_addresses("VPC", "VPC")}
        if kind == "sharding"
        else {"DescribeReplicaSetRole": replica_set_roles("VPC", "VPC")}
    )
    return endpoints | {
        "DescribeSecurityIps": {"SecurityIps": "10.0.0.0/8"}
        | security_ip_groups({"default": "10.0.0.0/8"}),
        "DescribeDBInstanceSSL": {"SSLStatus": "Open", "ForceEncryption": "1"},
        "DescribeDBInstanceTDEInfo": {"TDEStatus": "disabled"},
        "DescribeDBInstanceAttribute": mongodb_attribute(instance_id, Encrypted=True),
        "DescribeAuditPolicy": {"LogAuditStatus": "Enable"},
        "DescribeBackupPolicy": {"BackupRetentionPeriod": "30"},
    }


def good_polardb() -> dict:
    return {
        "DescribeDBClusterAccessWhitelist": polardb_whitelist(
            {"default": "10.0.0.0/8"}
        ),
        "DescribeDBClusterEndpoints": polardb_endpoints("Private"),
        "DescribeDBClusterSSL": polardb_ssl(pe_cluster="Enabled", pe_primary="Enabled"),
        "DescribeDBClusterTDE": {"TDEStatus": "Enabled"},
        "DescribeDBClusterAuditLogCollector": {"CollectorStatus": "Enable"},
        "DescribeBackupPolicy": polardb_backup("7"),
    }


GOOD = merge(
    redis({"r-good": good_redis()}),
    mongodb(
        {
            "dds-replica": good_mongodb("dds-replica"),
            "dds-shards": good_mongodb("dds-shards", "sharding"),
        },
        kinds={"dds-shards": "sharding"},
    ),
    polardb({"pc-good": good_polardb()}),
)

BAD = merge(
    redis(
        {
            "r-bad": {
                "DescribeSecurityIps": security_ip_groups(
                    {"default": "127.0.0.1", "office": "10.0.0.0/8,0.0.0.0/0"}
                ),
                "DescribeDBInstanceNetInfo": redis_net_info("Private", "Public"),
                "DescribeInstanceSSL": {"SSLEnabled": "Disable"},
                "DescribeInstanceAttribute": redis_attribute(
                    "r-bad", IsSupportTDE=True
                ),
                "DescribeInstanceTDEStatus": {"TDEStatus": "Disabled"},
                "DescribeAuditLogConfig": {"DbAudit": "false"},
                "DescribeBackupPolicy": {"BackupRetentionPeriod": "3"},
            }
        }
    ),
    mongodb(
        {
            "dds-bad": {
                "DescribeSecurityIps": {"SecurityIps": "0.0.0.0/0"},
                "DescribeReplicaSetRole": replica_set_roles("VPC", "Public"),
                "DescribeDBInstanceSSL": {"SSLStatus": "Closed"},
                "DescribeDBInstanceTDEInfo": {"TDEStatus": "disabled"},
                "DescribeDBInstanceAttribute": mongodb_attribute(
                    "dds-bad", Encrypted=False
                ),
                "DescribeAuditPolicy": {"LogAuditStatus": "Disabled"},
                "DescribeBackupPolicy": {"BackupRetentionPeriod": "7"},
            }
        }
    ),
    polardb(
        {
            "pc-bad": {
                "DescribeDBClusterAccessWhitelist": polardb_whitelist(
                    {"default": "10.0.0.0/8", "temp": "::/0"}
                ),
                "DescribeDBClusterEndpoints": polardb_endpoints("Private", "Public"),
                "DescribeDBClusterSSL": polardb_ssl(
                    pe_cluster="Enabled", pe_primary="Disabled"
                ),
                "DescribeDBClusterTDE": {"TDEStatus": "Disabled"},
                "DescribeDBClusterAuditLogCollector": {"CollectorStatus": "Disabled"},
                "DescribeBackupPolicy": polardb_backup("3"),
            }
        }
    ),
)

EMPTY = merge(redis({}), mongodb({}), polardb({}))


scanned = FourAccounts(
    ITEMS, good=GOOD, bad=BAD, empty=EMPTY, deny=DENY_READS, region=REGION
).scan


@pytest.mark.parametrize("check_id", ITEMS)
def test_passes_on_a_well_configured_account(check_id):
    result = scanned("good").result(check_id)
    assert result.status is Status.PASS, result.findings
    assert result.findings


@pytest.mark.parametrize("check_id", ITEMS)
def test_fails_on_a_badly_configured_account(check_id):
    result = scanned("bad").result(check_id)
    assert result.status is Status.FAIL, result.findings
    assert len(result.failed) == 1


@pytest.mark.parametrize("check_id", ITEMS)
def test_not_applicable_without_databases(check_id):
    result = scanned("empty").result(check_id)
    assert result.status is Status.NOT_APPLICABLE, result.reason
    reason = not_applicable_reason(catalogue()[check_id], result.findings)
    assert reason.startswith("No ") and "scanned regions" in reason


@pytest.mark.parametrize("check_id", ITEMS)
def test_not_checked_when_the_per_database_read_is_denied(check_id):
    result = scanned("denied").result(check_id)
    assert result.status is Status.NOT_CHECKED
    product, action = ITEMS[check_id]
    # Redis is authorised under its RAM code, kvstore, not its API code.
    ram_product = "kvstore" if product == "r-kvstore" else product
    assert f"{ram_product}:{action}" in result.missing_actions


def _with_one_read_failing(check_id: str) -> dict:
    """Two databases of the item's product, well configured, but one of them
    cannot be read: its answer to the item's action is a server error."""
    product, action = ITEMS[check_id]
    broken = error("InternalError", 500, "the backend failed")
    if product == "r-kvstore":
        return redis(
            {
                "r-ok": good_redis("r-ok"),
                "r-broken": good_redis("r-broken") | {action: broken},
            }
        )
    if product == "dds":
        broken_answers = good_mongodb("dds-broken") | {action: broken}
        if check_id == "mongodb-instance-data-encrypted":
            # An encrypted disk would pass the instance whatever its TDE status.
            plain_disk = mongodb_attribute("dds-broken", Encrypted=False)
            broken_answers["DescribeDBInstanceAttribute"] = plain_disk
        return mongodb({"dds-ok": good_mongodb("dds-ok"), "dds-broken": broken_answers})
    return polardb(
        {"pc-ok": good_polardb(), "pc-broken": good_polardb() | {action: broken}}
    )


@pytest.mark.parametrize("check_id", ITEMS)
def test_one_database_whose_read_fails_is_not_checked_and_never_passes(check_id):
    result = scan(check_id, _with_one_read_failing(check_id))
    assert result.status is Status.NOT_CHECKED
    statuses = {f.resource_id.split("-")[-1]: f.status for f in result.findings}
    assert statuses == {"ok": Status.PASS, "broken": Status.NOT_CHECKED}
    (unknown,) = [f for f in result.findings if f.status is Status.NOT_CHECKED]
    assert "InternalError" in unknown.detail


def test_failures_say_what_is_wrong():
    bad = scanned("bad")
    details = {
        check_id: bad.result(check_id).failed[0].detail
        for check_id in (
            "redis-instance-whitelist-not-open",
            "mongodb-instance-whitelist-not-open",
            "polardb-cluster-whitelist-not-open",
            "polardb-cluster-ssl-enabled",
            "polardb-cluster-backup-retention",
            "mongodb-instance-backup-retention",
        )
    }
    assert details["redis-instance-whitelist-not-open"].endswith("office (0.0.0.0/0)")
    assert details["mongodb-instance-whitelist-not-open"].endswith(
        "default (0.0.0.0/0)"
    )
    assert details["polardb-cluster-whitelist-not-open"].endswith("temp (::/0)")
    assert details["polardb-cluster-ssl-enabled"] == "SSL off on pe_primary"
    assert details["polardb-cluster-backup-retention"] == (
        "Backups kept 3 days, fewer than 7"
    )
    assert details["mongodb-instance-backup-retention"] == (
        "Backups kept 7 days, fewer than 30"
    )


# --- enumerations, booleans and numbers as they arrive -----------------------------


@pytest.mark.parametrize(
    ("check_id", "answers", "expected"),
    [
        (
            "redis-instance-ssl-enabled",
            {"DescribeInstanceSSL": {"SSLEnabled": "ENABLE"}},
            Status.PASS,
        ),
        (
            "redis-instance-audit-log-enabled",
            {"DescribeAuditLogConfig": {"DbAudit": True}},
            Status.PASS,
        ),
        (
            "redis-instance-audit-log-enabled",
            {"DescribeAuditLogConfig": {"DbAudit": "False"}},
            Status.FAIL,
        ),
        (
            "redis-instance-backup-retention",
            {"DescribeBackupPolicy": {"BackupRetentionPeriod": 14}},
            Status.PASS,
        ),
        (
            "redis-instance-backup-retention",
            {"DescribeBackupPolicy": {"BackupRetentionPeriod": "6"}},
            Status.FAIL,
        ),
        (
            "redis-instance-no-public-endpoint",
            {"DescribeDBInstanceNetInfo": redis_net_info("PUBLIC")},
            Status.FAIL,
        ),
    ],
)
def test_redis_reads_values_in_every_form(check_id, answers, expected):
    result = scan(check_id, redis({"r-1": good_redis("r-1") | answers}))
    assert result.status is expected, result.findings


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"DescribeDBInstanceSSL": {"SSLStatus": "open"}}, Status.PASS),
        ({"DescribeDBInstanceSSL": {"SSLStatus": "CLOSED"}}, Status.FAIL),
        # A state the API does not document is not taken for on or off.
        ({"DescribeDBInstanceSSL": {"SSLStatus": "Updating"}}, Status.NOT_CHECKED),
        ({"DescribeDBInstanceSSL": {"ForceEncryption": "1"}}, Status.NOT_CHECKED),
    ],
)
def test_mongodb_ssl_reads_the_status_in_any_case_and_never_guesses(answers, expected):
    data = mongodb({"dds-1": good_mongodb("dds-1") | answers})
    result = scan("mongodb-instance-ssl-enabled", data)
    assert result.status is expected, result.findings


@pytest.mark.parametrize(
    ("level_one", "level_two", "expected", "detail"),
    [
        ("7", "0", Status.PASS, "Backups kept 7 days"),
        (3, 30, Status.PASS, "Level-2 backups kept 30 days"),
        ("3", "-1", Status.PASS, "Level-2 backups kept forever"),
        ("5", None, Status.FAIL, "Backups kept 5 days, fewer than 7"),
        (None, "0", Status.NOT_CHECKED, "DataLevel1BackupRetentionPeriod was not"),
    ],
)
def test_polardb_retention_counts_level_two_backups(
    level_one, level_two, expected, detail
):
    policy = polardb_backup(level_one, level_two)
    data = polardb({"pc-1": good_polardb() | {"DescribeBackupPolicy": policy}})
    result = scan("polardb-cluster-backup-retention", data)
    assert result.status is expected
    assert result.findings[0].detail.startswith(detail)


def test_polardb_advanced_backup_policy_is_not_judged_from_standard_fields():
    policy = polardb_backup("14", BackupPolicyLevel="Advanced")
    data = polardb({"pc-1": good_polardb() | {"DescribeBackupPolicy": policy}})
    result = scan("polardb-cluster-backup-retention", data)
    assert result.status is Status.NOT_CHECKED
    assert "advanced backup policy" in result.findings[0].detail


# --- whitelists: every spelling of "every address" ---------------------------------


@pytest.mark.parametrize("entry", ["0.0.0.0/0", "0.0.0.0", "::/0", "0::0/0", " *"])
def test_every_spelling_of_every_address_fails_each_product(entry):
    groups = {"default": f"10.0.0.0/8,{entry}"}
    redis_result = scan(
        "redis-instance-whitelist-not-open",
        redis({"r-1": {"DescribeSecurityIps": security_ip_groups(groups)}}),
    )
    whitelist = {"DescribeDBClusterAccessWhitelist": polardb_whitelist(groups)}
    polardb_result = scan(
        "polardb-cluster-whitelist-not-open", polardb({"pc-1": whitelist})
    )
    assert redis_result.status is Status.FAIL
    assert polardb_result.status is Status.FAIL


def test_a_narrow_network_that_looks_open_is_not_every_address():
    groups = {"default": "0.0.0.0/8,10.0.0.0/8"}
    result = scan(
        "redis-instance-whitelist-not-open",
        redis({"r-1": {"DescribeSecurityIps": security_ip_groups(groups)}}),
    )
    assert result.status is Status.PASS


def test_mongodb_default_whitelist_is_read_without_groups():
    answer = {"SecurityIps": "10.0.0.0/8,0.0.0.0/0"}
    result = scan(
        "mongodb-instance-whitelist-not-open",
        mongodb({"dds-1": {"DescribeSecurityIps": answer}}),
    )
    assert failed_ids(result) == {"dds-1"}


def test_an_answer_without_whitelists_is_not_a_closed_whitelist():
    result = scan(
        "redis-instance-whitelist-not-open",
        redis({"r-1": {"DescribeSecurityIps": {}}}),
    )
    assert result.status is Status.NOT_CHECKED
    assert result.findings[0].detail == "The whitelists were not returned"


# --- endpoints: absent versus empty, the two kinds of MongoDB instance ------------


def test_endpoints_absent_are_unknown_but_none_at_all_is_private():
    absent = scan(
        "redis-instance-no-public-endpoint",
        redis({"r-1": {"DescribeDBInstanceNetInfo": {"InstanceNetworkType": "VPC"}}}),
    )
    empty = scan(
        "polardb-cluster-no-public-endpoint",
        polardb({"pc-1": {"DescribeDBClusterEndpoints": {"Items": []}}}),
    )
    assert absent.status is Status.NOT_CHECKED
    assert empty.status is Status.PASS


def test_sharded_clusters_are_listed_and_read_with_their_own_action():
    data = mongodb(
        {
            "dds-replica": {"DescribeReplicaSetRole": replica_set_roles("VPC")},
            "dds-shards": {
                "DescribeShardingNetworkAddress": sharding_addresses("VPC", "Public")
            },
        },
        kinds={"dds-shards": "sharding"},
    )
    result = scan("mongodb-instance-no-public-endpoint", data)
    assert {f.resource_id for f in result.findings} == {"dds-replica", "dds-shards"}
    assert failed_ids(result) == {"dds-shards"}
    (shards,) = result.failed
    assert shards.detail == "Public endpoint: s-1.mongodb.rds.aliyuncs.com"


def test_a_public_compatible_connection_of_a_sharded_cluster_fails():
    answer = sharding_addresses("VPC", compatible="public")
    data = mongodb(
        {"dds-shards": {"DescribeShardingNetworkAddress": answer}},
        kinds={"dds-shards": "Sharding"},
    )
    result = scan("mongodb-instance-no-public-endpoint", data)
    assert failed_ids(result) == {"dds-shards"}


# --- editions without a feature ---------------------------------------------------


def test_a_redis_version_without_tls_is_skipped_not_failed():
    unsupported = error("IncorrectEngineVersion", 403, "not supported")
    data = redis(
        {
            "r-old": good_redis("r-old") | {"DescribeInstanceSSL": unsupported},
            "r-new": good_redis("r-new"),
        }
    )
    result = scan("redis-instance-ssl-enabled", data)
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"r-new"}


@pytest.mark.parametrize(
    ("supports", "status", "expected"),
    [
        ("false", "Disabled", None),
        (True, "Disabled", Status.FAIL),
        (None, "Enabled", Status.PASS),
        (None, "Disabled", Status.NOT_CHECKED),
    ],
)
def test_redis_tde_judges_only_editions_that_support_it(supports, status, expected):
    fields = {} if supports is None else {"IsSupportTDE": supports}
    answers = good_redis("r-1") | {
        "DescribeInstanceAttribute": redis_attribute("r-1", **fields),
        "DescribeInstanceTDEStatus": {"TDEStatus": status},
    }
    result = scan("redis-instance-tde-enabled", redis({"r-1": answers}))
    if expected is None:
        assert result.status is Status.NOT_APPLICABLE
        reason = not_applicable_reason(
            catalogue()["redis-instance-tde-enabled"], result.findings
        )
        assert reason == "No Tair instances that support TDE in the scanned regions"
    else:
        assert result.status is expected, result.findings


@pytest.mark.parametrize(
    ("tde", "encrypted", "expected", "detail"),
    [
        ("enabled", False, Status.PASS, "TDE is on"),
        ("disabled", "true", Status.PASS, "The cloud disk is encrypted"),
        ("disabled", False, Status.FAIL, "Neither TDE nor cloud disk encryption"),
        ("disabled", None, Status.NOT_CHECKED, "Encrypted was not returned"),
    ],
)
def test_mongodb_data_is_encrypted_by_tde_or_by_the_cloud_disk(
    tde, encrypted, expected, detail
):
    fields = {} if encrypted is None else {"Encrypted": encrypted}
    answers = good_mongodb("dds-1") | {
        "DescribeDBInstanceTDEInfo": {"TDEStatus": tde},
        "DescribeDBInstanceAttribute": mongodb_attribute("dds-1", **fields),
    }
    result = scan("mongodb-instance-data-encrypted", mongodb({"dds-1": answers}))
    assert result.status is expected
    assert result.findings[0].detail.startswith(detail)


def test_polardb_ssl_without_endpoints_is_unknown():
    answers = good_polardb() | {"DescribeDBClusterSSL": {"Items": []}}
    result = scan("polardb-cluster-ssl-enabled", polardb({"pc-1": answers}))
    assert result.status is Status.NOT_CHECKED


# --- the same instance from two regional endpoints --------------------------------


def test_an_instance_returned_by_two_regional_endpoints_is_judged_once():
    ssl_off = {"DescribeInstanceSSL": {"SSLEnabled": "Disable"}}
    answers = {"r-1": good_redis("r-1") | ssl_off}
    data = merge(redis(answers), redis(answers, region=OTHER_REGION))
    result = scan("redis-instance-ssl-enabled", data, regions=(REGION, OTHER_REGION))
    assert [f.resource_id for f in result.findings] == ["r-1"]
    assert failed_ids(result) == {"r-1"}
