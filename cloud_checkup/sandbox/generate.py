"""Generate a large, deterministic sandbox account for scale tests and the benchmark.

``generate(regions=20, resources=10_000, seed=1)`` returns a dataset mapping (format
``cloud-checkup-sandbox/1``) whose responses use Alibaba's own field names, in the
proportions of a typical production account: mostly instances and their disks, fewer
security groups (each with many rules), databases, buckets, RAM users and AI assets.
The same arguments always give the same account.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

ACCOUNT_ID = "1357924680135792"
ACCESS_KEY_ID = "LTAI5tGeneratedAuditor01"
ACCESS_KEY_SECRET = "generated-sandbox-secret-not-real"

# Share of the resource budget per kind; disks come with instances (about 1.4 each).
REGIONAL_SHARES: dict[str, float] = {
    "instances": 0.25,
    "disks": 0.35,
    "security_groups": 0.05,
    "vpcs": 0.02,
    "load_balancers": 0.03,
    "rds": 0.04,
    "redis": 0.02,
    "mongodb": 0.01,
    "polardb": 0.01,
    "kms_keys": 0.01,
    "dsw": 0.01,
    "eas": 0.01,
    "dlc_jobs": 0.02,
    "gpdb": 0.01,
    "sls_projects": 0.01,
}
GLOBAL_SHARES: dict[str, float] = {
    "buckets": 0.05,
    "ram_users": 0.04,
    "ram_roles": 0.015,
    "custom_policies": 0.005,
}
RULES_PER_GROUP = (20, 60)

_BASE_REGIONS = (
    "cn-hangzhou",
    "cn-shanghai",
    "cn-beijing",
    "cn-shenzhen",
    "cn-qingdao",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-chengdu",
    "cn-guangzhou",
    "cn-heyuan",
    "cn-hongkong",
    "ap-southeast-1",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-northeast-1",
    "ap-northeast-2",
    "us-west-1",
    "us-east-1",
    "eu-central-1",
    "eu-west-1",
    "me-east-1",
    "ap-southeast-6",
    "ap-southeast-7",
    "cn-fuzhou",
    "cn-nanjing",
)

_PORTS = (
    "22/22",
    "3389/3389",
    "80/80",
    "443/443",
    "3306/3306",
    "6379/6379",
    "8080/8080",
    "1/65535",
    "-1/-1",
    "9200/9200",
)
_SOURCES = (
    "0.0.0.0/0",
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "::/0",
)


def region_ids(count: int) -> list[str]:
    """``count`` real-looking region ids (real ones first, then numbered ones)."""
    regions = list(_BASE_REGIONS[:count])
    regions += [f"xx-generated-{n}" for n in range(1, count - len(regions) + 1)]
    return regions


def generate(regions: int = 20, resources: int = 10_000, seed: int = 1) -> dict:
    """A dataset of about ``resources`` resources spread over ``regions`` regions.

    Raises:
        ValueError: fewer than one region or a negative resource count.
    """
    if regions < 1 or resources < 0:
        raise ValueError("need at least one region and a non-negative resource count")
    rng = random.Random(seed)
    names = region_ids(regions)
    services: dict[str, dict[str, dict[str, Any]]] = {}
    for index, region in enumerate(names):
        counts = {
            kind: _spread(resources * share, regions, index)
            for kind, share in REGIONAL_SHARES.items()
        }
        _Region(rng, region, index, counts).add_to(services)
    counts = {k: round(resources * s) for k, s in GLOBAL_SHARES.items()}
    _add_global(services, rng, counts, names)
    return {
        "format": "cloud-checkup-sandbox/1",
        "account": {"id": ACCOUNT_ID, "alias": f"generated-{regions}r-{resources}"},
        "identities": [
            {
                "access_key_id": ACCESS_KEY_ID,
                "access_key_secret": ACCESS_KEY_SECRET,
                "arn": f"acs:ram::{ACCOUNT_ID}:user/checkup-auditor",
            }
        ],
        "regions": names,
        "services": services,
    }


def _spread(total: float, parts: int, index: int) -> int:
    """An even share of ``total`` for part ``index``, the remainder to the first."""
    whole = int(round(total))
    return whole // parts + (1 if index < whole % parts else 0)


def _put(services: dict, product: str, region: str, action: str, body: Any) -> None:
    services.setdefault(product, {}).setdefault(region, {})[action] = body


def _by(param: str, responses: dict[str, Any]) -> dict[str, Any]:
    return {"by": param, "responses": responses}


def _time(rng: random.Random, *, seconds: bool = False) -> str:
    year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    return f"{year}-{month:02d}-{day:02d}T{clock}{':00' if seconds else ''}Z"


class _Region:
    """One region's resources; ids carry the region's index so they never collide."""

    def __init__(self, rng: random.Random, region: str, index: int, counts: dict):
        self.rng = rng
        self.region = region
        self.tag = f"{index:02d}"
        self.counts = counts
        self.zones = [f"{region}-{z}" for z in "abc"]

    def ident(self, prefix: str, n: int) -> str:
        return f"{prefix}-r{self.tag}x{n:05d}"

    def add_to(self, services: dict) -> None:
        builders: list[Callable[[dict], None]] = [
            self._network,
            self._compute,
            self._databases,
            self._load_balancers,
            self._kms,
            self._ai,
            self._logging,
        ]
        for build in builders:
            build(services)

    # --- network and compute --------------------------------------------------------

    def _network(self, services: dict) -> None:
        vpcs = [
            {
                "VpcId": self.ident("vpc", n),
                "VpcName": f"vpc-{n}",
                "RegionId": self.region,
                "CidrBlock": f"10.{n % 250}.0.0/16",
                "Status": "Available",
                "IsDefault": n == 0,
                "CreationTime": _time(self.rng, seconds=True),
                "VSwitchIds": {"VSwitchId": [self.ident("vsw", n)]},
            }
            for n in range(max(1, self.counts["vpcs"]))
        ]
        self.vpc_ids = [v["VpcId"] for v in vpcs]
        _put(services, "vpc", self.region, "DescribeVpcs", {"Vpcs": {"Vpc": vpcs}})
        logs = [
            {
                "FlowLogId": self.ident("fl", n),
                "ResourceId": vpc,
                "ResourceType": "VPC",
                "Status": "Active",
                "RegionId": self.region,
            }
            for n, vpc in enumerate(self.vpc_ids)
            if n % 2 == 0
        ]
        _put(
            services,
            "vpc",
            self.region,
            "DescribeFlowLogs",
            {"FlowLogs": {"FlowLog": logs}},
        )

    def _compute(self, services: dict) -> None:
        groups = [
            self.ident("sg", n) for n in range(max(1, self.counts["security_groups"]))
        ]
        instances = [self._instance(n, groups) for n in range(self.counts["instances"])]
        disks = [self._disk(n, instances) for n in range(self.counts["disks"])]
        _put(
            services,
            "ecs",
            self.region,
            "DescribeInstances",
            {"Instances": {"Instance": instances}},
        )
        _put(services, "ecs", self.region, "DescribeDisks", {"Disks": {"Disk": disks}})
        _put(
            services,
            "ecs",
            self.region,
            "DescribeSecurityGroups",
            {"SecurityGroups": {"SecurityGroup": [self._group(g) for g in groups]}},
        )
        _put(
            services,
            "ecs",
            self.region,
            "DescribeSecurityGroupAttribute",
            _by("SecurityGroupId", {g: self._rules(g) for g in groups}),
        )
        _put(
            services,
            "ecs",
            self.region,
            "DescribeInstanceAutoRenewAttribute",
            _by("InstanceId", {i["InstanceId"]: self._renewal(i) for i in instances}),
        )
        statuses = [
            {
                "InstanceId": i["InstanceId"],
                "Status": {"Name": i["Status"]},
                "HealthStatus": {"Name": "Ok"},
                "ScheduledSystemEventSet": {"ScheduledSystemEventType": []},
            }
            for i in instances
        ]
        _put(
            services,
            "ecs",
            self.region,
            "DescribeInstancesFullStatus",
            {"InstanceFullStatusSet": {"InstanceFullStatusType": statuses}},
        )
        _put(
            services,
            "ecs",
            self.region,
            "DescribeAutoSnapshotPolicyEx",
            {
                "AutoSnapshotPolicies": {
                    "AutoSnapshotPolicy": [
                        {
                            "AutoSnapshotPolicyId": self.ident("sp", 0),
                            "AutoSnapshotPolicyName": "daily",
                            "RegionId": self.region,
                            "RetentionDays": 7,
                            "DiskNums": len(disks),
                            "Status": "Normal",
                            "TimePoints": '["2"]',
                            "RepeatWeekdays": '["1","2","3","4","5","6","7"]',
                        }
                    ]
                }
            },
        )

    def _instance(self, n: int, groups: list[str]) -> dict[str, Any]:
        rng = self.rng
        gpu = rng.random() < 0.05
        return {
            "InstanceId": self.ident("i", n),
            "InstanceName": f"app-{self.tag}-{n}",
            "RegionId": self.region,
            "ZoneId": rng.choice(self.zones),
            "Status": "Running" if rng.random() < 0.9 else "Stopped",
            "InstanceType": "ecs.gn7i-c8g1.2xlarge" if gpu else "ecs.g7.large",
            "Cpu": 8 if gpu else 2,
            "Memory": 30720 if gpu else 8192,
            "GPUAmount": 1 if gpu else 0,
            "OSName": "Alibaba Cloud Linux 3.2104 LTS 64 bit",
            "InstanceChargeType": rng.choice(["PostPaid", "PrePaid"]),
            "InstanceNetworkType": "vpc",
            "CreationTime": _time(rng),
            "ExpiredTime": "2099-12-31T15:59Z",
            "DeletionProtection": rng.random() < 0.6,
            "MetadataOptions": {
                "HttpEndpoint": "enabled",
                "HttpTokens": rng.choice(["required", "optional"]),
            },
            "VpcAttributes": {
                "VpcId": rng.choice(self.vpc_ids),
                "VSwitchId": self.ident("vsw", 0),
                "PrivateIpAddress": {"IpAddress": [f"10.0.{n // 250}.{n % 250 + 1}"]},
            },
            "PublicIpAddress": {"IpAddress": []},
            "SecurityGroupIds": {"SecurityGroupId": [rng.choice(groups)]},
            "Tags": {
                "Tag": [{"TagKey": "env", "TagValue": rng.choice(["prod", "dev"])}]
            },
        }

    def _disk(self, n: int, instances: list[dict[str, Any]]) -> dict[str, Any]:
        rng = self.rng
        owner = instances[n % len(instances)]["InstanceId"] if instances else ""
        return {
            "DiskId": self.ident("d", n),
            "RegionId": self.region,
            "ZoneId": rng.choice(self.zones),
            "InstanceId": owner,
            "Type": "system" if n < len(instances) else "data",
            "Category": "cloud_essd",
            "Size": rng.choice([40, 100, 500]),
            "Status": "In_use" if owner else "Available",
            "Encrypted": rng.random() < 0.5,
            "DeleteWithInstance": True,
            "CreationTime": _time(rng),
        }

    def _group(self, group_id: str) -> dict[str, Any]:
        return {
            "SecurityGroupId": group_id,
            "SecurityGroupName": group_id.replace("sg-", "group-"),
            "VpcId": self.vpc_ids[0],
            "SecurityGroupType": "normal",
            "CreationTime": _time(self.rng),
        }

    def _rules(self, group_id: str) -> dict[str, Any]:
        rng = self.rng
        rules = [
            {
                "Direction": rng.choice(["ingress", "ingress", "egress"]),
                "IpProtocol": rng.choice(["TCP", "tcp", "UDP", "ALL"]),
                "PortRange": rng.choice(_PORTS),
                "SourceCidrIp": rng.choice(_SOURCES),
                "Policy": rng.choice(["Accept", "accept", "Drop"]),
                "Priority": rng.randint(1, 100),
                "SecurityGroupRuleId": f"sgr-{group_id[3:]}x{k:03d}",
            }
            for k in range(rng.randint(*RULES_PER_GROUP))
        ]
        return {
            "SecurityGroupId": group_id,
            "RegionId": self.region,
            "VpcId": self.vpc_ids[0],
            "InnerAccessPolicy": "Accept",
            "Permissions": {"Permission": rules},
        }

    def _renewal(self, instance: dict[str, Any]) -> dict[str, Any]:
        status = "AutoRenewal" if self.rng.random() < 0.5 else "Normal"
        attribute = {
            "InstanceId": instance["InstanceId"],
            "AutoRenewEnabled": status == "AutoRenewal",
            "Duration": 1,
            "PeriodUnit": "Month",
            "RenewalStatus": status,
        }
        return {"InstanceRenewAttributes": {"InstanceRenewAttribute": [attribute]}}

    # --- databases --------------------------------------------------------------

    def _databases(self, services: dict) -> None:
        self._rds(services)
        redis = [self.ident("r", n) for n in range(self.counts["redis"])]
        _put(
            services,
            "r-kvstore",
            self.region,
            "DescribeInstances",
            {
                "Instances": {
                    "KVStoreInstance": [
                        {
                            "InstanceId": r,
                            "RegionId": self.region,
                            "ZoneId": self.zones[0],
                            "InstanceStatus": "Normal",
                            "ArchitectureType": "standard",
                            "EngineVersion": "7.0",
                            "ChargeType": "PostPaid",
                        }
                        for r in redis
                    ]
                }
            },
        )
        _put(
            services,
            "r-kvstore",
            self.region,
            "DescribeInstanceAttribute",
            _by(
                "InstanceId",
                {
                    r: {
                        "Instances": {
                            "DBInstanceAttribute": [
                                {
                                    "InstanceId": r,
                                    "ZoneId": self.zones[0],
                                    "SecondaryZoneId": self.zones[1] if i % 2 else "",
                                    "InstanceReleaseProtection": i % 3 == 0,
                                }
                            ]
                        }
                    }
                    for i, r in enumerate(redis)
                },
            ),
        )
        mongo = [self.ident("dds", n) for n in range(self.counts["mongodb"])]
        _put(
            services,
            "dds",
            self.region,
            "DescribeDBInstances",
            {
                "DBInstances": {
                    "DBInstance": [
                        {
                            "DBInstanceId": m,
                            "RegionId": self.region,
                            "ZoneId": self.zones[0],
                            "DBInstanceStatus": "Running",
                            "Engine": "MongoDB",
                            "DBInstanceType": "replicate",
                        }
                        for m in mongo
                    ]
                }
            },
        )
        _put(
            services,
            "dds",
            self.region,
            "DescribeDBInstanceAttribute",
            _by(
                "DBInstanceId",
                {
                    m: {
                        "DBInstances": {
                            "DBInstance": [
                                {
                                    "DBInstanceId": m,
                                    "ZoneId": self.zones[0],
                                    "SecondaryZoneId": self.zones[1],
                                    "DBInstanceReleaseProtection": True,
                                }
                            ]
                        }
                    }
                    for m in mongo
                },
            ),
        )
        clusters = [self.ident("pc", n) for n in range(self.counts["polardb"])]
        _put(
            services,
            "polardb",
            self.region,
            "DescribeDBClusters",
            {
                "Items": {
                    "DBCluster": [
                        {
                            "DBClusterId": c,
                            "RegionId": self.region,
                            "ZoneId": ",".join(self.zones[:2]),
                            "DBClusterStatus": "Running",
                            "DeletionLock": n % 2,
                            "Engine": "MySQL",
                        }
                        for n, c in enumerate(clusters)
                    ]
                }
            },
        )

    def _rds(self, services: dict) -> None:
        ids = [self.ident("rm", n) for n in range(self.counts["rds"])]
        rng = self.rng
        _put(
            services,
            "rds",
            self.region,
            "DescribeDBInstances",
            {
                "Items": {
                    "DBInstance": [
                        {
                            "DBInstanceId": i,
                            "RegionId": self.region,
                            "ZoneId": self.zones[0],
                            "Engine": "MySQL",
                            "EngineVersion": "8.0",
                            "DBInstanceStatus": "Running",
                            "PayType": "Postpaid",
                            "DBInstanceNetType": "Intranet",
                            "InstanceNetworkType": "VPC",
                            "VpcId": self.vpc_ids[0],
                        }
                        for i in ids
                    ]
                }
            },
        )
        details: dict[str, Callable[[str], dict[str, Any]]] = {
            "DescribeDBInstanceAttribute": lambda i: {
                "Items": {
                    "DBInstanceAttribute": [
                        {
                            "DBInstanceId": i,
                            "ZoneId": self.zones[0],
                            "Engine": "MySQL",
                            "Category": rng.choice(["HighAvailability", "Basic"]),
                            "DeletionProtection": rng.random() < 0.5,
                            "SlaveZones": {"SlaveZone": [{"ZoneId": self.zones[1]}]},
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
                            "RegionId": self.region,
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
        for action, build in details.items():
            _put(
                services,
                "rds",
                self.region,
                action,
                _by("DBInstanceId", {i: build(i) for i in ids}),
            )

    def _load_balancers(self, services: dict) -> None:
        ids = [self.ident("lb", n) for n in range(self.counts["load_balancers"])]
        _put(
            services,
            "slb",
            self.region,
            "DescribeLoadBalancers",
            {
                "LoadBalancers": {
                    "LoadBalancer": [
                        {
                            "LoadBalancerId": i,
                            "RegionId": self.region,
                            "LoadBalancerStatus": "active",
                            "AddressType": "internet",
                            "MasterZoneId": self.zones[0],
                            "SlaveZoneId": self.zones[1],
                            "DeleteProtection": "on",
                        }
                        for i in ids
                    ]
                }
            },
        )
        _put(
            services,
            "slb",
            self.region,
            "DescribeLoadBalancerAttribute",
            _by(
                "LoadBalancerId",
                {
                    i: {
                        "LoadBalancerId": i,
                        "BackendServers": {
                            "BackendServer": [
                                {
                                    "ServerId": self.ident("i", 0),
                                    "Weight": 100,
                                    "Type": "ecs",
                                }
                            ]
                        },
                    }
                    for i in ids
                },
            ),
        )
        _put(
            services,
            "slb",
            self.region,
            "DescribeLoadBalancerListeners",
            {
                "Listeners": [
                    {
                        "LoadBalancerId": i,
                        "ListenerPort": 443,
                        "ListenerProtocol": "https",
                        "Status": "running",
                        "HTTPSListenerConfig": {"HealthCheck": "on"},
                    }
                    for i in ids
                ]
            },
        )

    def _kms(self, services: dict) -> None:
        keys = [f"key-r{self.tag}x{n:05d}" for n in range(self.counts["kms_keys"])]
        _put(
            services,
            "kms",
            self.region,
            "ListKeys",
            {
                "Keys": {
                    "Key": [
                        {
                            "KeyId": k,
                            "KeyArn": f"acs:kms:{self.region}:{ACCOUNT_ID}:key/{k}",
                        }
                        for k in keys
                    ]
                }
            },
        )
        _put(
            services,
            "kms",
            self.region,
            "DescribeKey",
            _by(
                "KeyId",
                {
                    k: {
                        "KeyMetadata": {
                            "KeyId": k,
                            "KeyState": "Enabled",
                            "Origin": "Aliyun_KMS",
                            "KeySpec": "Aliyun_AES_256",
                            "AutomaticRotation": self.rng.choice(
                                ["Enabled", "Disabled"]
                            ),
                            "DeletionProtection": self.rng.choice(
                                ["Enabled", "Disabled"]
                            ),
                        }
                    }
                    for k in keys
                },
            ),
        )

    # --- AI assets and logging ------------------------------------------------------

    def _ai(self, services: dict) -> None:
        rng = self.rng
        _put(
            services,
            "pai-dsw",
            self.region,
            "ListInstances",
            {
                "Instances": [
                    {
                        "InstanceId": self.ident("dsw", n),
                        "InstanceName": f"notebook-{n}",
                        "WorkspaceId": "86120",
                        "Status": "Running",
                        "Accessibility": rng.choice(["PRIVATE", "PUBLIC"]),
                        "AcceleratorType": "GPU",
                        "EcsSpec": "ecs.gn7i-c8g1.2xlarge",
                        "PaymentType": "PayAsYouGo",
                    }
                    for n in range(self.counts["dsw"])
                ]
            },
        )
        services_ = [f"svc_r{self.tag}x{n:05d}" for n in range(self.counts["eas"])]
        _put(
            services,
            "eas",
            self.region,
            "ListServices",
            {
                "Services": [
                    {
                        "ServiceName": s,
                        "ServiceId": f"eas-m-{s}",
                        "Region": self.region,
                        "Status": "Running",
                        "TotalInstance": rng.randint(1, 3),
                        "RunningInstance": 1,
                        "SafetyLock": rng.choice(["dangerous", "none", "all"]),
                    }
                    for s in services_
                ]
            },
        )
        _put(
            services,
            "eas",
            self.region,
            "DescribeService",
            _by(
                "ServiceName",
                {
                    s: {
                        "ServiceName": s,
                        "Region": self.region,
                        "Status": "Running",
                        "AccessToken": "",
                        "InternetEndpoint": "",
                        "IntranetEndpoint": f"http://{s}.vpc",
                    }
                    for s in services_
                },
            ),
        )
        _put(
            services,
            "pai-dlc",
            self.region,
            "ListJobs",
            {
                "Jobs": [
                    {
                        "JobId": self.ident("dlc", n),
                        "DisplayName": f"train-{n}",
                        "Status": "Succeeded",
                        "WorkspaceId": "86120",
                        "JobType": "PyTorchJob",
                    }
                    for n in range(self.counts["dlc_jobs"])
                ]
            },
        )
        gpdb = [self.ident("gp", n) for n in range(self.counts["gpdb"])]
        _put(
            services,
            "gpdb",
            self.region,
            "DescribeDBInstances",
            {
                "Items": {
                    "DBInstance": [
                        {
                            "DBInstanceId": g,
                            "RegionId": self.region,
                            "ZoneId": self.zones[0],
                            "DBInstanceStatus": "Running",
                            "Engine": "gpdb",
                        }
                        for g in gpdb
                    ]
                }
            },
        )
        _put(
            services,
            "gpdb",
            self.region,
            "DescribeDBInstanceIPArrayList",
            _by(
                "DBInstanceId",
                {
                    g: {
                        "Items": {
                            "DBInstanceIPArray": [
                                {
                                    "DBInstanceIPArrayName": "default",
                                    "SecurityIPList": "10.0.0.0/8",
                                }
                            ]
                        }
                    }
                    for g in gpdb
                },
            ),
        )
        _put(
            services,
            "gpdb",
            self.region,
            "DescribeDBInstanceNetInfo",
            _by(
                "DBInstanceId",
                {
                    g: {
                        "DBInstanceNetInfos": {
                            "DBInstanceNetInfo": [
                                {
                                    "ConnectionString": f"{g}.gpdb.aliyuncs.com",
                                    "IPType": "Private",
                                }
                            ]
                        }
                    }
                    for g in gpdb
                },
            ),
        )
        _put(
            services,
            "gpdb",
            self.region,
            "DescribeDBInstanceSSL",
            _by(
                "DBInstanceId",
                {g: {"DBInstanceId": g, "SSLEnabled": True} for g in gpdb},
            ),
        )

    def _logging(self, services: dict) -> None:
        trail = {
            "Name": "account-trail",
            "HomeRegion": "cn-hangzhou",
            "TrailRegion": "All",
            "Status": "Enable",
            "EventRW": "All",
            "OssBucketName": "trail-logs",
        }
        _put(
            services,
            "actiontrail",
            self.region,
            "DescribeTrails",
            {"TrailList": [trail]},
        )
        self._log_projects(services)

    def _log_projects(self, services: dict) -> None:
        """Log Service projects with a few logstores each (retention from a week to
        for ever) and, in some, alert rules on ActionTrail events."""
        projects, logstores, settings, alerts = [], {}, {}, {}
        for n in range(self.counts["sls_projects"]):
            name = f"logs-r{self.tag}x{n:04d}"
            projects.append(
                {
                    "projectName": name,
                    "region": self.region,
                    "status": "Normal",
                    "owner": ACCOUNT_ID,
                    "description": "",
                    "dataRedundancyType": self.rng.choice(["LRS", "ZRS"]),
                    "createTime": _time(self.rng).replace("T", " ").rstrip("Z"),
                }
            )
            stores = [f"store-{k}" for k in range(self.rng.randint(2, 6))]
            logstores[name] = {"logstores": stores}
            settings[name] = _by(
                "logstore",
                {
                    store: {
                        "logstoreName": store,
                        "ttl": self.rng.choice([7, 30, 90, 180, 365, 3650]),
                        "shardCount": 2,
                        "autoSplit": True,
                        "maxSplitShard": 64,
                        "mode": "standard",
                    }
                    for store in stores
                },
            )
            alerts[name] = {"results": [self._alert(k) for k in range(n % 3)]}
        _put(services, "sls", self.region, "ListProject", {"projects": projects})
        _put(services, "sls", self.region, "ListLogStores", _by("project", logstores))
        _put(services, "sls", self.region, "GetLogStore", _by("project", settings))
        _put(services, "sls", self.region, "ListAlerts", _by("project", alerts))

    def _alert(self, k: int) -> dict[str, Any]:
        query = self.rng.choice(
            [
                "event.userIdentity.type: root-account",
                "event.eventName: AuthorizeSecurityGroup or event.eventName: "
                "RevokeSecurityGroup",
                "event.errorCode: NoPermission",
                "status >= 500",
            ]
        )
        return {
            "name": f"alert-{k}",
            "displayName": f"Alert {k}",
            "status": self.rng.choice(["ENABLED", "ENABLED", "DISABLED"]),
            "configuration": {
                "version": "2.0",
                "type": "default",
                "queryList": [{"query": query, "store": "store-0", "storeType": "log"}],
            },
        }


def _add_global(
    services: dict, rng: random.Random, counts: dict[str, int], regions: list[str]
) -> None:
    buckets = [
        {
            "Name": f"bucket-{n:05d}",
            "Location": f"oss-{regions[n % len(regions)]}",
            "Region": regions[n % len(regions)],
            "CreationDate": _time(rng, seconds=True),
            "StorageClass": "Standard",
        }
        for n in range(counts["buckets"])
    ]
    _put(
        services,
        "oss",
        "global",
        "ListBuckets",
        {
            "ListAllMyBucketsResult": {
                "Owner": {"ID": ACCOUNT_ID, "DisplayName": ACCOUNT_ID},
                "Buckets": {"Bucket": buckets},
            }
        },
    )
    _put(
        services,
        "oss",
        "global",
        "GetBucketInfo",
        _by(
            "bucket",
            {
                b["Name"]: {
                    "BucketInfo": {
                        "Bucket": {
                            "Name": b["Name"],
                            "Location": b["Location"],
                            "AccessControlList": {
                                "Grant": rng.choice(
                                    ["private", "private", "public-read"]
                                )
                            },
                            "ServerSideEncryptionRule": {
                                "SSEAlgorithm": rng.choice(["KMS", "AES256", "None"])
                            },
                            "Versioning": rng.choice(["Enabled", "Suspended"]),
                            "DataRedundancyType": rng.choice(["LRS", "ZRS"]),
                            "BlockPublicAccess": "false",
                        }
                    }
                }
                for b in buckets
            },
        ),
    )
    _ram(services, rng, counts)


def _ram(services: dict, rng: random.Random, counts: dict[str, int]) -> None:
    users = [f"user-{n:05d}" for n in range(counts["ram_users"])]
    _put(
        services,
        "ram",
        "global",
        "ListUsers",
        {
            "Users": {
                "User": [
                    {
                        "UserName": u,
                        "UserId": str(200000000000000 + n),
                        "DisplayName": u,
                        "CreateDate": _time(rng, seconds=True),
                    }
                    for n, u in enumerate(users)
                ]
            }
        },
    )
    details: dict[str, Callable[[str], Any]] = {
        "GetUser": lambda u: {
            "User": {"UserName": u, "LastLoginDate": _time(rng, seconds=True)}
        },
        "GetLoginProfile": lambda u: (
            {"LoginProfile": {"UserName": u, "MFABindRequired": True}}
            if rng.random() < 0.4
            else {
                "$error": {
                    "Code": "EntityNotExist.User.LoginProfile",
                    "HttpStatus": 404,
                }
            }
        ),
        "GetUserMFAInfo": lambda u: (
            {"MFADevice": {"SerialNumber": f"acs:ram::{ACCOUNT_ID}:mfa/{u}"}}
            if rng.random() < 0.5
            else {
                "$error": {"Code": "EntityNotExist.User.MFADevice", "HttpStatus": 404}
            }
        ),
        "ListAccessKeys": lambda u: {
            "AccessKeys": {
                "AccessKey": [
                    {
                        "AccessKeyId": f"LTAI{u.replace('-', '')}k",
                        "Status": "Active",
                        "CreateDate": _time(rng, seconds=True),
                    }
                ]
            }
        },
        "ListPoliciesForUser": lambda u: {
            "Policies": {
                "Policy": [{"PolicyName": "ReadOnlyAccess", "PolicyType": "System"}]
            }
        },
    }
    for action, build in details.items():
        _put(
            services,
            "ram",
            "global",
            action,
            _by("UserName", {u: build(u) for u in users}),
        )
    roles = [f"role-{n:05d}" for n in range(counts["ram_roles"])]
    _put(
        services,
        "ram",
        "global",
        "ListRoles",
        {
            "Roles": {
                "Role": [
                    {
                        "RoleName": r,
                        "RoleId": str(300000000000000 + n),
                        "Arn": f"acs:ram::{ACCOUNT_ID}:role/{r}",
                    }
                    for n, r in enumerate(roles)
                ]
            }
        },
    )
    trust = json.dumps(
        {
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {"Service": ["ecs.aliyuncs.com"]},
                }
            ],
            "Version": "1",
        }
    )
    _put(
        services,
        "ram",
        "global",
        "GetRole",
        _by(
            "RoleName",
            {
                r: {"Role": {"RoleName": r, "AssumeRolePolicyDocument": trust}}
                for r in roles
            },
        ),
    )
    policies = [f"policy-{n:05d}" for n in range(counts["custom_policies"])]
    _put(
        services,
        "ram",
        "global",
        "ListPolicies",
        {
            "Policies": {
                "Policy": [
                    {
                        "PolicyName": p,
                        "PolicyType": "Custom",
                        "DefaultVersion": "v1",
                        "AttachmentCount": 1,
                    }
                    for p in policies
                ]
            }
        },
    )
    document = json.dumps(
        {
            "Statement": [
                {"Action": "ecs:Describe*", "Effect": "Allow", "Resource": "*"}
            ],
            "Version": "1",
        }
    )
    _put(
        services,
        "ram",
        "global",
        "GetPolicy",
        _by(
            "PolicyName",
            {
                p: {
                    "Policy": {"PolicyName": p, "PolicyType": "Custom"},
                    "DefaultPolicyVersion": {
                        "VersionId": "v1",
                        "IsDefaultVersion": True,
                        "PolicyDocument": document,
                    },
                }
                for p in policies
            },
        ),
    )
    _put(
        services,
        "ram",
        "global",
        "GetPasswordPolicy",
        {
            "PasswordPolicy": {
                "MinimumPasswordLength": 12,
                "RequireLowercaseCharacters": True,
                "RequireUppercaseCharacters": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "MaxPasswordAge": 90,
                "PasswordReusePrevention": 5,
                "MaxLoginAttemps": 5,
                "HardExpiry": False,
            }
        },
    )
