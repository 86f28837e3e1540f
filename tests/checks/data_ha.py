"""Builders of resilience and stability datasets in Alibaba's own response shapes.

Each builder returns a ``services`` fragment like those of ``data.py``; ``merge``
there combines them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from data import GLOBAL, REGION, iso

ZONE_H = f"{REGION}-h"
ZONE_I = f"{REGION}-i"
ZONE_J = f"{REGION}-j"


def regional(product: str, action: str, body: Any, region: str = REGION) -> dict:
    return {product: {region: {action: body}}}


def per_resource(
    product: str, action: str, by: str, responses: Mapping[str, Any], region=REGION
) -> dict:
    return {product: {region: {action: {"by": by, "responses": dict(responses)}}}}


def _merge(*fragments: Mapping[str, Any]) -> dict:
    merged: dict[str, Any] = {}
    for fragment in fragments:
        for product, regions in fragment.items():
            for region, actions in regions.items():
                merged.setdefault(product, {}).setdefault(region, {}).update(actions)
    return merged


# --- load balancers ----------------------------------------------------------------


def slb_backends(servers_by_balancer: Mapping[str, list[str] | dict]) -> dict:
    """DescribeLoadBalancerAttribute with ``{LoadBalancerId: [ECS instance ids]}``."""
    responses = {}
    for balancer_id, servers in servers_by_balancer.items():
        if isinstance(servers, dict):  # an error entry
            responses[balancer_id] = servers
            continue
        responses[balancer_id] = {
            "LoadBalancerId": balancer_id,
            "LoadBalancerStatus": "active",
            "MasterZoneId": ZONE_H,
            "SlaveZoneId": ZONE_I,
            "DeleteProtection": "on",
            "BackendServers": {
                "BackendServer": [
                    {"ServerId": server, "Weight": 100, "Type": "ecs"}
                    for server in servers
                ]
            },
        }
    return per_resource(
        "slb", "DescribeLoadBalancerAttribute", "LoadBalancerId", responses
    )


def slb_listener(balancer_id: str, protocol: str, port: int, health: Any) -> dict:
    config = {"HealthCheck": health} if health is not None else {}
    key = {
        "http": "HTTPListenerConfig",
        "https": "HTTPSListenerConfig",
        "tcp": "TCPListenerConfig",
        "udp": "UDPListenerConfig",
    }[protocol.lower()]
    return {
        "LoadBalancerId": balancer_id,
        "ListenerProtocol": protocol,
        "ListenerPort": port,
        "BackendServerPort": port,
        "Status": "running",
        "Description": f"{protocol}-{port}",
        key: config | {"HealthCheckConnectPort": port, "HealthCheckInterval": 2},
    }


def slb_listeners(*listeners: Mapping[str, Any]) -> dict:
    body = {"Listeners": list(listeners), "TotalCount": len(listeners)}
    return regional("slb", "DescribeLoadBalancerListeners", body)


def alb_load_balancers(zones_by_balancer: Mapping[str, list[str]]) -> dict:
    balancers = [
        {
            "LoadBalancerId": balancer_id,
            "LoadBalancerName": f"{balancer_id}-name",
            "LoadBalancerStatus": "Active",
            "LoadBalancerEdition": "Standard",
            "AddressType": "Internet",
            "VpcId": "vpc-shop",
            "DeletionProtectionConfig": {"Enabled": True},
        }
        for balancer_id in zones_by_balancer
    ]
    attributes = {
        balancer_id: {
            "LoadBalancerId": balancer_id,
            "ZoneMappings": [
                {"ZoneId": zone, "VSwitchId": f"vsw-{zone}"} for zone in zones
            ],
        }
        for balancer_id, zones in zones_by_balancer.items()
    }
    return _merge(
        regional("alb", "ListLoadBalancers", {"LoadBalancers": balancers}),
        per_resource("alb", "GetLoadBalancerAttribute", "LoadBalancerId", attributes),
    )


def alb_server_groups(health_by_group: Mapping[str, Any]) -> dict:
    groups = [
        {
            "ServerGroupId": group_id,
            "ServerGroupName": f"{group_id}-name",
            "ServerGroupType": "Instance",
            "Protocol": "HTTP",
            "ServerCount": 2,
            "HealthCheckConfig": {}
            if enabled is None
            else {"HealthCheckEnabled": enabled, "HealthCheckProtocol": "HTTP"},
        }
        for group_id, enabled in health_by_group.items()
    ]
    return regional("alb", "ListServerGroups", {"ServerGroups": groups})


def nlb_load_balancers(zones_by_balancer: Mapping[str, list[str]]) -> dict:
    balancers = [
        {
            "LoadBalancerId": balancer_id,
            "LoadBalancerName": f"{balancer_id}-name",
            "LoadBalancerStatus": "Active",
            "CrossZoneEnabled": True,
            "ZoneMappings": [
                {"ZoneId": zone, "VSwitchId": f"vsw-{zone}", "Status": "Active"}
                for zone in zones
            ],
        }
        for balancer_id, zones in zones_by_balancer.items()
    ]
    return regional("nlb", "ListLoadBalancers", {"LoadBalancers": balancers})


# --- databases ---------------------------------------------------------------------


def rds_attributes(attributes: Mapping[str, Mapping[str, Any]]) -> dict:
    """DescribeDBInstanceAttribute: ``{id: fields}`` or ``{id: error(...)}``."""
    responses = {
        instance_id: fields
        if "$error" in fields
        else {
            "Items": {
                "DBInstanceAttribute": [
                    {
                        "DBInstanceId": instance_id,
                        "Category": "HighAvailability",
                        "ZoneId": ZONE_H,
                        "SlaveZones": {"SlaveZone": [{"ZoneId": ZONE_I}]},
                        "DeletionProtection": True,
                    }
                    | dict(fields)
                ]
            }
        }
        for instance_id, fields in attributes.items()
    }
    return per_resource("rds", "DescribeDBInstanceAttribute", "DBInstanceId", responses)


def redis_instances(instances: Mapping[str, Mapping[str, Any]]) -> dict:
    """DescribeInstances and DescribeInstanceAttribute; values override attributes."""
    listed = [
        {
            "InstanceId": instance_id,
            "InstanceName": f"{instance_id}-cache",
            "RegionId": REGION,
            "ZoneId": ZONE_H,
            "ChargeType": fields.get("ChargeType", "PostPaid"),
            "InstanceStatus": "Normal",
            "EngineVersion": "7.0",
            "ArchitectureType": "standard",
        }
        for instance_id, fields in instances.items()
    ]
    attributes = {
        instance_id: {
            "Instances": {
                "DBInstanceAttribute": [
                    {
                        "InstanceId": instance_id,
                        "ZoneId": ZONE_H,
                        "SecondaryZoneId": ZONE_I,
                        "NodeType": "double",
                        "ChargeType": "PostPaid",
                        "InstanceReleaseProtection": True,
                    }
                    | dict(fields)
                ]
            }
        }
        for instance_id, fields in instances.items()
    }
    return _merge(
        regional(
            "r-kvstore",
            "DescribeInstances",
            {"Instances": {"KVStoreInstance": listed}, "TotalCount": len(listed)},
        ),
        per_resource(
            "r-kvstore", "DescribeInstanceAttribute", "InstanceId", attributes
        ),
    )


def mongodb_instances(instances: Mapping[str, Mapping[str, Any]]) -> dict:
    listed = [
        {
            "DBInstanceId": instance_id,
            "DBInstanceDescription": f"{instance_id}-docs",
            "RegionId": REGION,
            "ZoneId": ZONE_H,
            "ChargeType": fields.get("ChargeType", "PostPaid"),
            "DBInstanceType": "replicate",
            "Engine": "MongoDB",
            "EngineVersion": "6.0",
        }
        for instance_id, fields in instances.items()
    ]
    attributes = {
        instance_id: {
            "DBInstances": {
                "DBInstance": [
                    {
                        "DBInstanceId": instance_id,
                        "ZoneId": ZONE_H,
                        "SecondaryZoneId": ZONE_I,
                        "HiddenZoneId": ZONE_J,
                        "ReplicationFactor": "3",
                        "ChargeType": "PostPaid",
                        "DBInstanceReleaseProtection": True,
                    }
                    | dict(fields)
                ]
            }
        }
        for instance_id, fields in instances.items()
    }
    return _merge(
        regional(
            "dds",
            "DescribeDBInstances",
            {"DBInstances": {"DBInstance": listed}, "TotalCount": len(listed)},
        ),
        per_resource("dds", "DescribeDBInstanceAttribute", "DBInstanceId", attributes),
    )


def polardb_cluster(cluster_id: str, zones: list[str], **fields: Any) -> dict:
    return {
        "DBClusterId": cluster_id,
        "DBClusterDescription": f"{cluster_id}-orders",
        "RegionId": REGION,
        "ZoneId": zones[0] if zones else "",
        "PayType": "Postpaid",
        "DBType": "MySQL",
        "DBVersion": "8.0",
        "DeletionLock": 1,
        "DBNodes": {
            "DBNode": [
                {
                    "DBNodeId": f"pi-{index}",
                    "DBNodeRole": "Writer" if index == 0 else "Reader",
                    "ZoneId": zone,
                }
                for index, zone in enumerate(zones)
            ]
        },
    } | fields


def polardb_clusters(*clusters: Mapping[str, Any]) -> dict:
    body = {"Items": {"DBCluster": list(clusters)}, "TotalRecordCount": len(clusters)}
    return regional("polardb", "DescribeDBClusters", body)


# --- Auto Scaling and snapshots ----------------------------------------------------


def scaling_group(group_id: str, switches: list[str], **fields: Any) -> dict:
    return {
        "ScalingGroupId": group_id,
        "ScalingGroupName": f"{group_id}-name",
        "RegionId": REGION,
        "LifecycleState": "Active",
        "MinSize": 2,
        "MaxSize": 10,
        "VSwitchId": switches[0] if switches else "",
        "VSwitchIds": {"VSwitchId": list(switches)},
        "HealthCheckType": "ECS",
    } | fields


def scaling_groups(*groups: Mapping[str, Any]) -> dict:
    body = {
        "ScalingGroups": {"ScalingGroup": list(groups)},
        "TotalCount": len(groups),
    }
    return regional("ess", "DescribeScalingGroups", body)


def snapshot_policy(policy_id: str, retention: Any, disks: int = 2) -> dict:
    return {
        "AutoSnapshotPolicyId": policy_id,
        "AutoSnapshotPolicyName": f"{policy_id}-name",
        "RegionId": REGION,
        "TimePoints": '["2"]',
        "RepeatWeekdays": '["1","2","3","4","5","6","7"]',
        "RetentionDays": retention,
        "DiskNums": disks,
        "Status": "Normal",
    }


def snapshot_policies(*policies: Mapping[str, Any]) -> dict:
    body = {
        "AutoSnapshotPolicies": {"AutoSnapshotPolicy": list(policies)},
        "TotalCount": len(policies),
    }
    return regional("ecs", "DescribeAutoSnapshotPolicyEx", body)


# --- CloudMonitor, quotas, billing -------------------------------------------------


def alarm_rule(rule_id: str, resources: Any, groups: str = "ops", **fields) -> dict:
    return {
        "RuleId": rule_id,
        "RuleName": f"{rule_id}-cpu",
        "Namespace": "acs_ecs_dashboard",
        "MetricName": "CPUUtilization",
        "Resources": resources if isinstance(resources, str) else json.dumps(resources),
        "EnableState": True,
        "AlertState": "OK",
        "ContactGroups": groups,
        "Period": "60",
    } | fields


def alarm_rules(*rules: Mapping[str, Any], region: str = REGION) -> dict:
    body = {
        "Success": True,
        "Code": 200,
        "Total": str(len(rules)),
        "Alarms": {"Alarm": list(rules)},
    }
    return regional("cms", "DescribeMetricRuleList", body, region)


def contact_groups(members: Mapping[str, list[str]], region: str = REGION) -> dict:
    groups = [
        {"Name": name, "Describe": name, "Contacts": {"Contact": contacts}}
        for name, contacts in members.items()
    ]
    body = {
        "Success": True,
        "Code": "200",
        "Total": len(groups),
        "ContactGroupList": {"ContactGroup": groups},
    }
    return regional("cms", "DescribeContactGroupList", body, region)


def quota(code: str, action: str, limit: Any, usage: Any, region=REGION) -> dict:
    entry = {
        "ProductCode": code,
        "QuotaActionCode": action,
        "QuotaName": action.removeprefix("q_"),
        "QuotaArn": f"acs:quotas:{region}:1234567890123456:quota/{code}/{action}",
        "TotalQuota": limit,
        "Adjustable": True,
        "Consumable": usage is not None,
        # JSON inside a string, as Quota Center sends it for some quotas.
        "Dimensions": json.dumps({"regionId": region}),
    }
    if usage is not None:
        entry["TotalUsage"] = usage
    return entry


def product_quotas(quotas_by_product: Mapping[str, list[dict]]) -> dict:
    """ListProductQuotas answers per ProductCode: ``{code: [quota, ...]}``."""
    responses = {
        code: {"Quotas": list(quotas), "TotalCount": len(quotas)}
        for code, quotas in quotas_by_product.items()
    }
    return per_resource("quotas", "ListProductQuotas", "ProductCode", responses, GLOBAL)


def subscription(
    instance_id: str, product: str, days_left: float, renew: str
) -> dict[str, Any]:
    return {
        "InstanceID": instance_id,
        "ProductCode": product,
        "ProductType": "",
        "SubscriptionType": "Subscription",
        "Region": REGION,
        "Status": "Normal",
        "SubStatus": "Normal",
        "CreateTime": iso(-300),
        "EndTime": iso(days_left),
        "RenewStatus": renew,
        "RenewalDuration": 1,
        "RenewalDurationUnit": "M",
    }


def subscriptions(*instances: Mapping[str, Any]) -> dict:
    body = {
        "Success": True,
        "Code": "Success",
        "Data": {
            "PageNum": 1,
            "PageSize": 300,
            "TotalCount": len(instances),
            "InstanceList": list(instances),
        },
    }
    return regional("bssopenapi", "QueryAvailableInstances", body, GLOBAL)
