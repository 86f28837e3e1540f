"""ECS: instances, their disks, security groups and rules, renewal and snapshots."""

from __future__ import annotations

from typing import Any

from ._common import Region, past_time

RULES_PER_GROUP = (20, 60)

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


def build(r: Region) -> None:
    groups = r.ids("sg", "security_groups") or [r.ident("sg", 0)]
    r.instances = [_instance(r, n, groups) for n in range(r.counts["instances"])]
    disks = [_disk(r, n) for n in range(r.counts["disks"])]
    r.put("ecs", "DescribeInstances", {"Instances": {"Instance": r.instances}})
    r.put("ecs", "DescribeDisks", {"Disks": {"Disk": disks}})
    _security_groups(r, groups)
    instance_ids = [i["InstanceId"] for i in r.instances]
    r.put_each(
        "ecs",
        "DescribeInstanceAutoRenewAttribute",
        "InstanceId",
        instance_ids,
        lambda i: _renewal(r, i),
    )
    _full_status(r)
    _snapshot_policy(r, len(disks))


def _instance(r: Region, n: int, groups: list[str]) -> dict[str, Any]:
    rng = r.rng
    gpu = rng.random() < 0.05
    return {
        "InstanceId": r.ident("i", n),
        "InstanceName": f"app-{r.tag}-{n}",
        "RegionId": r.name,
        "ZoneId": rng.choice(r.zones),
        "Status": "Running" if rng.random() < 0.9 else "Stopped",
        "InstanceType": "ecs.gn7i-c8g1.2xlarge" if gpu else "ecs.g7.large",
        "Cpu": 8 if gpu else 2,
        "Memory": 30720 if gpu else 8192,
        "GPUAmount": 1 if gpu else 0,
        "OSName": "Alibaba Cloud Linux 3.2104 LTS 64 bit",
        "InstanceChargeType": rng.choice(["PostPaid", "PrePaid"]),
        "InstanceNetworkType": "vpc",
        "CreationTime": past_time(rng),
        "ExpiredTime": "2099-12-31T15:59Z",
        "DeletionProtection": rng.random() < 0.6,
        "MetadataOptions": {
            "HttpEndpoint": "enabled",
            "HttpTokens": rng.choice(["required", "optional"]),
        },
        "VpcAttributes": {
            "VpcId": rng.choice(r.vpc_ids),
            "VSwitchId": r.ident("vsw", 0),
            "PrivateIpAddress": {"IpAddress": [f"10.0.{n // 250}.{n % 250 + 1}"]},
        },
        "PublicIpAddress": {"IpAddress": []},
        "SecurityGroupIds": {"SecurityGroupId": [rng.choice(groups)]},
        "Tags": {"Tag": [{"TagKey": "env", "TagValue": rng.choice(["prod", "dev"])}]},
    }


def _disk(r: Region, n: int) -> dict[str, Any]:
    rng, instances = r.rng, r.instances
    owner = instances[n % len(instances)]["InstanceId"] if instances else ""
    return {
        "DiskId": r.ident("d", n),
        "RegionId": r.name,
        "ZoneId": rng.choice(r.zones),
        "InstanceId": owner,
        "Type": "system" if n < len(instances) else "data",
        "Category": "cloud_essd",
        "Size": rng.choice([40, 100, 500]),
        "Status": "In_use" if owner else "Available",
        "Encrypted": rng.random() < 0.5,
        "DeleteWithInstance": True,
        "CreationTime": past_time(rng),
    }


def _security_groups(r: Region, groups: list[str]) -> None:
    listed = [
        {
            "SecurityGroupId": group_id,
            "SecurityGroupName": group_id.replace("sg-", "group-"),
            "VpcId": r.vpc_ids[0],
            "SecurityGroupType": "normal",
            "CreationTime": past_time(r.rng),
        }
        for group_id in groups
    ]
    r.put(
        "ecs",
        "DescribeSecurityGroups",
        {"SecurityGroups": {"SecurityGroup": listed}},
    )
    r.put_each(
        "ecs",
        "DescribeSecurityGroupAttribute",
        "SecurityGroupId",
        groups,
        lambda g: _rules(r, g),
    )


def _rules(r: Region, group_id: str) -> dict[str, Any]:
    rng = r.rng
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
        "RegionId": r.name,
        "VpcId": r.vpc_ids[0],
        "InnerAccessPolicy": "Accept",
        "Permissions": {"Permission": rules},
    }


def _renewal(r: Region, instance_id: str) -> dict[str, Any]:
    status = "AutoRenewal" if r.chance(0.5) else "Normal"
    attribute = {
        "InstanceId": instance_id,
        "AutoRenewEnabled": status == "AutoRenewal",
        "Duration": 1,
        "PeriodUnit": "Month",
        "RenewalStatus": status,
    }
    return {"InstanceRenewAttributes": {"InstanceRenewAttribute": [attribute]}}


def _full_status(r: Region) -> None:
    statuses = [
        {
            "InstanceId": i["InstanceId"],
            "Status": {"Name": i["Status"]},
            "HealthStatus": {"Name": "Ok"},
            "ScheduledSystemEventSet": {"ScheduledSystemEventType": []},
        }
        for i in r.instances
    ]
    r.put(
        "ecs",
        "DescribeInstancesFullStatus",
        {"InstanceFullStatusSet": {"InstanceFullStatusType": statuses}},
    )


def _snapshot_policy(r: Region, disks: int) -> None:
    policy = {
        "AutoSnapshotPolicyId": r.ident("sp", 0),
        "AutoSnapshotPolicyName": "daily",
        "RegionId": r.name,
        "RetentionDays": 7,
        "DiskNums": disks,
        "Status": "Normal",
        "TimePoints": '["2"]',
        "RepeatWeekdays": '["1","2","3","4","5","6","7"]',
    }
    r.put(
        "ecs",
        "DescribeAutoSnapshotPolicyEx",
        {"AutoSnapshotPolicies": {"AutoSnapshotPolicy": [policy]}},
    )
