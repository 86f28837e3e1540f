"""Builders of small sandbox datasets in Alibaba's own response shapes, for check tests.

Each builder returns a ``services`` fragment (``product -> region -> Action -> body``);
``scan`` merges fragments into one dataset and runs one check through the real sandbox,
HTTP client and engine.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from harness import base_dataset, scan_dataset

from cloud_checkup.app.model import ItemResult

REGION = "cn-hangzhou"
GLOBAL = "global"


# --- assembling and scanning -------------------------------------------------------


def merge(*fragments: Mapping[str, Any]) -> dict[str, Any]:
    """One ``services`` mapping from several fragments (later ones win per action)."""
    merged: dict[str, Any] = {}
    for fragment in fragments:
        for product, regions in fragment.items():
            for region, actions in regions.items():
                target = merged.setdefault(product, {}).setdefault(region, {})
                target.update(copy.deepcopy(actions))
    return merged


def scan(
    check_id: str,
    *fragments: Mapping[str, Any],
    deny: Iterable[str] = (),
    regions: Iterable[str] = (REGION,),
) -> ItemResult:
    """Scan a dataset made of ``fragments`` with one check and return its result."""
    dataset = base_dataset(merge(*fragments), regions=tuple(regions), deny=deny)
    result = scan_dataset(dataset, [check_id]).result(check_id)
    assert result is not None, f"{check_id} was not evaluated"
    return result


def failed_ids(result: ItemResult) -> set[str]:
    return {finding.resource_id for finding in result.failed}


def error(code: str, status: int = 404, message: str = "") -> dict[str, Any]:
    """A dataset entry that answers with an Alibaba error."""
    return {"$error": {"Code": code, "HttpStatus": status, "Message": message or code}}


def iso(days_from_now: float, *, seconds: bool = True) -> str:
    """A UTC time relative to now in Alibaba's format (ECS omits the seconds)."""
    moment = datetime.now(UTC) + timedelta(days=days_from_now)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ" if seconds else "%Y-%m-%dT%H:%MZ")


def _regional(product: str, action: str, body: Any, region: str) -> dict[str, Any]:
    return {product: {region: {action: body}}}


def _per_resource(
    product: str, action: str, by: str, responses: Mapping[str, Any], region: str
) -> dict[str, Any]:
    return {product: {region: {action: {"by": by, "responses": dict(responses)}}}}


# --- RAM and IMS -------------------------------------------------------------------


def ram_users(*names: str) -> dict[str, Any]:
    users = [
        {
            "UserName": name,
            "UserId": f"2{index:015d}",
            "DisplayName": name,
            "CreateDate": "2024-03-01T08:00:00Z",
            "UpdateDate": "2024-03-01T08:00:00Z",
            "Comments": "",
        }
        for index, name in enumerate(names, start=1)
    ]
    body = {"IsTruncated": False, "Users": {"User": users}}
    return _regional("ram", "ListUsers", body, GLOBAL)


def login_profiles(with_console: Iterable[str], without: Iterable[str] = ()) -> dict:
    responses: dict[str, Any] = {
        name: {
            "LoginProfile": {
                "UserName": name,
                "PasswordResetRequired": False,
                "MFABindRequired": False,
                "CreateDate": "2024-03-01T08:00:00Z",
            }
        }
        for name in with_console
    }
    for name in without:
        responses[name] = error("EntityNotExist.User.LoginProfile")
    return _per_resource("ram", "GetLoginProfile", "UserName", responses, GLOBAL)


def mfa_devices(with_mfa: Iterable[str], without: Iterable[str] = ()) -> dict:
    responses: dict[str, Any] = {
        name: {
            "MFADevice": {
                "SerialNumber": f"acs:ram::1234567890123456:mfa/{name}",
                "Type": "VMFA",
            }
        }
        for name in with_mfa
    }
    for name in without:
        responses[name] = error("EntityNotExist.User.MFADevice")
    return _per_resource("ram", "GetUserMFAInfo", "UserName", responses, GLOBAL)


def access_keys(keys_by_user: Mapping[str, list[tuple[str, str, float]]]) -> dict:
    """``{user: [(AccessKeyId, Status, age in days), ...]}`` (ListAccessKeys)."""
    responses = {
        user: {
            "AccessKeys": {
                "AccessKey": [
                    {"AccessKeyId": key_id, "Status": status, "CreateDate": iso(-age)}
                    for key_id, status, age in keys
                ]
            }
        }
        for user, keys in keys_by_user.items()
    }
    return _per_resource("ram", "ListAccessKeys", "UserName", responses, GLOBAL)


def user_policies(policies_by_user: Mapping[str, list[tuple[str, str]]]) -> dict:
    """``{user: [(PolicyName, PolicyType), ...]}`` as ListPoliciesForUser answers."""
    responses = {
        user: {
            "Policies": {
                "Policy": [
                    {
                        "PolicyName": name,
                        "PolicyType": kind,
                        "DefaultVersion": "v1",
                        "Description": "",
                        "AttachDate": "2024-03-02T08:00:00Z",
                    }
                    for name, kind in policies
                ]
            }
        }
        for user, policies in policies_by_user.items()
    }
    return _per_resource("ram", "ListPoliciesForUser", "UserName", responses, GLOBAL)


def user_details(last_login_days_ago: Mapping[str, float | None]) -> dict:
    responses = {}
    for name, days in last_login_days_ago.items():
        user = {
            "UserName": name,
            "UserId": "2000000000000001",
            "DisplayName": name,
            "CreateDate": "2024-03-01T08:00:00Z",
        }
        if days is not None:
            user["LastLoginDate"] = iso(-days)
        responses[name] = {"User": user}
    return _per_resource("ram", "GetUser", "UserName", responses, GLOBAL)


def password_policy(**overrides: Any) -> dict:
    """GetPasswordPolicy; the defaults are a policy that passes every check."""
    policy = {
        "MinimumPasswordLength": 14,
        "RequireLowercaseCharacters": True,
        "RequireUppercaseCharacters": True,
        "RequireNumbers": True,
        "RequireSymbols": True,
        "HardExpiry": False,
        "MaxPasswordAge": 90,
        "PasswordReusePrevention": 5,
        "MaxLoginAttemps": 5,
    } | overrides
    return _regional("ram", "GetPasswordPolicy", {"PasswordPolicy": policy}, GLOBAL)


def security_report(*, root_keys: int = 0, root_mfa: bool = True) -> dict:
    body = {
        "AccountSecurityPracticeInfo": {
            "Score": 80,
            "AccountSecurityPracticeUserInfo": {
                "BindMfa": root_mfa,
                "RootWithAccessKey": root_keys,
                "SubUser": 3,
                "SubUserBindMfa": 1,
                "SubUserWithOldAccessKey": 1,
                "SubUserWithUnusedAccessKey": 0,
                "OldAkNum": 1,
                "UnusedAkNum": 0,
            },
        }
    }
    return _regional("ims", "GetAccountSecurityPracticeReport", body, GLOBAL)


# --- ECS ---------------------------------------------------------------------------


def instance(instance_id: str, **fields: Any) -> dict[str, Any]:
    """One DescribeInstances instance; ``fields`` override the defaults."""
    return {
        "InstanceId": instance_id,
        "InstanceName": instance_id.replace("i-", "web-"),
        "RegionId": REGION,
        "ZoneId": f"{REGION}-h",
        "Status": "Running",
        "InstanceType": "ecs.g7.large",
        "InstanceChargeType": "PostPaid",
        "ExpiredTime": "2099-12-31T15:59Z",
        "DeletionProtection": False,
        "GPUAmount": 0,
        "PublicIpAddress": {"IpAddress": []},
        "EipAddress": {"AllocationId": "", "IpAddress": ""},
        "InnerIpAddress": {"IpAddress": []},
        "VpcAttributes": {"VpcId": "vpc-shop", "PrivateIpAddress": {"IpAddress": []}},
    } | fields


def ecs_instances(*instances: Mapping[str, Any], region: str = REGION) -> dict:
    body = {"Instances": {"Instance": list(instances)}}
    return _regional("ecs", "DescribeInstances", body, region)


def auto_renew(settings: Mapping[str, bool]) -> dict:
    responses = {
        instance_id: {
            "InstanceRenewAttributes": {
                "InstanceRenewAttribute": [
                    {
                        "InstanceId": instance_id,
                        "AutoRenewEnabled": enabled,
                        "Duration": 1,
                        "PeriodUnit": "Month",
                        "RenewalStatus": "AutoRenewal" if enabled else "Normal",
                    }
                ]
            }
        }
        for instance_id, enabled in settings.items()
    }
    return _per_resource(
        "ecs", "DescribeInstanceAutoRenewAttribute", "InstanceId", responses, REGION
    )


def disk(disk_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "DiskId": disk_id,
        "DiskName": disk_id.replace("d-", "disk-"),
        "RegionId": REGION,
        "ZoneId": f"{REGION}-h",
        "Type": "data",
        "Category": "cloud_essd",
        "Size": 100,
        "Status": "In_use",
        "InstanceId": "i-web1",
        "Encrypted": True,
        "KMSKeyId": "",
        "EnableAutoSnapshot": True,
        "AutoSnapshotPolicyId": "sp-daily",
        "DeleteWithInstance": True,
    } | fields


def ecs_disks(*disks: Mapping[str, Any]) -> dict:
    return _regional("ecs", "DescribeDisks", {"Disks": {"Disk": list(disks)}}, REGION)


def rule(
    port_range: str,
    *,
    protocol: str = "TCP",
    source: str = "",
    ipv6_source: str = "",
    policy: str = "Accept",
    priority: str = "1",
) -> dict[str, Any]:
    """One ingress rule as DescribeSecurityGroupAttribute returns it."""
    return {
        "Direction": "ingress",
        "IpProtocol": protocol,
        "PortRange": port_range,
        "SourceCidrIp": source,
        "Ipv6SourceCidrIp": ipv6_source,
        "SourceGroupId": "",
        "Policy": policy,
        "Priority": priority,
        "NicType": "intranet",
        "CreateTime": "2024-03-01T08:00:00Z",
        "Description": "",
    }


def security_groups(rules_by_group: Mapping[str, list[dict[str, Any]]]) -> dict:
    """Security groups (DescribeSecurityGroups) with their rules (…Attribute)."""
    groups = [
        {
            "SecurityGroupId": group_id,
            "SecurityGroupName": group_id.replace("sg-", ""),
            "VpcId": "vpc-shop",
            "SecurityGroupType": "normal",
            "ServiceManaged": False,
        }
        for group_id in rules_by_group
    ]
    attributes = {
        group_id: {
            "SecurityGroupId": group_id,
            "RegionId": REGION,
            "VpcId": "vpc-shop",
            "InnerAccessPolicy": "Accept",
            "Permissions": {"Permission": rules},
        }
        for group_id, rules in rules_by_group.items()
    }
    return merge(
        _regional(
            "ecs",
            "DescribeSecurityGroups",
            {"SecurityGroups": {"SecurityGroup": groups}},
            REGION,
        ),
        _per_resource(
            "ecs",
            "DescribeSecurityGroupAttribute",
            "SecurityGroupId",
            attributes,
            REGION,
        ),
    )


def full_status(events_by_instance: Mapping[str, list[tuple[str, str]]]) -> dict:
    """``{instance: [(EventType name, EventCycleStatus name), ...]}``."""
    statuses = [
        {
            "InstanceId": instance_id,
            "Status": {"Code": 1, "Name": "Running"},
            "HealthStatus": {"Code": 0, "Name": "Ok"},
            "ScheduledSystemEventSet": {
                "ScheduledSystemEventType": [
                    {
                        "EventId": f"e-{instance_id}-{index}",
                        "EventType": {"Code": 1, "Name": kind},
                        "EventCycleStatus": {"Code": 24, "Name": state},
                        "EventPublishTime": iso(-1),
                        "NotBefore": iso(5),
                    }
                    for index, (kind, state) in enumerate(events)
                ]
            },
        }
        for instance_id, events in events_by_instance.items()
    ]
    body = {
        "TotalCount": len(statuses),
        "PageNumber": 1,
        "PageSize": 100,
        "InstanceFullStatusSet": {"InstanceFullStatusType": statuses},
    }
    return _regional("ecs", "DescribeInstancesFullStatus", body, REGION)


# --- OSS ---------------------------------------------------------------------------


def oss_buckets(infos: Mapping[str, Mapping[str, Any]]) -> dict:
    """Buckets (ListBuckets) with their GetBucketInfo; ``infos`` override defaults."""
    buckets = [
        {
            "Name": name,
            "Location": f"oss-{REGION}",
            "Region": REGION,
            "CreationDate": "2024-03-01T08:00:00.000Z",
            "StorageClass": "Standard",
            "ExtranetEndpoint": f"oss-{REGION}.aliyuncs.com",
            "IntranetEndpoint": f"oss-{REGION}-internal.aliyuncs.com",
        }
        for name in infos
    ]
    details = {
        name: {"BucketInfo": {"Bucket": _bucket_info(name, info)}}
        for name, info in infos.items()
    }
    return {
        "oss": {
            GLOBAL: {
                "ListBuckets": {
                    "ListAllMyBucketsResult": {
                        "Owner": {"ID": "1234567890123456", "DisplayName": "demo"},
                        "Buckets": {"Bucket": buckets},
                    }
                },
                "GetBucketInfo": {"by": "bucket", "responses": details},
            }
        }
    }


def _bucket_info(name: str, overrides: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "Name": name,
        "Location": f"oss-{REGION}",
        "CreationDate": "2024-03-01T08:00:00.000Z",
        "ExtranetEndpoint": f"oss-{REGION}.aliyuncs.com",
        "IntranetEndpoint": f"oss-{REGION}-internal.aliyuncs.com",
        "StorageClass": "Standard",
        "DataRedundancyType": "ZRS",
        "TransferAcceleration": "Disabled",
        "CrossRegionReplication": "Disabled",
        "Versioning": "Enabled",
        "BlockPublicAccess": "false",
        "AccessControlList": {"Grant": "private"},
        "ServerSideEncryptionRule": {"SSEAlgorithm": "AES256"},
        # Access logging off, as OSS says it: an empty LogBucket.
        "BucketPolicy": {"LogBucket": "", "LogPrefix": ""},
        "Owner": {"ID": "1234567890123456", "DisplayName": "demo"},
    } | dict(overrides)


# --- ActionTrail, RDS, SLB ---------------------------------------------------------


def trails(*trails: Mapping[str, Any], region: str = REGION) -> dict:
    return _regional(
        "actiontrail", "DescribeTrails", {"TrailList": list(trails)}, region
    )


def trail(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "Name": name,
        "HomeRegion": REGION,
        "TrailRegion": "All",
        "EventRW": "All",
        "Status": "Enable",
        "OssBucketName": "demo-shop-audit",
        "SlsProjectArn": "",
        "IsOrganizationTrail": False,
        "CreateTime": "2024-03-01T08:00:00Z",
    } | fields


def db_instance(instance_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "DBInstanceId": instance_id,
        "DBInstanceDescription": "shop-orders",
        "RegionId": REGION,
        "ZoneId": f"{REGION}-h",
        "Engine": "MySQL",
        "EngineVersion": "8.0",
        "DBInstanceType": "Primary",
        "Category": "HighAvailability",
        "DBInstanceStatus": "Running",
        "PayType": "Postpaid",
        "ExpireTime": "",
        "InstanceNetworkType": "VPC",
    } | fields


def rds_instances(*instances: Mapping[str, Any]) -> dict:
    body = {
        "Items": {"DBInstance": list(instances)},
        "TotalRecordCount": len(instances),
        "PageNumber": 1,
        "PageRecordCount": len(instances),
    }
    return _regional("rds", "DescribeDBInstances", body, REGION)


def rds_whitelists(lists_by_instance: Mapping[str, Mapping[str, str]]) -> dict:
    """``{instance: {group name: "ip,ip"}}`` (DescribeDBInstanceIPArrayList)."""
    responses = {
        instance_id: {
            "Items": {
                "DBInstanceIPArray": [
                    {
                        "DBInstanceIPArrayName": name,
                        "DBInstanceIPArrayAttribute": "",
                        "SecurityIPType": "IPv4",
                        "SecurityIPList": ips,
                        "WhitelistNetworkType": "MIX",
                    }
                    for name, ips in groups.items()
                ]
            }
        }
        for instance_id, groups in lists_by_instance.items()
    }
    return _per_resource(
        "rds", "DescribeDBInstanceIPArrayList", "DBInstanceId", responses, REGION
    )


def rds_backup_policies(policies: Mapping[str, Mapping[str, Any] | dict]) -> dict:
    responses = {
        instance_id: policy
        if "$error" in policy
        else {
            "BackupRetentionPeriod": 7,
            "PreferredBackupTime": "19:00Z-20:00Z",
            "PreferredBackupPeriod": "Monday,Wednesday,Friday",
            "EnableBackupLog": "True",
            "LogBackupRetentionPeriod": 7,
        }
        | dict(policy)
        for instance_id, policy in policies.items()
    }
    return _per_resource(
        "rds", "DescribeBackupPolicy", "DBInstanceId", responses, REGION
    )


def rds_auto_renewal(settings: Mapping[str, str]) -> dict:
    """``{instance: "True" | "False"}``: RDS reports AutoRenew as a string."""
    responses = {
        instance_id: {
            "Items": {
                "Item": [
                    {
                        "DBInstanceId": instance_id,
                        "RegionId": REGION,
                        "Duration": 1,
                        "Status": "Normal",
                        "AutoRenew": value,
                    }
                ]
            },
            "TotalRecordCount": 1,
            "PageNumber": 1,
            "PageRecordCount": 1,
        }
        for instance_id, value in settings.items()
    }
    return _per_resource(
        "rds", "DescribeInstanceAutoRenewalAttribute", "DBInstanceId", responses, REGION
    )


def load_balancers(zones: Mapping[str, tuple[str, str]]) -> dict:
    """``{LoadBalancerId: (MasterZoneId, SlaveZoneId)}``."""
    balancers = [
        {
            "LoadBalancerId": balancer_id,
            "LoadBalancerName": f"{balancer_id}-name",
            "LoadBalancerStatus": "active",
            "Address": "47.96.0.10",
            "AddressType": "internet",
            "RegionId": REGION,
            "MasterZoneId": master,
            "SlaveZoneId": slave,
            "NetworkType": "vpc",
            "PayType": "PayOnDemand",
        }
        for balancer_id, (master, slave) in zones.items()
    ]
    body = {
        "LoadBalancers": {"LoadBalancer": balancers},
        "TotalCount": len(balancers),
        "PageNumber": 1,
        "PageSize": 100,
    }
    return _regional("slb", "DescribeLoadBalancers", body, REGION)


# --- PAI ---------------------------------------------------------------------------


def dsw_instance(instance_id: str, forwards: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "InstanceId": instance_id,
        "InstanceName": f"{instance_id}-notebook",
        "WorkspaceId": "1234",
        "Status": "Running",
        "Accessibility": "PRIVATE",
        "AcceleratorType": "GPU",
        "EcsSpec": "ecs.gn7i-c8g1.2xlarge",
        "PaymentType": "PayAsYouGo",
        "UserVpc": {
            "VpcId": "vpc-shop",
            "VSwitchId": "vsw-ai",
            "SecurityGroupId": "sg-ai",
            "ForwardInfos": forwards,
        },
    }


def ssh_forward(*, public: bool, enabled: bool = True) -> dict[str, Any]:
    forward: dict[str, Any] = {
        "Name": "ssh",
        "Enable": enabled,
        "ForwardPort": "22",
        "AccessType": ["PRIVATE"],
        "ConnectInfo": {"Intranet": {"Endpoint": "10.0.3.15", "Port": "22"}},
    }
    if public:
        forward["AccessType"] = ["PUBLIC", "PRIVATE"]
        forward["EipAllocationId"] = "eip-dsw"
        forward["ConnectInfo"]["Internet"] = {"Endpoint": "47.98.0.20", "Port": "22"}
    return forward


def dsw_instances(*instances: Mapping[str, Any]) -> dict:
    body = {"Instances": list(instances), "TotalCount": len(instances), "Success": True}
    return _regional("pai-dsw", "ListInstances", body, REGION)


def eas_services(instances_by_service: Mapping[str, tuple[str, int]]) -> dict:
    """``{ServiceName: (Status, TotalInstance)}`` as ListServices answers."""
    services = [
        {
            "ServiceName": name,
            "ServiceId": f"eas-m-{name}",
            "Region": REGION,
            "Status": status,
            "TotalInstance": total,
            "RunningInstance": total if status == "Running" else 0,
            "Cpu": 4,
            "Memory": 16000,
            "Gpu": 1,
            "SafetyLock": "dangerous",
        }
        for name, (status, total) in instances_by_service.items()
    ]
    body = {"Services": services, "TotalCount": len(services), "PageNumber": 1}
    return _regional("eas", "ListServices", body, REGION)
