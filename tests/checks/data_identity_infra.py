"""Builders for the identity and infrastructure items added with the CIS coverage,
in Alibaba's own response shapes (``services`` fragments, as in ``data``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from data import GLOBAL, REGION, iso

ACCOUNT = "1234567890123456"
OTHER_ACCOUNT = "9876543210987654"


def regional(product: str, action: str, body: Any, region: str = REGION) -> dict:
    return {product: {region: {action: body}}}


def per_resource(
    product: str, action: str, by: str, responses: Mapping[str, Any], region: str
) -> dict:
    return {product: {region: {action: {"by": by, "responses": dict(responses)}}}}


def document(*statements: Mapping[str, Any]) -> str:
    """A policy document as the APIs return it: JSON inside a string."""
    return json.dumps({"Version": "1", "Statement": list(statements)})


# --- RAM ---------------------------------------------------------------------------


def roles(trust_by_role: Mapping[str, str | dict]) -> dict:
    """ListRoles and GetRole; values are trust policy strings or error entries."""
    listed = [
        {
            "RoleName": name,
            "RoleId": f"3{index:017d}",
            "Arn": f"acs:ram::{ACCOUNT}:role/{name}",
            "CreateDate": "2024-03-01T08:00:00Z",
            "MaxSessionDuration": 3600,
        }
        for index, name in enumerate(trust_by_role, start=1)
    ]
    details = {
        name: trust
        if isinstance(trust, dict)
        else {"Role": {**listed[i], "AssumeRolePolicyDocument": trust}}
        for i, (name, trust) in enumerate(trust_by_role.items())
    }
    return {
        "ram": {
            GLOBAL: {
                "ListRoles": {"IsTruncated": False, "Roles": {"Role": listed}},
                "GetRole": {"by": "RoleName", "responses": details},
            }
        }
    }


def trust(*principals: Any) -> str:
    return document(
        {
            "Action": "sts:AssumeRole",
            "Effect": "Allow",
            "Principal": {"RAM": list(principals)},
        }
    )


def custom_policies(documents: Mapping[str, str | dict]) -> dict:
    """ListPolicies (Custom) and GetPolicy with each default version's document."""
    listed = [
        {
            "PolicyName": name,
            "PolicyType": "Custom",
            "DefaultVersion": "v2",
            "AttachmentCount": 1,
            "CreateDate": "2024-03-01T08:00:00Z",
        }
        for name in documents
    ]
    details = {
        name: body
        if isinstance(body, dict)
        else {
            "Policy": {"PolicyName": name, "PolicyType": "Custom"},
            "DefaultPolicyVersion": {
                "VersionId": "v2",
                "IsDefaultVersion": True,
                "PolicyDocument": body,
            },
        }
        for name, body in documents.items()
    }
    return {
        "ram": {
            GLOBAL: {
                "ListPolicies": {"IsTruncated": False, "Policies": {"Policy": listed}},
                "GetPolicy": {"by": "PolicyName", "responses": details},
            }
        }
    }


def security_preference(
    *, manage_keys: Any = False, save_mfa: Any = False, masks: str = "203.0.113.0/24"
) -> dict:
    body = {
        "SecurityPreference": {
            "LoginProfilePreference": {
                "LoginSessionDuration": 6,
                "LoginNetworkMasks": masks,
                "AllowUserToChangePassword": True,
                "EnableSaveMFATicket": save_mfa,
            },
            "AccessKeyPreference": {"AllowUserToManageAccessKeys": manage_keys},
            "MFAPreference": {"AllowUserToManageMFADevices": True},
        }
    }
    return regional("ram", "GetSecurityPreference", body, GLOBAL)


# --- OSS ---------------------------------------------------------------------------


def bucket_policies(policies: Mapping[str, dict]) -> dict:
    """GetBucketPolicy per bucket: the policy itself (OSS answers in JSON)."""
    return {
        "oss": {GLOBAL: {"GetBucketPolicy": {"by": "bucket", "responses": policies}}}
    }


HTTPS_ONLY = {
    "Version": "1",
    "Statement": [
        {
            "Effect": "Deny",
            "Action": ["oss:*"],
            "Principal": ["*"],
            "Resource": ["acs:oss:*:*:bucket", "acs:oss:*:*:bucket/*"],
            "Condition": {"Bool": {"acs:SecureTransport": ["false"]}},
        }
    ],
}
PUBLIC_READ = {
    "Version": "1",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["oss:GetObject"],
            "Principal": ["*"],
            "Resource": ["acs:oss:*:*:bucket/*"],
        }
    ],
}


# --- RDS ---------------------------------------------------------------------------


def rds_details(action: str, responses: Mapping[str, Any]) -> dict:
    return per_resource("rds", action, "DBInstanceId", responses, REGION)


def rds_ssl(settings: Mapping[str, Any]) -> dict:
    return rds_details(
        "DescribeDBInstanceSSL",
        {
            i: v
            if isinstance(v, dict)
            else {"SSLEnabled": v, "ConnectionString": f"{i}.mysql.rds.aliyuncs.com"}
            for i, v in settings.items()
        },
    )


def rds_tde(settings: Mapping[str, Any]) -> dict:
    """``{instance: (TDEStatus, TDEMode) | error}``."""
    return rds_details(
        "DescribeDBInstanceTDE",
        {
            i: v
            if isinstance(v, dict)
            else {"TDEStatus": v[0], "TDEMode": v[1], "EncryptionKey": ""}
            for i, v in settings.items()
        },
    )


def rds_audit(status: Mapping[str, str], retention: Mapping[str, str]) -> dict:
    policies = rds_details(
        "DescribeSQLCollectorPolicy",
        {i: {"SQLCollectorStatus": s, "StoragePeriod": 30} for i, s in status.items()},
    )
    kept = rds_details(
        "DescribeSQLCollectorRetention",
        {i: {"ConfigValue": days} for i, days in retention.items()},
    )
    policies["rds"][REGION].update(kept["rds"][REGION])
    return policies


def rds_parameters(values: Mapping[str, Mapping[str, str]]) -> dict:
    return rds_details(
        "DescribeParameters",
        {
            i: {
                "Engine": "PostgreSQL",
                "EngineVersion": "15.0",
                "RunningParameters": {
                    "DBInstanceParameter": [
                        {"ParameterName": k, "ParameterValue": v}
                        for k, v in params.items()
                    ]
                },
                "ConfigParameters": {"DBInstanceParameter": []},
            }
            for i, params in values.items()
        },
    )


# --- ACK ---------------------------------------------------------------------------


def cluster(cluster_id: str, *, public: bool = False, version: str = "1.31.1-aliyun.1"):
    endpoints = {"intranet_api_server_endpoint": "https://192.168.0.10:6443"}
    if public:
        endpoints["api_server_endpoint"] = "https://47.96.1.2:6443"
    return {
        "cluster_id": cluster_id,
        "name": f"{cluster_id}-name",
        "region_id": REGION,
        "state": "running",
        "cluster_type": "ManagedKubernetes",
        "profile": "Default",
        "current_version": version,
        "master_url": json.dumps(endpoints),
        "meta_data": json.dumps({"Capabilities": {}}),
        "network_mode": "vpc",
        "vpc_id": "vpc-shop",
    }


def clusters(*items: Mapping[str, Any]) -> dict:
    body = {
        "clusters": list(items),
        "page_info": {"page_number": 1, "page_size": 100, "total_count": len(items)},
    }
    return regional("cs", "DescribeClustersV1", body)


def cluster_addons(addons: Mapping[str, list[str] | dict]) -> dict:
    return per_resource(
        "cs",
        "ListClusterAddonInstances",
        "cluster_id",
        {
            c: v
            if isinstance(v, dict)
            else {
                "addons": [{"name": n, "version": "1.0", "state": "active"} for n in v]
            }
            for c, v in addons.items()
        },
        REGION,
    )


def node_pools(monitoring: Mapping[str, list[bool]]) -> dict:
    return per_resource(
        "cs",
        "DescribeClusterNodePools",
        "cluster_id",
        {
            c: {
                "nodepools": [
                    {
                        "nodepool_info": {
                            "nodepool_id": f"np-{i}",
                            "name": f"pool-{i}",
                        },
                        "kubernetes_config": {
                            "cms_enabled": on,
                            "runtime": "containerd",
                        },
                    }
                    for i, on in enumerate(flags)
                ]
            }
            for c, flags in monitoring.items()
        },
        REGION,
    )


def cluster_checks(days_ago: Mapping[str, float | None]) -> dict:
    return per_resource(
        "cs",
        "ListClusterChecks",
        "cluster_id",
        {
            c: {
                "checks": []
                if days is None
                else [
                    {
                        "check_id": f"chk-{c}",
                        "type": "ClusterCheck",
                        "status": "Succeeded",
                        "created_at": iso(-days - 0.01),
                        "finished_at": iso(-days),
                    }
                ]
            }
            for c, days in days_ago.items()
        },
        REGION,
    )


# --- Security Center, KMS, VPC -------------------------------------------------------


def sas(
    *,
    version: int = 5,
    agents: Mapping[str, str] | None = None,
    route: int = 2,
    vul: Mapping[str, str] | None = None,
) -> dict:
    agents = {"i-web1": "online"} if agents is None else agents
    vul = {"cve": "on", "sys": "on", "cms": "on", "emg": "on"} if vul is None else vul
    instances = [
        {
            "InstanceId": i,
            "Uuid": f"uuid-{i}",
            "InstanceName": i,
            "RegionId": REGION,
            "ClientStatus": status,
            "AssetType": "0",
        }
        for i, status in agents.items()
    ]
    return {
        "sas": {
            GLOBAL: {
                "DescribeVersionConfig": {
                    "Version": version,
                    "HighestVersion": version,
                    "IsTrialVersion": 0,
                    "AssetLevel": 30,
                },
                "DescribeCloudCenterInstances": {
                    "Instances": instances,
                    "PageInfo": {
                        "CurrentPage": 1,
                        "PageSize": 100,
                        "TotalCount": len(instances),
                        "Count": len(instances),
                    },
                    "Success": True,
                },
                "DescribeNoticeConfig": {
                    "NoticeConfigList": [
                        {"Project": "yundun_sas_anti_virus", "Route": route},
                        {"Project": "yundun_sas_vul_Emergency", "Route": 7},
                    ]
                },
                "DescribeVulConfig": {
                    "TotalCount": len(vul),
                    "TargetConfigs": [
                        {"Type": t, "Config": c, "OverAllConfig": c}
                        for t, c in vul.items()
                    ],
                },
            }
        }
    }


def kms_keys(keys: Mapping[str, Mapping[str, Any]]) -> dict:
    listed = [
        {"KeyId": k, "KeyArn": f"acs:kms:{REGION}:{ACCOUNT}:key/{k}"} for k in keys
    ]
    details = {
        k: {
            "KeyMetadata": {
                "KeyId": k,
                "KeyState": "Enabled",
                "Creator": ACCOUNT,
                "KeySpec": "Aliyun_AES_256",
                "KeyUsage": "ENCRYPT/DECRYPT",
                "Origin": "Aliyun_KMS",
                "ProtectionLevel": "SOFTWARE",
                "AutomaticRotation": "Enabled",
                "RotationInterval": "31536000s",
                "DeletionProtection": "Enabled",
            }
            | dict(fields)
        }
        for k, fields in keys.items()
    }
    return {
        "kms": {
            REGION: {
                "ListKeys": {"Keys": {"Key": listed}},
                "DescribeKey": {"by": "KeyId", "responses": details},
            }
        }
    }


def vpcs_with_flow_logs(vpcs: Mapping[str, str | None]) -> dict:
    """``{VpcId: flow log Status or None}``."""
    listed = [
        {"VpcId": v, "VpcName": f"{v}-name", "RegionId": REGION, "Status": "Available"}
        for v in vpcs
    ]
    logs = [
        {
            "FlowLogId": f"fl-{v}",
            "FlowLogName": f"{v}-flow",
            "ResourceType": "VPC",
            "ResourceId": v,
            "Status": status,
            "TrafficType": "All",
            "ProjectName": "shop-flowlogs",
            "LogStoreName": "vpc",
            "RegionId": REGION,
        }
        for v, status in vpcs.items()
        if status
    ]
    return {
        "vpc": {
            REGION: {
                "DescribeVpcs": {"Vpcs": {"Vpc": listed}},
                "DescribeFlowLogs": {"FlowLogs": {"FlowLog": logs}},
            }
        }
    }
