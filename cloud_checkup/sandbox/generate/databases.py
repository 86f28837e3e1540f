"""Databases: RDS, Redis (Tair), MongoDB, PolarDB and AnalyticDB for PostgreSQL.

Each database is listed once and described by one answer per setting (whitelists,
endpoints, encryption, audit, backups), in the words each product uses for on and off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._common import Region, from_now

_EVERY_DAY = "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday"
# An RDS or PolarDB expiry: (PayType, expiry) for pay-as-you-go or subscription.
_SUBSCRIPTION_DAYS = (6, 20, 45, 120, 300)


def build(r: Region) -> None:
    _rds(r)
    _redis(r)
    _mongodb(r)
    _polardb(r)
    _gpdb(r)


def _rds_tde(r: Region) -> dict[str, str]:
    """TDE on for half the instances, with the service's key or the customer's;
    an instance without TDE reports the key mode Unknown."""
    if not r.chance(0.5):
        return {"TDEStatus": "Disabled", "TDEMode": "Unknown"}
    mode = _switch(r, 0.5, "Customer_Provided_Key", "Aliyun_Generate_Key")
    return {"TDEStatus": "Enabled", "TDEMode": mode}


def _switch(r: Region, on_share: float, on: str, off: str) -> str:
    """A setting's state in the product's own words, on in ``on_share`` of cases."""
    return on if r.chance(on_share) else off


def _whitelist(r: Region, name: str, addresses: str, attribute: str) -> list[dict]:
    """Whitelist groups as they accumulate: the application's VPC range, sometimes a
    group opened to every address during a migration, sometimes the hidden group
    Alibaba's DMS keeps."""
    groups = [{name: "default", attribute: "", addresses: "10.0.0.0/8"}]
    if r.chance(0.15):
        groups.append({name: "migration", attribute: "", addresses: "0.0.0.0/0"})
    if r.chance(0.3):
        groups.append(
            {name: "ali_dms_group", attribute: "hidden", addresses: "100.104.5.0/24"}
        )
    return groups


def _pay_type(r: Region, prepaid: str, postpaid: str) -> tuple[str, str]:
    """(pay type, expiry time) of a database, a third of them subscriptions."""
    if r.chance(1 / 3):
        days = r.rng.choice(_SUBSCRIPTION_DAYS)
        return prepaid, from_now(days, "%Y-%m-%dT%H:%M:%SZ")
    return postpaid, ""


def _put_details(
    r: Region,
    product: str,
    param: str,
    ids: list[str],
    answers: dict[str, Callable[[str], Any]],
) -> None:
    for action, answer in answers.items():
        r.put_each(product, action, param, ids, answer)


# --- RDS ---------------------------------------------------------------------------


def _rds(r: Region) -> None:
    listed = [_rds_instance(r, n) for n in range(r.counts["rds"])]
    r.put("rds", "DescribeDBInstances", {"Items": {"DBInstance": listed}})
    instances = {i["DBInstanceId"]: i for i in listed}
    _put_details(r, "rds", "DBInstanceId", list(instances), _rds_answers(r, instances))


def _rds_instance(r: Region, n: int) -> dict[str, Any]:
    engine, version = r.rng.choices([("MySQL", "8.0"), ("PostgreSQL", "16.0")], [4, 1])[
        0
    ]
    pay_type, expiry = _pay_type(r, "Prepaid", "Postpaid")
    return {
        "DBInstanceId": r.ident("pgm" if engine == "PostgreSQL" else "rm", n),
        "DBInstanceDescription": f"db-{r.tag}-{n}",
        "RegionId": r.name,
        "ZoneId": r.zones[0],
        "Engine": engine,
        "EngineVersion": version,
        "DBInstanceType": "Primary",
        "Category": r.pick({"HighAvailability": 0.8, "Basic": 0.2}),
        "DBInstanceStatus": "Running",
        "PayType": pay_type,
        "ExpireTime": expiry,
        "DBInstanceNetType": "Intranet",
        "InstanceNetworkType": "VPC",
        "VpcId": r.vpc_ids[0],
    }


def _rds_answers(
    r: Region, instances: dict[str, dict[str, Any]]
) -> dict[str, Callable[[str], Any]]:
    rng = r.rng
    return {
        "DescribeDBInstanceAttribute": lambda i: {
            "Items": {
                "DBInstanceAttribute": [
                    {
                        "DBInstanceId": i,
                        "ZoneId": r.zones[0],
                        "Engine": instances[i]["Engine"],
                        "Category": instances[i]["Category"],
                        "DeletionProtection": rng.random() < 0.5,
                        "SlaveZones": {"SlaveZone": [{"ZoneId": r.zones[1]}]},
                    }
                ]
            }
        },
        "DescribeBackupPolicy": lambda i: {
            "BackupRetentionPeriod": rng.choice([7, 14, 30]),
            "PreferredBackupTime": "19:00Z-20:00Z",
            "PreferredBackupPeriod": "Monday,Thursday",
            "EnableBackupLog": "1",
        },
        "DescribeDBInstanceIPArrayList": lambda i: {
            "Items": {
                "DBInstanceIPArray": _whitelist(
                    r,
                    "DBInstanceIPArrayName",
                    "SecurityIPList",
                    "DBInstanceIPArrayAttribute",
                )
            }
        },
        "DescribeDBInstanceSSL": lambda i: {
            "SSLEnabled": rng.choice(["Yes", "No"]),
            "ForceEncryption": "0",
            "ConnectionString": f"{i}.mysql.rds.aliyuncs.com",
        },
        "DescribeDBInstanceTDE": lambda i: _rds_tde(r),
        "DescribeInstanceAutoRenewalAttribute": lambda i: {
            "Items": {
                "Item": [
                    {
                        "DBInstanceId": i,
                        "AutoRenew": rng.choice(["True", "False"]),
                        "Duration": 1,
                        "RegionId": r.name,
                    }
                ]
            }
        },
        "DescribeParameters": lambda i: _rds_parameters(r, instances[i]),
        "DescribeSQLCollectorPolicy": lambda i: {
            "SQLCollectorStatus": rng.choice(["Enable", "Disabled"]),
            "StoragePeriod": 30,
        },
        "DescribeSQLCollectorRetention": lambda i: {
            "ConfigValue": rng.choice(["30", "180", "365"])
        },
    }


def _rds_parameters(r: Region, instance: dict[str, Any]) -> dict[str, Any]:
    """The parameters the checks read: TLS for MySQL, connection logging for
    PostgreSQL."""
    if instance["Engine"] == "PostgreSQL":
        names = ("log_connections", "log_disconnections", "log_duration")
        values = {name: _switch(r, 0.7, "on", "off") for name in names}
    else:
        values = {"require_secure_transport": _switch(r, 0.5, "ON", "OFF")}
    return {
        "Engine": instance["Engine"],
        "EngineVersion": instance["EngineVersion"],
        "RunningParameters": {
            "DBInstanceParameter": [
                {"ParameterName": name, "ParameterValue": value}
                for name, value in values.items()
            ]
        },
    }


# --- Redis (Tair) ------------------------------------------------------------------


def _redis(r: Region) -> None:
    listed = [_redis_instance(r, n) for n in range(r.counts["redis"])]
    r.put("r-kvstore", "DescribeInstances", {"Instances": {"KVStoreInstance": listed}})
    instances = {i["InstanceId"]: i for i in listed}
    answers: dict[str, Callable[[str], Any]] = {
        "DescribeInstanceAttribute": lambda i: _redis_attribute(r, instances[i]),
        "DescribeSecurityIps": lambda i: {
            "SecurityIpGroups": {
                "SecurityIpGroup": _whitelist(
                    r,
                    "SecurityIpGroupName",
                    "SecurityIpList",
                    "SecurityIpGroupAttribute",
                )
            }
        },
        "DescribeDBInstanceNetInfo": lambda i: _redis_endpoints(r, instances[i]),
        "DescribeInstanceSSL": lambda i: {
            "InstanceId": i,
            "SSLEnabled": _switch(r, 0.5, "Enable", "Disable"),
        },
        "DescribeInstanceTDEStatus": lambda i: {
            "TDEStatus": _switch(r, 0.4, "Enabled", "Disabled")
        },
        "DescribeAuditLogConfig": lambda i: {
            "DbAudit": _switch(r, 0.5, "true", "false"),
            "Retention": "30",
        },
        "DescribeBackupPolicy": lambda i: {
            "BackupRetentionPeriod": r.rng.choice(["7", "7", "15", "30"]),
            "PreferredBackupPeriod": "Monday,Wednesday,Friday,Sunday",
            "PreferredBackupTime": "18:00Z-19:00Z",
            "EnableBackupLog": r.rng.choice([0, 1]),
        },
    }
    _put_details(r, "r-kvstore", "InstanceId", list(instances), answers)


def _redis_instance(r: Region, n: int) -> dict[str, Any]:
    tair = r.chance(0.3)
    single = r.chance(0.15)
    charge, expiry = _pay_type(r, "PrePaid", "PostPaid")
    return {
        "InstanceId": r.ident("r", n),
        "InstanceName": f"cache-{r.tag}-{n}",
        "RegionId": r.name,
        "ZoneId": r.zones[0],
        "SecondaryZoneId": "" if single or r.chance(0.4) else r.zones[1],
        "InstanceStatus": "Normal",
        "InstanceType": "Tair" if tair else "Redis",
        "EditionType": "Enterprise" if tair else "Community",
        "ArchitectureType": "standard",
        "NodeType": "single" if single else "double",
        "EngineVersion": "7.0",
        "ChargeType": charge,
        "EndTime": expiry,
        "NetworkType": "VPC",
        "VpcId": r.vpc_ids[0],
    }


def _redis_attribute(r: Region, instance: dict[str, Any]) -> dict[str, Any]:
    copied = ("InstanceId", "InstanceName", "ZoneId", "SecondaryZoneId", "NodeType")
    attribute = {field: instance[field] for field in copied} | {
        "ChargeType": instance["ChargeType"],
        "InstanceReleaseProtection": r.chance(0.4),
        "IsSupportTDE": instance["EditionType"] == "Enterprise",
    }
    return {"Instances": {"DBInstanceAttribute": [attribute]}}


def _redis_endpoints(r: Region, instance: dict[str, Any]) -> dict[str, Any]:
    instance_id = instance["InstanceId"]
    endpoints = [
        {
            "ConnectionString": f"{instance_id}.redis.rds.aliyuncs.com",
            "IPAddress": f"10.0.3.{r.rng.randint(2, 250)}",
            "IPType": "Private",
            "Port": "6379",
            "VPCId": instance["VpcId"],
        }
    ]
    if r.chance(0.2):
        endpoints.append(
            {
                "ConnectionString": f"{instance_id}pd.redis.rds.aliyuncs.com",
                "IPAddress": f"47.98.{r.index}.{r.rng.randint(2, 250)}",
                "IPType": "Public",
                "Port": "6379",
            }
        )
    return {
        "InstanceNetworkType": "VPC",
        "NetInfoItems": {"InstanceNetInfo": endpoints},
    }


# --- MongoDB -----------------------------------------------------------------------


def _mongodb(r: Region) -> None:
    """Replica sets and, one in three, sharded clusters: each kind has its own
    endpoint read."""
    listed = [_mongodb_instance(r, n) for n in range(r.counts["mongodb"])]
    r.put("dds", "DescribeDBInstances", {"DBInstances": {"DBInstance": listed}})
    instances = {i["DBInstanceId"]: i for i in listed}
    answers: dict[str, Callable[[str], Any]] = {
        "DescribeDBInstanceAttribute": lambda m: _mongodb_attribute(r, instances[m]),
        "DescribeSecurityIps": lambda m: {
            "SecurityIps": "10.0.0.0/8",
            "SecurityIpGroups": {
                "SecurityIpGroup": _whitelist(
                    r,
                    "SecurityIpGroupName",
                    "SecurityIpList",
                    "SecurityIpGroupAttribute",
                )
            },
        },
        "DescribeDBInstanceSSL": lambda m: {
            "SSLStatus": _switch(r, 0.6, "Open", "Closed"),
            "ForceEncryption": "0",
        },
        "DescribeDBInstanceTDEInfo": lambda m: {
            "TDEStatus": _switch(r, 0.3, "enabled", "disabled")
        },
        "DescribeAuditPolicy": lambda m: {
            "LogAuditStatus": _switch(r, 0.5, "Enable", "Disabled")
        },
        "DescribeBackupPolicy": lambda m: {
            "BackupRetentionPeriod": r.rng.choice(["7", "30", "30", "60"]),
            "PreferredBackupPeriod": "Monday,Thursday",
            "PreferredBackupTime": "19:00Z-20:00Z",
            "EnableBackupLog": r.rng.choice([0, 1]),
        },
    }
    _put_details(r, "dds", "DBInstanceId", list(instances), answers)
    kinds = {"replicate": [], "sharding": []}
    for m, instance in instances.items():
        kinds[instance["DBInstanceType"]].append(m)
    r.put_each(
        "dds",
        "DescribeReplicaSetRole",
        "DBInstanceId",
        kinds["replicate"],
        lambda m: {"DBInstanceId": m, "ReplicaSets": {"ReplicaSet": _roles(r, m)}},
    )
    r.put_each(
        "dds",
        "DescribeShardingNetworkAddress",
        "DBInstanceId",
        kinds["sharding"],
        lambda m: {
            "NetworkAddresses": {"NetworkAddress": _mongos(r, m)},
            "CompatibleConnections": {"CompatibleConnection": []},
        },
    )


def _mongodb_instance(r: Region, n: int) -> dict[str, Any]:
    charge, expiry = _pay_type(r, "PrePaid", "PostPaid")
    return {
        "DBInstanceId": r.ident("dds", n),
        "DBInstanceDescription": f"documents-{r.tag}-{n}",
        "RegionId": r.name,
        "ZoneId": r.zones[0],
        "DBInstanceStatus": "Running",
        "Engine": "MongoDB",
        "EngineVersion": "6.0",
        "DBInstanceType": "sharding" if n % 3 == 1 else "replicate",
        "ChargeType": charge,
        "ExpireTime": expiry,
        "StorageType": "cloud_essd1",
    }


def _mongodb_attribute(r: Region, instance: dict[str, Any]) -> dict[str, Any]:
    # Nodes in one zone in a quarter of the instances; the rest spread.
    spread = r.chance(0.75)
    attribute = {
        "DBInstanceId": instance["DBInstanceId"],
        "DBInstanceType": instance["DBInstanceType"],
        "ZoneId": r.zones[0],
        "SecondaryZoneId": r.zones[1] if spread else r.zones[0],
        "HiddenZoneId": r.zones[2] if spread else r.zones[0],
        "ChargeType": instance["ChargeType"],
        "DBInstanceReleaseProtection": r.chance(0.6),
        "StorageType": instance["StorageType"],
        "Encrypted": r.chance(0.4),
    }
    return {"DBInstances": {"DBInstance": [attribute]}}


def _roles(r: Region, instance_id: str) -> list[dict[str, Any]]:
    networks = ["VPC", "Public"] if r.chance(0.2) else ["VPC"]
    return [
        {
            "ReplicaSetRole": role,
            "RoleId": f"{651000 + k}",
            "NetworkType": network,
            "ConnectionDomain": f"{instance_id}{k}{suffix}.mongodb.rds.aliyuncs.com",
            "ConnectionPort": "3717",
        }
        for network, suffix in zip(networks, ("", "-pub"), strict=False)
        for k, role in enumerate(("Primary", "Secondary"), start=1)
    ]


def _mongos(r: Region, instance_id: str) -> list[dict[str, Any]]:
    public = r.chance(0.2)
    return [
        {
            "NodeId": f"s-{instance_id[4:]}{k}",
            "NodeType": "mongos",
            "Role": "Primary",
            "NetworkType": "Public" if public and k == 1 else "VPC",
            "NetworkAddress": f"s-{instance_id[4:]}{k}.mongodb.rds.aliyuncs.com",
            "Port": "3717",
        }
        for k in (1, 2)
    ]


# --- PolarDB -----------------------------------------------------------------------


def _polardb(r: Region) -> None:
    listed = [_polardb_cluster(r, n) for n in range(r.counts["polardb"])]
    r.put("polardb", "DescribeDBClusters", {"Items": {"DBCluster": listed}})
    answers: dict[str, Callable[[str], Any]] = {
        "DescribeDBClusterAccessWhitelist": lambda c: {
            "Items": {
                "DBClusterIPArray": _whitelist(
                    r,
                    "DBClusterIPArrayName",
                    "SecurityIps",
                    "DBClusterIPArrayAttribute",
                )
            }
        },
        "DescribeDBClusterEndpoints": lambda c: {"Items": _polardb_endpoints(r, c)},
        "DescribeDBClusterSSL": lambda c: {
            "SSLAutoRotate": "Enable",
            "Items": [
                {
                    "DBEndpointId": f"pe-{c[3:]}{kind}",
                    "SSLEnabled": _switch(r, 0.6, "Enabled", "Disabled"),
                }
                for kind in ("cl", "pr")
            ],
        },
        "DescribeDBClusterTDE": lambda c: {
            "DBClusterId": c,
            "TDEStatus": _switch(r, 0.4, "Enabled", "Disabled"),
        },
        "DescribeDBClusterAuditLogCollector": lambda c: {
            "CollectorStatus": _switch(r, 0.5, "Enable", "Disable")
        },
        "DescribeBackupPolicy": lambda c: {
            "BackupPolicyLevel": "Normal",
            "DataLevel1BackupRetentionPeriod": r.rng.choice(["3", "7", "14"]),
            "DataLevel2BackupRetentionPeriod": r.rng.choice(["0", "0", "30", "-1"]),
            "DataLevel1BackupPeriod": _EVERY_DAY,
            "PreferredBackupPeriod": _EVERY_DAY,
            "PreferredBackupTime": "17:00Z-18:00Z",
        },
    }
    ids = [c["DBClusterId"] for c in listed]
    _put_details(r, "polardb", "DBClusterId", ids, answers)


def _polardb_cluster(r: Region, n: int) -> dict[str, Any]:
    cluster_id = r.ident("pc", n)
    pay_type, expiry = _pay_type(r, "Prepaid", "Postpaid")
    nodes = [
        {
            "DBNodeId": f"pi-{cluster_id[3:]}{k}",
            "DBNodeRole": "Writer" if k == 1 else "Reader",
            "ZoneId": r.rng.choice(r.zones[:2]),
        }
        for k in range(1, r.rng.randint(2, 3) + 1)
    ]
    return {
        "DBClusterId": cluster_id,
        "DBClusterDescription": f"cluster-{r.tag}-{n}",
        "RegionId": r.name,
        "ZoneId": nodes[0]["ZoneId"],
        "DBType": "MySQL",
        "DBVersion": "8.0",
        "DBClusterStatus": "Running",
        "PayType": pay_type,
        "ExpireTime": expiry,
        "DeletionLock": n % 2,
        "Engine": "POLARDB",
        "DBNodes": {"DBNode": nodes},
    }


def _polardb_endpoints(r: Region, cluster_id: str) -> list[dict[str, Any]]:
    public = r.chance(0.15)
    endpoints = []
    for kind, endpoint_type in (("cl", "Cluster"), ("pr", "Primary")):
        addresses = [
            {
                "NetType": "Private",
                "ConnectionString": f"{cluster_id}{kind}.rwlb.rds.aliyuncs.com",
                "Port": "3306",
            }
        ]
        if public and endpoint_type == "Cluster":
            addresses.append(
                {
                    "NetType": "Public",
                    "ConnectionString": f"{cluster_id}pub.rwlb.rds.aliyuncs.com",
                    "Port": "3306",
                }
            )
        endpoints.append(
            {
                "DBClusterId": cluster_id,
                "DBEndpointId": f"pe-{cluster_id[3:]}{kind}",
                "EndpointType": endpoint_type,
                "AddressItems": addresses,
            }
        )
    return endpoints


# --- AnalyticDB for PostgreSQL -----------------------------------------------------


def _gpdb(r: Region) -> None:
    ids = r.ids("gp", "gpdb")
    listed = [
        {
            "DBInstanceId": g,
            "RegionId": r.name,
            "ZoneId": r.zones[0],
            "DBInstanceStatus": "Running",
            "Engine": "gpdb",
        }
        for g in ids
    ]
    r.put("gpdb", "DescribeDBInstances", {"Items": {"DBInstance": listed}})
    answers: dict[str, Callable[[str], Any]] = {
        "DescribeDBInstanceIPArrayList": lambda g: {
            "Items": {
                "DBInstanceIPArray": _whitelist(
                    r,
                    "DBInstanceIPArrayName",
                    "SecurityIPList",
                    "DBInstanceIPArrayAttribute",
                )
            }
        },
        "DescribeDBInstanceNetInfo": lambda g: {
            "DBInstanceNetInfos": {"DBInstanceNetInfo": _gpdb_endpoints(r, g)}
        },
        "DescribeDBInstanceSSL": lambda g: {
            "DBInstanceId": g,
            "SSLEnabled": r.chance(0.5),
        },
    }
    _put_details(r, "gpdb", "DBInstanceId", ids, answers)


def _gpdb_endpoints(r: Region, instance_id: str) -> list[dict[str, Any]]:
    networks = [("Intranet", "Private")]
    if r.chance(0.15):
        networks.append(("Internet", "Public"))
    return [
        {
            "AddressType": address_type,
            "IPType": ip_type,
            "ConnectionString": f"{instance_id}-{ip_type.lower()}.gpdb.aliyuncs.com",
            "Port": "5432",
        }
        for address_type, ip_type in networks
    ]
