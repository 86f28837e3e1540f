"""Items must not fail on a field the API left out.

A resource whose answer lacks the field that decides it (or gives a value the API
documents as "unknown") is reported not checked, naming the field: a missing field
is no evidence of a risk, and incomplete data never passes. The PASS and FAIL cases of
these items are in their own test modules; here each item meets one gap, and the
other resources of the same scan keep their verdicts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest
from ai_data import dlc, eas_service, gpu_server, regional, registry
from data import (
    REGION,
    db_instance,
    disk,
    dsw_instance,
    dsw_instances,
    eas_services,
    ecs_disks,
    ecs_instances,
    instance,
    iso,
    load_balancers,
    oss_buckets,
    password_policy,
    rds_auto_renewal,
    rds_backup_policies,
    rds_instances,
    scan,
)
from data_ha import (
    mongodb_instances,
    rds_attributes,
    redis_instances,
    subscription,
    subscriptions,
)
from data_identity_infra import (
    cluster,
    clusters,
    kms_keys,
    node_pools,
    rds_audit,
    rds_tde,
)

from cloud_checkup.checks import Status


def without(
    fragment: dict[str, Any], field: str, *, of: str | None = None
) -> dict[str, Any]:
    """A copy of ``fragment`` with ``field`` removed wherever it occurs or, given
    ``of``, only in the records of that resource: objects holding the id as a value,
    or stored under it as a key, and what they contain."""

    def strip(value: Any, inside: bool) -> Any:
        if isinstance(value, dict):
            inside = inside or of is None or of in value.values()
            return {
                k: strip(v, inside or k == of)
                for k, v in value.items()
                if not (inside and k == field)
            }
        if isinstance(value, list):
            return [strip(v, inside) for v in value]
        return value

    return strip(copy.deepcopy(fragment), False)


@dataclass(frozen=True)
class Gap:
    """One item meeting an answer without its deciding field.

    Attributes:
        case: what is missing, for the test's name.
        fragments: the dataset, in Alibaba's response shapes.
        resource_id: the resource whose answer has the gap.
        says: words the not-checked finding must contain (the field's name).
        others: the statuses the scan's other resources must keep.
    """

    check_id: str
    case: str
    fragments: tuple[dict[str, Any], ...]
    resource_id: str
    says: str
    others: tuple[tuple[str, Status], ...] = ()


# --- RDS ---------------------------------------------------------------------------

ORDERS, REPORTS = "rm-orders", "rm-reports"


def _two_databases(**fields: Any) -> dict[str, Any]:
    return rds_instances(db_instance(ORDERS, **fields), db_instance(REPORTS, **fields))


def _expiring_databases() -> dict[str, Any]:
    return _two_databases(PayType="Prepaid", ExpireTime=iso(5))


def _renewal_without_a_record_of(instance_id: str) -> dict[str, Any]:
    """Auto-renewal answers in which ``instance_id``'s read succeeded but listed
    only another instance (one that renews)."""
    fragment = rds_auto_renewal({ORDERS: "True", REPORTS: "False"})
    responses = fragment["rds"][REGION]["DescribeInstanceAutoRenewalAttribute"]
    item = responses["responses"][instance_id]["Items"]["Item"][0]
    item["DBInstanceId"], item["AutoRenew"] = "rm-elsewhere", "True"
    return fragment


RDS_GAPS = [
    Gap(
        "rds-instance-tde-byok",
        "no TDEMode",
        (
            _two_databases(),
            rds_tde(
                {
                    ORDERS: {"TDEStatus": "Enabled", "EncryptionKey": ""},
                    REPORTS: ("Enabled", "Aliyun_Generate_Key"),
                }
            ),
        ),
        ORDERS,
        "TDEMode",
        ((REPORTS, Status.FAIL),),
    ),
    Gap(
        "rds-instance-tde-byok",
        "TDEMode Unknown",
        (
            _two_databases(),
            rds_tde({ORDERS: ("Enabled", "Unknown"), REPORTS: ("Disabled", "Unknown")}),
        ),
        ORDERS,
        "TDEMode is Unknown",
    ),
    Gap(
        "rds-instance-tde-byok",
        "no TDEStatus",
        (
            _two_databases(),
            rds_tde(
                {
                    ORDERS: {"TDEMode": "Aliyun_Generate_Key", "EncryptionKey": ""},
                    REPORTS: ("Enabled", "Customer_Provided_Key"),
                }
            ),
        ),
        ORDERS,
        "TDEStatus",
        ((REPORTS, Status.PASS),),
    ),
    Gap(
        "rds-subscription-not-expiring",
        "no record of the instance",
        (_expiring_databases(), _renewal_without_a_record_of(ORDERS)),
        ORDERS,
        "AutoRenew",
        ((REPORTS, Status.FAIL),),
    ),
    Gap(
        "rds-subscription-not-expiring",
        "no AutoRenew",
        (
            _expiring_databases(),
            without(rds_auto_renewal({ORDERS: "True", REPORTS: "True"}), "AutoRenew"),
        ),
        ORDERS,
        "AutoRenew",
    ),
    Gap(
        "rds-instance-sql-audit-enabled",
        "no SQLCollectorStatus",
        (
            _two_databases(),
            without(
                rds_audit({ORDERS: "Enable", REPORTS: "Disabled"}, {}),
                "SQLCollectorStatus",
                of=ORDERS,
            ),
        ),
        ORDERS,
        "SQLCollectorStatus",
        ((REPORTS, Status.FAIL),),
    ),
    Gap(
        "rds-backup-retention",
        "no EnableBackupLog",
        (
            _two_databases(),
            without(
                rds_backup_policies(
                    {ORDERS: {}, REPORTS: {"BackupRetentionPeriod": 3}}
                ),
                "EnableBackupLog",
                of=ORDERS,
            ),
        ),
        ORDERS,
        "EnableBackupLog was not returned",
        ((REPORTS, Status.FAIL),),
    ),
    Gap(
        "rds-instance-multi-zone",
        "no ZoneId",
        (
            _two_databases(),
            without(rds_attributes({ORDERS: {}, REPORTS: {}}), "ZoneId", of=ORDERS),
        ),
        ORDERS,
        "ZoneId",
        ((REPORTS, Status.PASS),),
    ),
]


# --- other databases, ECS, KMS, ACK, billing and RAM -------------------------------

OTHER_GAPS = [
    Gap(
        "redis-instance-multi-zone",
        "no ZoneId",
        (without(redis_instances({"r-cache": {}}), "ZoneId"),),
        "r-cache",
        "ZoneId",
    ),
    Gap(
        "mongodb-instance-multi-zone",
        "no ZoneId",
        (without(mongodb_instances({"dds-docs": {}}), "ZoneId"),),
        "dds-docs",
        "ZoneId",
    ),
    Gap(
        "slb-instance-multi-zone",
        "no SlaveZoneId",
        (
            without(
                load_balancers({"lb-web": ("z-h", "z-i"), "lb-ops": ("z-h", "")}),
                "SlaveZoneId",
                of="lb-web",
            ),
        ),
        "lb-web",
        "SlaveZoneId was not returned",
        (("lb-ops", Status.FAIL),),
    ),
    Gap(
        "slb-instance-multi-zone",
        "no MasterZoneId",
        (without(load_balancers({"lb-web": ("z-h", "z-i")}), "MasterZoneId"),),
        "lb-web",
        "MasterZoneId was not returned",
    ),
    Gap(
        "ecs-instance-release-protection",
        "no DeletionProtection",
        (
            ecs_instances(
                without(instance("i-web1"), "DeletionProtection"), instance("i-web2")
            ),
        ),
        "i-web1",
        "DeletionProtection",
        (("i-web2", Status.FAIL),),
    ),
    Gap(
        "ecs-disk-encrypted",
        "no Encrypted",
        (ecs_disks(without(disk("d-1"), "Encrypted"), disk("d-2", Encrypted=False)),),
        "d-1",
        "Encrypted",
        (("d-2", Status.FAIL),),
    ),
    Gap(
        "ecs-instance-metadata-imdsv2",
        "no HttpTokens",
        (
            ecs_instances(
                instance("i-web1", MetadataOptions={"HttpEndpoint": "enabled"}),
                instance("i-web2", MetadataOptions={"HttpTokens": "optional"}),
            ),
        ),
        "i-web1",
        "HttpTokens",
        (("i-web2", Status.FAIL),),
    ),
    Gap(
        "kms-key-deletion-protection",
        "no DeletionProtection",
        (
            without(
                kms_keys({"key-a": {}, "key-b": {"DeletionProtection": "Disabled"}}),
                "DeletionProtection",
                of="key-a",
            ),
        ),
        "key-a",
        "DeletionProtection",
        (("key-b", Status.FAIL),),
    ),
    Gap(
        "kms-key-rotation-enabled",
        "no AutomaticRotation",
        (without(kms_keys({"key-a": {}}), "AutomaticRotation"),),
        "key-a",
        "AutomaticRotation",
    ),
    Gap(
        "ack-cluster-cloudmonitor",
        "no cms_enabled",
        (
            clusters(cluster("c-shop")),
            without(node_pools({"c-shop": [True, True]}), "cms_enabled"),
        ),
        "c-shop",
        "cms_enabled",
    ),
    Gap(
        "subscription-not-expiring",
        "no RenewStatus",
        (
            subscriptions(
                without(subscription("r-1", "redisa", 5, "AutoRenewal"), "RenewStatus"),
                subscription("eip-1", "eip", 5, "ManualRenewal"),
            ),
        ),
        "redisa:r-1",
        "RenewStatus",
        (("eip:eip-1", Status.FAIL),),
    ),
    Gap(
        "ram-password-policy-strength",
        "no MinimumPasswordLength",
        (without(password_policy(), "MinimumPasswordLength"),),
        "password-policy",
        "MinimumPasswordLength",
    ),
    Gap(
        "ram-password-policy-reuse-and-lockout",
        "no MaxLoginAttemps",
        (without(password_policy(), "MaxLoginAttemps"),),
        "password-policy",
        "MaxLoginAttemps",
    ),
]


# --- PAI ---------------------------------------------------------------------------


def _training_job_without_vpc() -> dict[str, Any]:
    fragment = dlc(good=True)
    del fragment["pai-dlc"][REGION]["ListJobs"]["Jobs"][0]["UserVpc"]
    return fragment


def _services(*services: dict[str, Any]) -> dict[str, Any]:
    body = {"Services": list(services), "TotalCount": len(services), "PageNumber": 1}
    return regional("eas", {"ListServices": body})


PAI_GAPS = [
    Gap(
        "pai-dlc-job-in-vpc",
        "no UserVpc",
        (_training_job_without_vpc(),),
        "dlc-1",
        "UserVpc",
    ),
    Gap(
        "pai-eas-service-safety-lock",
        "no SafetyLock",
        (
            _services(
                without(eas_service("llm"), "SafetyLock"),
                eas_service("ocr", SafetyLock="none"),
            ),
        ),
        "eas-m-llm",
        "SafetyLock",
        (("eas-m-ocr", Status.FAIL),),
    ),
    Gap(
        "pai-eas-service-safety-lock",
        "unknown lock scope",
        (_services(eas_service("llm", SafetyLock="partial")),),
        "eas-m-llm",
        "Unknown lock scope 'partial'",
    ),
    Gap(
        "pai-eas-service-multiple-instances",
        "no TotalInstance",
        (
            without(
                eas_services({"llm": ("Running", 2), "ocr": ("Running", 1)}),
                "TotalInstance",
                of="eas-m-llm",
            ),
        ),
        "eas-m-llm",
        "TotalInstance",
        (("eas-m-ocr", Status.FAIL),),
    ),
    Gap(
        "pai-dlc-job-max-running-time",
        "no JobMaxRunningTimeMinutes",
        (without(dlc(good=True), "JobMaxRunningTimeMinutes"),),
        "dlc-1",
        "JobMaxRunningTimeMinutes",
    ),
    Gap(
        "pai-dsw-instance-in-vpc",
        "no UserVpc",
        (
            dsw_instances(
                without(dsw_instance("dsw-1", []), "UserVpc"),
                dsw_instance("dsw-2", []),
            ),
        ),
        "dsw-1",
        "UserVpc",
        (("dsw-2", Status.PASS),),
    ),
    Gap(
        "pai-dsw-idle-culling-enabled",
        "neither stop returned",
        (
            dsw_instances(
                dsw_instance("dsw-1", []),
                dsw_instance("dsw-2", [])
                | {
                    "IdleInstanceCuller": {"MaxIdleTimeInMinutes": 0},
                    "InstanceShutdownTimer": {"DueTime": ""},
                },
            ),
        ),
        "dsw-1",
        "IdleInstanceCuller.MaxIdleTimeInMinutes and InstanceShutdownTimer.DueTime "
        "were not returned",
        (("dsw-2", Status.FAIL),),
    ),
    Gap(
        "pai-dsw-idle-culling-enabled",
        "culler off, no stop time returned",
        (
            dsw_instances(
                dsw_instance("dsw-1", [])
                | {"IdleInstanceCuller": {"MaxIdleTimeInMinutes": 0}}
            ),
        ),
        "dsw-1",
        "InstanceShutdownTimer.DueTime was not returned",
    ),
    Gap(
        "ecs-gpu-instance-disks-encrypted",
        "no Encrypted",
        (without(gpu_server(good=True), "Encrypted"),),
        "i-gpu",
        "Encrypted was not returned for d-gpu",
    ),
    Gap(
        "ecs-gpu-instance-metadata-token-required",
        "no HttpTokens",
        (without(gpu_server(good=True), "HttpTokens"),),
        "i-gpu",
        "HttpTokens",
    ),
    Gap(
        "cr-repository-tag-immutable",
        "no TagImmutability",
        (without(registry(good=True), "TagImmutability"),),
        "cri-1",
        "TagImmutability was missing or unreadable for models/llm-serving",
    ),
    Gap(
        "cr-repository-private",
        "no RepoType",
        (without(registry(good=True), "RepoType"),),
        "cri-1",
        "RepoType",
    ),
]


# --- OSS (GetBucketInfo) -----------------------------------------------------------

LOGS, SITE = "shop-logs", "shop-site"


def _two_buckets(field: str, **infos: dict[str, Any]) -> dict[str, Any]:
    """Buckets ``shop-logs`` (whose answer leaves out ``field``) and ``shop-site``,
    each with its ``infos`` over the defaults."""
    buckets = oss_buckets({LOGS: infos.get("logs", {}), SITE: infos.get("site", {})})
    return without(buckets, field, of=LOGS)


_NO_SSE = {"ServerSideEncryptionRule": {"SSEAlgorithm": "None"}}
_PUBLIC = {"AccessControlList": {"Grant": "public-read"}}

OSS_GAPS = [
    Gap(
        "oss-bucket-server-side-encryption",
        "no SSEAlgorithm",
        (_two_buckets("SSEAlgorithm", site=_NO_SSE),),
        LOGS,
        "ServerSideEncryptionRule.SSEAlgorithm was not returned",
        ((SITE, Status.FAIL),),
    ),
    Gap(
        "oss-bucket-server-side-encryption",
        "no ServerSideEncryptionRule",
        (_two_buckets("ServerSideEncryptionRule", site=_NO_SSE),),
        LOGS,
        "ServerSideEncryptionRule was not returned",
        ((SITE, Status.FAIL),),
    ),
    Gap(
        "oss-bucket-server-side-encryption",
        "an SSEAlgorithm OSS does not document",
        (oss_buckets({LOGS: {"ServerSideEncryptionRule": {"SSEAlgorithm": "null"}}}),),
        LOGS,
        "ServerSideEncryptionRule.SSEAlgorithm is 'null'",
    ),
    Gap(
        "oss-bucket-logging-enabled",
        "no LogBucket",
        (_two_buckets("LogBucket"),),
        LOGS,
        "BucketPolicy.LogBucket was not returned",
        ((SITE, Status.FAIL),),
    ),
    Gap(
        "oss-bucket-logging-enabled",
        "no BucketPolicy",
        (_two_buckets("BucketPolicy"),),
        LOGS,
        "BucketPolicy was not returned",
        ((SITE, Status.FAIL),),
    ),
    Gap(
        "oss-bucket-not-public",
        "no ACL",
        (_two_buckets("Grant", site=_PUBLIC),),
        LOGS,
        "AccessControlList.Grant was not returned",
        ((SITE, Status.FAIL),),
    ),
    Gap(
        "oss-bucket-not-public",
        "public ACL, no BlockPublicAccess",
        (_two_buckets("BlockPublicAccess", logs=_PUBLIC, site=_PUBLIC),),
        LOGS,
        "BlockPublicAccess was not returned",
        ((SITE, Status.FAIL),),
    ),
    Gap(
        "oss-bucket-cross-region-replication",
        "no CrossRegionReplication",
        (_two_buckets("CrossRegionReplication"),),
        LOGS,
        "CrossRegionReplication was not returned",
        ((SITE, Status.FAIL),),
    ),
    Gap(
        "oss-bucket-zone-redundant-storage",
        "no DataRedundancyType",
        (_two_buckets("DataRedundancyType", site={"DataRedundancyType": "LRS"}),),
        LOGS,
        "DataRedundancyType was not returned",
        ((SITE, Status.FAIL),),
    ),
]

# Names that mark buckets as AI data, so that the AI items judge them.
MODELS, DATASETS = "shop-models", "shop-datasets"


def _two_ai_buckets(field: str, **failing: Any) -> dict[str, Any]:
    """AI buckets: ``shop-models`` without ``field``, ``shop-datasets`` failing."""
    buckets = oss_buckets({MODELS: {}, DATASETS: failing})
    return without(buckets, field, of=MODELS)


AI_BUCKET_GAPS = [
    Gap(
        "oss-ai-bucket-kms-encryption",
        "no SSEAlgorithm",
        (_two_ai_buckets("SSEAlgorithm", **_NO_SSE),),
        MODELS,
        "ServerSideEncryptionRule.SSEAlgorithm was not returned",
        ((DATASETS, Status.FAIL),),
    ),
    Gap(
        "oss-ai-bucket-block-public-access",
        "no BlockPublicAccess",
        (_two_ai_buckets("BlockPublicAccess", BlockPublicAccess="false"),),
        MODELS,
        "BlockPublicAccess was not returned",
        ((DATASETS, Status.FAIL),),
    ),
    Gap(
        "oss-ai-bucket-not-public",
        "no ACL",
        (_two_ai_buckets("Grant", **_PUBLIC),),
        MODELS,
        "AccessControlList.Grant was not returned",
        ((DATASETS, Status.FAIL),),
    ),
]


GAPS = RDS_GAPS + OTHER_GAPS + PAI_GAPS + OSS_GAPS + AI_BUCKET_GAPS


@pytest.mark.parametrize("gap", GAPS, ids=[f"{g.check_id}:{g.case}" for g in GAPS])
def test_a_missing_field_leaves_the_resource_not_checked(gap):
    result = scan(gap.check_id, *gap.fragments)
    by_resource = {f.resource_id: f for f in result.findings}

    finding = by_resource[gap.resource_id]
    assert finding.status is Status.NOT_CHECKED, finding.detail
    assert gap.says in finding.detail

    for resource_id, status in gap.others:
        assert by_resource[resource_id].status is status, by_resource[resource_id]
    assert result.status is (Status.FAIL if result.failed else Status.NOT_CHECKED)


def test_a_shortfall_seen_fails_even_when_another_field_is_missing():
    policy = without(password_policy(RequireSymbols=False), "MinimumPasswordLength")
    result = scan("ram-password-policy-strength", policy)
    assert result.status is Status.FAIL
    assert "a symbol is not required" in result.failed[0].detail


@pytest.mark.parametrize(
    "check_id", ["oss-bucket-versioning", "oss-ai-bucket-versioning"]
)
def test_a_bucket_without_versioning_in_its_answer_fails(check_id):
    # OSS leaves Versioning out of GetBucketInfo until versioning is first enabled:
    # its absence is the documented "never enabled", not a gap.
    buckets = without(oss_buckets({MODELS: {}, DATASETS: {}}), "Versioning", of=MODELS)
    result = scan(check_id, buckets)
    assert {f.resource_id: f.status for f in result.findings} == {
        MODELS: Status.FAIL,
        DATASETS: Status.PASS,
    }
