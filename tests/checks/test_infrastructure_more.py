"""Infrastructure items added for CIS coverage (OSS, ActionTrail, RDS, ECS, VPC, KMS,
ACK, Security Center): PASS, FAIL, not-applicable and not-checked accounts, each
scanned once with every item, plus the API quirks these items meet."""

from __future__ import annotations

import copy
from functools import cache

import pytest
from data import (
    REGION,
    db_instance,
    ecs_instances,
    error,
    failed_ids,
    instance,
    merge,
    oss_buckets,
    rds_instances,
    rule,
    scan,
    security_groups,
    trail,
    trails,
)
from data_identity_infra import (
    HTTPS_ONLY,
    PUBLIC_READ,
    bucket_policies,
    cluster,
    cluster_addons,
    cluster_checks,
    clusters,
    kms_keys,
    node_pools,
    rds_audit,
    rds_parameters,
    rds_ssl,
    rds_tde,
    sas,
    vpcs_with_flow_logs,
)
from harness import base_dataset, scan_dataset

from cloud_checkup.checks import Status

# Items whose only record is an account-wide setting: never "not applicable".
ACCOUNT_WIDE = ("sas-edition-advanced-or-enterprise",)
PER_RESOURCE = (
    "oss-bucket-logging-enabled",
    "oss-bucket-https-only",
    "oss-bucket-policy-no-anonymous-access",
    "actiontrail-bucket-not-public",
    "rds-instance-ssl-enabled",
    "rds-instance-sql-audit-enabled",
    "rds-instance-sql-audit-retention",
    "rds-instance-tde-enabled",
    "rds-instance-tde-byok",
    "rds-postgresql-connection-logging",
    "ecs-instance-metadata-imdsv2",
    "ecs-instance-in-vpc",
    "ecs-security-group-no-all-ports-open",
    "vpc-flow-logs-enabled",
    "kms-key-rotation-enabled",
    "kms-key-deletion-protection",
    "ack-cluster-private-api-server",
    "ack-cluster-log-service",
    "ack-cluster-no-dashboard",
    "ack-cluster-network-policy",
    "ack-cluster-eni-multi-ip",
    "ack-cluster-cloudmonitor",
    "ack-cluster-check-weekly",
    "ack-cluster-supported-version",
    "sas-agent-on-all-servers",
    "sas-notification-enabled",
    "sas-vulnerability-scan-enabled",
)
ITEMS = ACCOUNT_WIDE + PER_RESOURCE
DENY_ALL = [
    f"{product}:*"
    for product in ("oss", "actiontrail", "rds", "vpc", "kms", "cs", "sas")
] + [
    # Not ecs:*, which would deny DescribeRegions and stop the whole scan.
    "ecs:DescribeInstances",
    "ecs:DescribeSecurityGroups",
    "ecs:DescribeSecurityGroupAttribute",
]
IMDSV2 = {"HttpEndpoint": "enabled", "HttpTokens": "required"}
LOGGED = {"BucketPolicy": {"LogBucket": "shop-logs", "LogPrefix": "access/"}}
MYSQL, POSTGRES = "rm-mysql", "rm-pg"


def _databases():
    return rds_instances(
        db_instance(MYSQL),
        db_instance(POSTGRES, Engine="PostgreSQL", EngineVersion="15.0"),
    )


def _passing():
    return merge(
        oss_buckets({"shop-audit": LOGGED, "shop-logs": LOGGED}),
        bucket_policies({"shop-audit": HTTPS_ONLY, "shop-logs": HTTPS_ONLY}),
        trails(trail("audit", OssBucketName="shop-audit")),
        _databases(),
        rds_ssl({MYSQL: "Yes", POSTGRES: "on"}),
        rds_tde(
            {
                MYSQL: ("Enabled", "Customer_Provided_Key"),
                POSTGRES: error("InstanceEngineType.NotSupport", 403),
            }
        ),
        rds_audit(
            {MYSQL: "Enable", POSTGRES: "Enable"}, {MYSQL: "365", POSTGRES: "180"}
        ),
        rds_parameters(
            {
                POSTGRES: dict.fromkeys(
                    ("log_connections", "log_disconnections", "log_duration"), "on"
                )
            }
        ),
        ecs_instances(
            instance("i-web1", MetadataOptions=IMDSV2, InstanceNetworkType="vpc")
        ),
        security_groups({"sg-web": [rule("443/443", source="0.0.0.0/0")]}),
        vpcs_with_flow_logs({"vpc-shop": "Active"}),
        kms_keys({"key-orders": {}}),
        clusters(cluster("c-shop")),
        cluster_addons({"c-shop": ["terway-eniip", "logtail-ds", "metrics-server"]}),
        node_pools({"c-shop": [True, True]}),
        cluster_checks({"c-shop": 2}),
        sas(),
    )


def _failing():
    return merge(
        oss_buckets(
            {
                "shop-audit": {"AccessControlList": {"Grant": "public-read"}},
                "shop-static": {},
            }
        ),
        bucket_policies({"shop-static": PUBLIC_READ}),
        trails(trail("audit", OssBucketName="shop-audit")),
        _databases(),
        rds_ssl({MYSQL: "No", POSTGRES: "off"}),
        rds_tde(
            {
                MYSQL: ("Disabled", "Unknown"),
                POSTGRES: ("Enabled", "Aliyun_Generate_Key"),
            }
        ),
        rds_audit(
            {MYSQL: "Disabled", POSTGRES: "Enable"}, {MYSQL: "30", POSTGRES: "30"}
        ),
        rds_parameters(
            {
                POSTGRES: {
                    "log_connections": "on",
                    "log_disconnections": "on",
                    "log_duration": "off",
                }
            }
        ),
        ecs_instances(
            instance(
                "i-web1",
                MetadataOptions={"HttpEndpoint": "enabled", "HttpTokens": "optional"},
                InstanceNetworkType="classic",
            )
        ),
        security_groups(
            {"sg-open": [rule("-1/-1", protocol="ALL", source="0.0.0.0/0")]}
        ),
        vpcs_with_flow_logs({"vpc-shop": None, "vpc-old": "Inactive"}),
        kms_keys(
            {
                "key-orders": {
                    "AutomaticRotation": "Disabled",
                    "DeletionProtection": "Disabled",
                }
            }
        ),
        clusters(cluster("c-shop", public=True, version="1.24.6-aliyun.1")),
        cluster_addons({"c-shop": ["flannel", "kubernetes-dashboard"]}),
        node_pools({"c-shop": [True, False]}),
        cluster_checks({"c-shop": 30}),
        sas(
            version=1,
            agents={"i-web1": "offline"},
            route=0,
            vul={"cve": "off", "sys": "on", "cms": "on", "emg": "on"},
        ),
    )


def _empty():
    return merge(
        oss_buckets({}),
        trails(),
        rds_instances(),
        ecs_instances(),
        security_groups({}),
        vpcs_with_flow_logs({}),
        kms_keys({}),
        clusters(),
        sas(agents={}, vul={}),
    )


@cache
def _scan(world: str):
    builders = {"passing": _passing, "failing": _failing, "empty": _empty}
    services = builders.get(world, _passing)()
    if world == "empty":
        services["sas"]["global"]["DescribeNoticeConfig"] = {"NoticeConfigList": []}
    deny = DENY_ALL if world == "denied" else []
    dataset = base_dataset(services, regions=(REGION,), deny=deny)
    return scan_dataset(dataset, ITEMS)


def _result(world, check_id):
    result = _scan(world).result(check_id)
    assert result is not None, f"{check_id} was not evaluated"
    return result


@pytest.mark.parametrize("check_id", ITEMS)
def test_item_passes_on_a_well_configured_account(check_id):
    result = _result("passing", check_id)
    assert result.status is Status.PASS, [f.detail for f in result.findings]


@pytest.mark.parametrize("check_id", ITEMS)
def test_item_fails_on_a_misconfigured_account(check_id):
    result = _result("failing", check_id)
    assert result.status is Status.FAIL, [f.detail for f in result.findings]


@pytest.mark.parametrize("check_id", PER_RESOURCE)
def test_item_is_not_applicable_without_resources(check_id):
    result = _result("empty", check_id)
    assert result.status is Status.NOT_APPLICABLE, result.reason


@pytest.mark.parametrize("check_id", ITEMS)
def test_item_is_not_checked_when_its_reads_are_denied(check_id):
    result = _result("denied", check_id)
    assert result.status is Status.NOT_CHECKED
    assert result.missing_actions


def test_failures_name_the_offending_resources():
    failing = _scan("failing")
    assert failed_ids(failing.result("oss-bucket-https-only")) == {
        "shop-audit",
        "shop-static",
    }
    assert failed_ids(failing.result("oss-bucket-policy-no-anonymous-access")) == {
        "shop-static"
    }
    assert failed_ids(failing.result("rds-instance-tde-enabled")) == {MYSQL}
    assert failed_ids(failing.result("rds-instance-tde-byok")) == {POSTGRES}
    # Audit retention is judged only where audit is on.
    assert failed_ids(failing.result("rds-instance-sql-audit-retention")) == {POSTGRES}
    assert failed_ids(failing.result("vpc-flow-logs-enabled")) == {
        "vpc-shop",
        "vpc-old",
    }


# --- quirks ------------------------------------------------------------------------


def test_engine_without_tde_is_skipped_without_failing_the_others():
    result = _result("passing", "rds-instance-tde-enabled")
    assert {f.resource_id for f in result.findings} == {MYSQL}


def test_string_booleans_of_ssl_status_in_each_engine_spelling():
    result = _result("passing", "rds-instance-ssl-enabled")
    passed = {f.resource_id for f in result.findings if f.status is Status.PASS}
    assert passed == {MYSQL, POSTGRES}


def test_postgresql_parameters_are_read_only_for_postgresql():
    result = _result("passing", "rds-postgresql-connection-logging")
    assert {f.resource_id for f in result.findings} == {POSTGRES}


def test_all_ports_open_over_ipv6_fails():
    group = security_groups(
        {"sg-v6": [rule("1/65535", protocol="TCP", ipv6_source="::/0")]}
    )
    result = scan("ecs-security-group-no-all-ports-open", group)
    assert result.status is Status.FAIL
    assert "::/0" in result.failed[0].detail


def test_drop_rule_at_the_same_priority_wins_over_all_ports_accept():
    group = security_groups(
        {
            "sg-web": [
                rule("-1/-1", protocol="all", source="0.0.0.0/0", priority="5"),
                rule(
                    "-1/-1",
                    protocol="ALL",
                    source="0.0.0.0/0",
                    policy="drop",
                    priority="5",
                ),
            ]
        }
    )
    assert scan("ecs-security-group-no-all-ports-open", group).status is Status.PASS


def test_partial_port_range_is_not_all_ports():
    group = security_groups({"sg-web": [rule("1/1024", source="0.0.0.0/0")]})
    assert scan("ecs-security-group-no-all-ports-open", group).status is Status.PASS


def test_absent_metadata_options_are_not_a_pass():
    result = scan("ecs-instance-metadata-imdsv2", ecs_instances(instance("i-old")))
    assert result.status is Status.NOT_CHECKED


def test_unreadable_master_url_json_is_not_a_pass():
    broken = cluster("c-shop") | {"master_url": "{not json"}
    result = scan("ack-cluster-private-api-server", clusters(broken))
    assert result.status is Status.NOT_CHECKED


def test_multi_region_trail_is_judged_once_per_bucket():
    fragments = [
        oss_buckets({"shop-audit": {}}),
        bucket_policies({}),
        trails(trail("audit", OssBucketName="shop-audit")),
        trails(trail("audit", OssBucketName="shop-audit"), region="ap-southeast-1"),
    ]
    result = scan(
        "actiontrail-bucket-not-public",
        *fragments,
        regions=(REGION, "ap-southeast-1"),
    )
    assert [f.resource_id for f in result.findings] == ["shop-audit"]
    assert result.status is Status.PASS


def test_trail_bucket_of_another_account_is_not_checked():
    result = scan(
        "actiontrail-bucket-not-public",
        oss_buckets({}),
        trails(trail("audit", OssBucketName="central-audit-logs")),
    )
    assert result.status is Status.NOT_CHECKED


def test_bucket_policy_limited_to_source_addresses_is_not_anonymous():
    limited = copy.deepcopy(PUBLIC_READ)
    limited["Statement"][0]["Condition"] = {
        "IpAddress": {"acs:SourceIp": ["203.0.113.0/24"]}
    }
    result = scan(
        "oss-bucket-policy-no-anonymous-access",
        oss_buckets({"shop-static": {}}),
        bucket_policies({"shop-static": limited}),
    )
    assert result.status is Status.PASS


def test_service_managed_and_imported_keys_are_left_out():
    keys = kms_keys(
        {
            "key-oss": {"Creator": "Oss", "AutomaticRotation": "Disabled"},
            "key-byok": {"Origin": "EXTERNAL", "AutomaticRotation": "Disabled"},
        }
    )
    assert scan("kms-key-rotation-enabled", keys).status is Status.NOT_APPLICABLE


def test_serverless_cluster_without_node_pools_is_not_judged_on_cloudmonitor():
    result = scan(
        "ack-cluster-cloudmonitor",
        clusters(cluster("c-serverless")),
        node_pools({"c-serverless": []}),
    )
    assert result.status is Status.NOT_APPLICABLE


def test_multi_version_security_center_counts_its_highest_edition():
    fragment = sas()
    fragment["sas"]["global"]["DescribeVersionConfig"] = {
        "Version": 8,
        "HighestVersion": 3,
    }
    result = scan("sas-edition-advanced-or-enterprise", fragment)
    assert result.status is Status.PASS
