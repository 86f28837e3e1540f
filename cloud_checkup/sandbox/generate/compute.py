"""ECS and Auto Scaling: instances, their disks, security groups and rules, renewal,
snapshots, deployment sets and scaling groups."""

from __future__ import annotations

from typing import Any

from ._common import Region, from_now, past_time

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


# When prepaid instances run out, in days from the scan: most in months, some soon.
_EXPIRY_DAYS = (4, 12, 25, 60, 120, 240, 330)
# Deployment set strategies, and how often each is chosen.
_STRATEGIES = {"Availability": 0.7, "AvailabilityGroup": 0.15, "LowLatency": 0.15}
# How Auto Scaling groups check their instances' health.
_HEALTH_CHECKS = {"ECS": 0.6, "LOAD_BALANCER": 0.25, "NONE": 0.15}


def build(r: Region) -> None:
    groups = r.ids("sg", "security_groups") or [r.ident("sg", 0)]
    r.security_group_ids = groups
    sets = {set_id: r.pick(_STRATEGIES) for set_id in r.ids("ds", "deployment_sets")}
    r.instances = [_instance(r, n, groups, sets) for n in range(r.counts["instances"])]
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
    _snapshot_policy(r, sum("AutoSnapshotPolicyId" in d for d in disks))
    _deployment_sets(r, sets)
    _scaling_groups(r)


def _instance(
    r: Region, n: int, groups: list[str], sets: dict[str, str]
) -> dict[str, Any]:
    rng = r.rng
    gpu = rng.random() < 0.05
    zone, vpc = rng.choice(r.zones), rng.choice(r.vpc_ids)
    prepaid = rng.random() < 0.5
    instance = {
        "InstanceId": r.ident("i", n),
        "InstanceName": f"app-{r.tag}-{n}",
        "RegionId": r.name,
        "ZoneId": zone,
        "Status": "Running" if rng.random() < 0.9 else "Stopped",
        "InstanceType": "ecs.gn7i-c8g1.2xlarge" if gpu else "ecs.g7.large",
        "Cpu": 8 if gpu else 2,
        "Memory": 30720 if gpu else 8192,
        "GPUAmount": 1 if gpu else 0,
        "OSName": "Alibaba Cloud Linux 3.2104 LTS 64 bit",
        "InstanceChargeType": "PrePaid" if prepaid else "PostPaid",
        "InstanceNetworkType": "vpc",
        "CreationTime": past_time(rng),
        "ExpiredTime": _expiry(r) if prepaid else "2099-12-31T15:59Z",
        "DeletionProtection": rng.random() < 0.6,
        "MetadataOptions": {
            "HttpEndpoint": "enabled",
            "HttpTokens": rng.choice(["required", "optional"]),
        },
        "VpcAttributes": {
            "VpcId": vpc,
            "VSwitchId": r.vswitch(vpc, zone),
            "PrivateIpAddress": {"IpAddress": [f"10.0.{n // 250}.{n % 250 + 1}"]},
        },
        "PublicIpAddress": {"IpAddress": []},
        "SecurityGroupIds": {"SecurityGroupId": [rng.choice(groups)]},
        "Tags": {"Tag": [{"TagKey": "env", "TagValue": rng.choice(["prod", "dev"])}]},
    }
    return instance | _placement(r, sets)


def _expiry(r: Region) -> str:
    """A prepaid instance's expiry, in ECS's form (minutes, no seconds)."""
    return from_now(r.rng.choice(_EXPIRY_DAYS), "%Y-%m-%dT%H:%MZ")


def _placement(r: Region, sets: dict[str, str]) -> dict[str, Any]:
    """The deployment set a fifth of the instances were created in, and their group
    in sets of the AvailabilityGroup strategy."""
    if not sets or not r.chance(0.2):
        return {}
    set_id = r.rng.choice(list(sets))
    if sets[set_id] == "AvailabilityGroup":
        return {"DeploymentSetId": set_id, "DeploymentSetGroupNo": r.rng.randint(1, 3)}
    return {"DeploymentSetId": set_id}


def _disk(r: Region, n: int) -> dict[str, Any]:
    """A disk; the first of them are the instances' system disks. Most follow the
    region's daily snapshot policy, some deleting its snapshots with the disk."""
    rng, instances = r.rng, r.instances
    owner = instances[n % len(instances)]["InstanceId"] if instances else ""
    disk = {
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
    if r.chance(0.6):
        disk |= {
            "EnableAutoSnapshot": True,
            "AutoSnapshotPolicyId": _snapshot_policy_id(r),
            "DeleteAutoSnapshot": r.chance(0.3),
        }
    return disk


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


def _snapshot_policy_id(r: Region) -> str:
    return r.ident("sp", 0)


def _snapshot_policy(r: Region, disks: int) -> None:
    policy = {
        "AutoSnapshotPolicyId": _snapshot_policy_id(r),
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


def _deployment_sets(r: Region, sets: dict[str, str]) -> None:
    listed = []
    for set_id, strategy in sets.items():
        members = [
            i["InstanceId"] for i in r.instances if i.get("DeploymentSetId") == set_id
        ]
        listed.append(
            {
                "DeploymentSetId": set_id,
                "DeploymentSetName": set_id.replace("ds-", "spread-"),
                "Strategy": strategy,
                "DeploymentStrategy": strategy,
                "Domain": "Default",
                "Granularity": "Host",
                "InstanceAmount": len(members),
                "InstanceIds": {"InstanceId": members},
                "CreationTime": past_time(r.rng),
            }
        )
    r.put(
        "ecs",
        "DescribeDeploymentSets",
        {"RegionId": r.name, "DeploymentSets": {"DeploymentSet": listed}},
    )


def _scaling_groups(r: Region) -> None:
    """Auto Scaling groups over one to three zones, most with a health check."""
    listed = []
    for n, group_id in enumerate(r.ids("asg", "scaling_groups")):
        vpc = r.rng.choice(r.vpc_ids)
        zones = r.rng.sample(r.zones, r.rng.randint(1, 3))
        switches = [r.vswitch(vpc, zone) for zone in zones]
        size = r.rng.randint(0, 6)
        listed.append(
            {
                "ScalingGroupId": group_id,
                "ScalingGroupName": f"scaling-{r.tag}-{n}",
                "RegionId": r.name,
                "LifecycleState": "Active" if r.chance(0.9) else "Inactive",
                "MinSize": 0,
                "MaxSize": max(size, 2) * 2,
                "TotalCapacity": size,
                "ActiveCapacity": size,
                "VpcId": vpc,
                "VSwitchId": switches[0],
                "VSwitchIds": {"VSwitchId": switches},
                "MultiAZPolicy": "BALANCE" if len(zones) > 1 else "PRIORITY",
                "HealthCheckType": r.pick(_HEALTH_CHECKS),
                "CreationTime": past_time(r.rng),
            }
        )
    r.put(
        "ess",
        "DescribeScalingGroups",
        {"ScalingGroups": {"ScalingGroup": listed}},
    )
