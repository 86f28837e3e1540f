"""Databases: RDS, Redis (Tair), MongoDB, PolarDB and AnalyticDB for PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._common import Region, by


def build(r: Region) -> None:
    _rds(r)
    _redis(r)
    _mongodb(r)
    _polardb(r)
    _gpdb(r)


def _rds(r: Region) -> None:
    ids = r.ids("rm", "rds")
    rng = r.rng
    listed = [
        {
            "DBInstanceId": i,
            "RegionId": r.name,
            "ZoneId": r.zones[0],
            "Engine": "MySQL",
            "EngineVersion": "8.0",
            "DBInstanceStatus": "Running",
            "PayType": "Postpaid",
            "DBInstanceNetType": "Intranet",
            "InstanceNetworkType": "VPC",
            "VpcId": r.vpc_ids[0],
        }
        for i in ids
    ]
    r.put("rds", "DescribeDBInstances", {"Items": {"DBInstance": listed}})
    details: dict[str, Callable[[str], dict[str, Any]]] = {
        "DescribeDBInstanceAttribute": lambda i: {
            "Items": {
                "DBInstanceAttribute": [
                    {
                        "DBInstanceId": i,
                        "ZoneId": r.zones[0],
                        "Engine": "MySQL",
                        "Category": rng.choice(["HighAvailability", "Basic"]),
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
                "DBInstanceIPArray": [
                    {
                        "DBInstanceIPArrayName": "default",
                        "DBInstanceIPArrayAttribute": "",
                        "SecurityIPList": rng.choice(["10.0.0.0/8", "0.0.0.0/0"]),
                        "SecurityIPType": "IPv4",
                    }
                ]
            }
        },
        "DescribeDBInstanceSSL": lambda i: {
            "SSLEnabled": rng.choice(["Yes", "No"]),
            "ForceEncryption": "0",
            "ConnectionString": f"{i}.mysql.rds.aliyuncs.com",
        },
        "DescribeDBInstanceTDE": lambda i: {
            "TDEStatus": rng.choice(["Enabled", "Disabled"])
        },
        "DescribeInstanceAutoRenewalAttribute": lambda i: {
            "Items": {
                "Item": [
                    {
                        "DBInstanceId": i,
                        "AutoRenew": "False",
                        "Duration": 1,
                        "RegionId": r.name,
                    }
                ]
            }
        },
        "DescribeParameters": lambda i: {
            "Engine": "MySQL",
            "EngineVersion": "8.0",
            "RunningParameters": {
                "DBInstanceParameter": [
                    {
                        "ParameterName": "require_secure_transport",
                        "ParameterValue": rng.choice(["ON", "OFF"]),
                    }
                ]
            },
        },
        "DescribeSQLCollectorPolicy": lambda i: {
            "SQLCollectorStatus": rng.choice(["Enable", "Disabled"]),
            "StoragePeriod": 30,
        },
        "DescribeSQLCollectorRetention": lambda i: {"ConfigValue": "30"},
    }
    for action, answer in details.items():
        r.put_each("rds", action, "DBInstanceId", ids, answer)


def _redis(r: Region) -> None:
    ids = r.ids("r", "redis")
    listed = [
        {
            "InstanceId": i,
            "RegionId": r.name,
            "ZoneId": r.zones[0],
            "InstanceStatus": "Normal",
            "ArchitectureType": "standard",
            "EngineVersion": "7.0",
            "ChargeType": "PostPaid",
        }
        for i in ids
    ]
    r.put("r-kvstore", "DescribeInstances", {"Instances": {"KVStoreInstance": listed}})
    r.put(
        "r-kvstore",
        "DescribeInstanceAttribute",
        by(
            "InstanceId",
            {
                i: {
                    "Instances": {
                        "DBInstanceAttribute": [
                            {
                                "InstanceId": i,
                                "ZoneId": r.zones[0],
                                "SecondaryZoneId": r.zones[1] if n % 2 else "",
                                "InstanceReleaseProtection": n % 3 == 0,
                            }
                        ]
                    }
                }
                for n, i in enumerate(ids)
            },
        ),
    )


def _mongodb(r: Region) -> None:
    ids = r.ids("dds", "mongodb")
    listed = [
        {
            "DBInstanceId": m,
            "RegionId": r.name,
            "ZoneId": r.zones[0],
            "DBInstanceStatus": "Running",
            "Engine": "MongoDB",
            "DBInstanceType": "replicate",
        }
        for m in ids
    ]
    r.put("dds", "DescribeDBInstances", {"DBInstances": {"DBInstance": listed}})
    r.put_each(
        "dds",
        "DescribeDBInstanceAttribute",
        "DBInstanceId",
        ids,
        lambda m: {
            "DBInstances": {
                "DBInstance": [
                    {
                        "DBInstanceId": m,
                        "ZoneId": r.zones[0],
                        "SecondaryZoneId": r.zones[1],
                        "DBInstanceReleaseProtection": True,
                    }
                ]
            }
        },
    )


def _polardb(r: Region) -> None:
    ids = r.ids("pc", "polardb")
    listed = [
        {
            "DBClusterId": c,
            "RegionId": r.name,
            "ZoneId": ",".join(r.zones[:2]),
            "DBClusterStatus": "Running",
            "DeletionLock": n % 2,
            "Engine": "MySQL",
        }
        for n, c in enumerate(ids)
    ]
    r.put("polardb", "DescribeDBClusters", {"Items": {"DBCluster": listed}})


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
    details: dict[str, Callable[[str], dict[str, Any]]] = {
        "DescribeDBInstanceIPArrayList": lambda g: {
            "Items": {
                "DBInstanceIPArray": [
                    {
                        "DBInstanceIPArrayName": "default",
                        "SecurityIPList": "10.0.0.0/8",
                    }
                ]
            }
        },
        "DescribeDBInstanceNetInfo": lambda g: {
            "DBInstanceNetInfos": {
                "DBInstanceNetInfo": [
                    {
                        "ConnectionString": f"{g}.gpdb.aliyuncs.com",
                        "IPType": "Private",
                    }
                ]
            }
        },
        "DescribeDBInstanceSSL": lambda g: {"DBInstanceId": g, "SSLEnabled": True},
    }
    for action, answer in details.items():
        r.put_each("gpdb", action, "DBInstanceId", ids, answer)
