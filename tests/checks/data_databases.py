"""Builders of Redis, MongoDB and PolarDB datasets in Alibaba's own response shapes.

``redis``, ``mongodb`` and ``polardb`` list the databases of ``{id: {Action: answer}}``
and answer each per-resource action for each of them; the answer builders below
give the bodies of the actions the security and backup items read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data import REGION, merge
from data_ha import ZONE_H, ZONE_I, per_resource, regional

Answers = Mapping[str, Mapping[str, Any]]


def _answers(product: str, by: str, answers: Answers, region: str) -> dict:
    """One per-resource entry per action, answering for every database."""
    by_action: dict[str, dict[str, Any]] = {}
    for resource_id, actions in answers.items():
        for action, body in actions.items():
            by_action.setdefault(action, {})[resource_id] = body
    return merge(
        *(
            per_resource(product, action, by, responses, region)
            for action, responses in by_action.items()
        )
    )


def redis(answers: Answers, region: str = REGION) -> dict:
    listed = [
        {
            "InstanceId": instance_id,
            "InstanceName": f"{instance_id}-cache",
            "RegionId": region,
            "ZoneId": ZONE_H,
            "InstanceType": "Redis",
            "EngineVersion": "7.0",
            "ChargeType": "PostPaid",
            "InstanceStatus": "Normal",
        }
        for instance_id in answers
    ]
    body = {"Instances": {"KVStoreInstance": listed}, "TotalCount": len(listed)}
    return merge(
        regional("r-kvstore", "DescribeInstances", body, region),
        _answers("r-kvstore", "InstanceId", answers, region),
    )


def mongodb(answers: Answers, kinds: Mapping[str, str] | None = None) -> dict:
    """``kinds``: the DBInstanceType of each instance, ``replicate`` by default."""
    kinds = kinds or {}
    listed = [
        {
            "DBInstanceId": instance_id,
            "DBInstanceDescription": f"{instance_id}-docs",
            "RegionId": REGION,
            "ZoneId": ZONE_H,
            "DBInstanceType": kinds.get(instance_id, "replicate"),
            "Engine": "MongoDB",
            "EngineVersion": "6.0",
            "ChargeType": "PostPaid",
        }
        for instance_id in answers
    ]
    body = {"DBInstances": {"DBInstance": listed}, "TotalCount": len(listed)}
    return merge(
        regional("dds", "DescribeDBInstances", body),
        _answers("dds", "DBInstanceId", answers, REGION),
    )


def polardb(answers: Answers) -> dict:
    listed = [
        {
            "DBClusterId": cluster_id,
            "DBClusterDescription": f"{cluster_id}-orders",
            "RegionId": REGION,
            "ZoneId": ZONE_H,
            "DBType": "MySQL",
            "DBVersion": "8.0",
            "PayType": "Postpaid",
        }
        for cluster_id in answers
    ]
    body = {"Items": {"DBCluster": listed}, "TotalRecordCount": len(listed)}
    return merge(
        regional("polardb", "DescribeDBClusters", body),
        _answers("polardb", "DBClusterId", answers, REGION),
    )


# --- whitelists --------------------------------------------------------------------


def security_ip_groups(groups: Mapping[str, str], hidden: Iterable[str] = ()) -> dict:
    """DescribeSecurityIps (Redis and MongoDB): ``{group name: entries}``."""
    hidden = set(hidden)
    return {
        "SecurityIpGroups": {
            "SecurityIpGroup": [
                {
                    "SecurityIpGroupName": name,
                    "SecurityIpGroupAttribute": "hidden" if name in hidden else "",
                    "SecurityIpList": entries,
                }
                for name, entries in groups.items()
            ]
        }
    }


def polardb_whitelist(groups: Mapping[str, str], hidden: Iterable[str] = ()) -> dict:
    """DescribeDBClusterAccessWhitelist: ``{group name: entries}``."""
    hidden = set(hidden)
    return {
        "Items": {
            "DBClusterIPArray": [
                {
                    "DBClusterIPArrayName": name,
                    "DBClusterIPArrayAttribute": "hidden" if name in hidden else "",
                    "SecurityIps": entries,
                }
                for name, entries in groups.items()
            ]
        },
        "DBClusterSecurityGroups": {"DBClusterSecurityGroup": []},
    }


# --- endpoints ---------------------------------------------------------------------


def redis_net_info(*ip_types: str) -> dict:
    """DescribeDBInstanceNetInfo with one endpoint per IPType."""
    return {
        "InstanceNetworkType": "VPC",
        "NetInfoItems": {
            "InstanceNetInfo": [
                {
                    "ConnectionString": f"r-{index}.redis.rds.aliyuncs.com",
                    "IPType": ip_type,
                    "Port": "6379",
                }
                for index, ip_type in enumerate(ip_types)
            ]
        },
    }


def replica_set_roles(*network_types: str) -> dict:
    """DescribeReplicaSetRole with one endpoint per NetworkType."""
    return {
        "ReplicaSets": {
            "ReplicaSet": [
                {
                    "ReplicaSetRole": "Primary" if index == 0 else "Secondary",
                    "NetworkType": network_type,
                    "ConnectionDomain": f"dds-{index}.mongodb.rds.aliyuncs.com",
                    "ConnectionPort": "3717",
                }
                for index, network_type in enumerate(network_types)
            ]
        }
    }


def sharding_addresses(*network_types: str, compatible: str | None = None) -> dict:
    """DescribeShardingNetworkAddress: a mongos address per NetworkType, and a
    compatible (DynamoDB) connection of type ``compatible`` if given."""
    body: dict[str, Any] = {
        "NetworkAddresses": {
            "NetworkAddress": [
                {
                    "NodeId": f"s-{index}",
                    "NodeType": "mongos",
                    "NetworkType": network_type,
                    "NetworkAddress": f"s-{index}.mongodb.rds.aliyuncs.com",
                    "Port": "3717",
                }
                for index, network_type in enumerate(network_types)
            ]
        }
    }
    if compatible is not None:
        body["CompatibleConnections"] = {
            "CompatibleConnection": [
                {"NetworkType": compatible, "NetworkAddress": "dynamo.example"}
            ]
        }
    return body


def polardb_endpoints(*net_types: str) -> dict:
    """DescribeDBClusterEndpoints: a cluster endpoint with one address per NetType."""
    return {
        "Items": [
            {
                "DBEndpointId": "pe-cluster",
                "EndpointType": "Cluster",
                "AddressItems": [
                    {
                        "NetType": net_type,
                        "ConnectionString": f"pc-{net_type.lower()}.polardb.example",
                        "Port": "3306",
                    }
                    for net_type in net_types
                ],
            }
        ]
    }


# --- switches and backups ----------------------------------------------------------


def polardb_ssl(**states: str) -> dict:
    """DescribeDBClusterSSL: ``{endpoint id: SSLEnabled}``."""
    items = [
        {"DBEndpointId": endpoint, "SSLEnabled": state}
        for endpoint, state in states.items()
    ]
    return {"SSLAutoRotate": "Disable", "Items": items}


def redis_attribute(instance_id: str, **fields: Any) -> dict:
    """DescribeInstanceAttribute, a list of one."""
    attribute = {"InstanceId": instance_id, "ZoneId": ZONE_H} | fields
    return {"Instances": {"DBInstanceAttribute": [attribute]}}


def mongodb_attribute(instance_id: str, **fields: Any) -> dict:
    """DescribeDBInstanceAttribute, a list of one."""
    attribute = {
        "DBInstanceId": instance_id,
        "ZoneId": ZONE_H,
        "SecondaryZoneId": ZONE_I,
        "StorageType": "cloud_essd1",
    } | fields
    return {"DBInstances": {"DBInstance": [attribute]}}


def polardb_backup(level_one: Any, level_two: Any = "0", **fields: Any) -> dict:
    """DescribeBackupPolicy (PolarDB): level-1 and level-2 retention in days."""
    return {
        "BackupPolicyLevel": "Normal",
        "DataLevel1BackupRetentionPeriod": level_one,
        "DataLevel2BackupRetentionPeriod": level_two,
        "PreferredBackupPeriod": "Monday,Thursday",
        "PreferredBackupTime": "17:00Z-18:00Z",
    } | fields
