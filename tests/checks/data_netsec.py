"""Builders of network exposure and placement datasets in Alibaba's own response
shapes: CLB instances and listener access control lists, EIPs, NAT gateways and their
DNAT entries, ECS deployment sets and ACK kubeconfig states.

Each builder returns a ``services`` fragment; ``data.merge`` combines them. Where a
per-resource answer is given as ``data.error(...)`` it is served as that error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data import REGION, merge
from data_ha import ZONE_H, ZONE_I, per_resource, regional, slb_listener

# --- CLB -----------------------------------------------------------------------------


def clb(balancer_id: str, **fields: Any) -> dict[str, Any]:
    """One DescribeLoadBalancers instance: Internet-facing and protected by default."""
    return {
        "LoadBalancerId": balancer_id,
        "LoadBalancerName": f"{balancer_id}-name",
        "LoadBalancerStatus": "active",
        "Address": "47.96.0.10",
        "AddressType": "internet",
        "RegionId": REGION,
        "MasterZoneId": ZONE_H,
        "SlaveZoneId": ZONE_I,
        "NetworkType": "vpc",
        "PayType": "PayOnDemand",
        "DeleteProtection": "on",
    } | fields


def clbs(*balancers: Mapping[str, Any]) -> dict:
    body = {
        "LoadBalancers": {"LoadBalancer": list(balancers)},
        "TotalCount": len(balancers),
    }
    return regional("slb", "DescribeLoadBalancers", body)


def guarded_listener(
    balancer_id: str,
    port: int,
    *,
    status: str | None = "on",
    kind: str = "white",
    acls: Iterable[str] = ("acl-office",),
) -> dict[str, Any]:
    """A TCP listener with access control ``status`` (None: the field is absent)."""
    listener = slb_listener(balancer_id, "tcp", port, "on")
    if status is not None:
        listener["AclStatus"] = status
    if status and status.lower() == "on":
        listener |= {"AclType": kind, "AclIds": list(acls)}
    return listener


def https_listener(balancer_id: str, policy: str | None) -> dict[str, Any]:
    listener = slb_listener(balancer_id, "https", 443, "on")
    if policy is not None:
        listener["HTTPSListenerConfig"]["TLSCipherPolicy"] = policy
    return listener


def access_control_lists(entries_by_acl: Mapping[str, list[str] | dict]) -> dict:
    """The lists, and the entries of each: ``{AclId: [AclEntryIP, ...]}``."""
    listed = [
        {"AclId": acl_id, "AclName": f"{acl_id}-name", "AddressIPVersion": "ipv4"}
        for acl_id in entries_by_acl
    ]
    attributes = {
        acl_id: entries
        if isinstance(entries, dict)
        else {
            "AclId": acl_id,
            "AclName": f"{acl_id}-name",
            "TotalAclEntry": len(entries),
            "AclEntrys": {
                "AclEntry": [
                    {"AclEntryIP": address, "AclEntryComment": "office"}
                    for address in entries
                ]
            },
        }
        for acl_id, entries in entries_by_acl.items()
    }
    lists = {"Acls": {"Acl": listed}, "TotalCount": len(listed)}
    return merge(
        regional("slb", "DescribeAccessControlLists", lists),
        per_resource("slb", "DescribeAccessControlListAttribute", "AclId", attributes),
    )


# --- VPC -----------------------------------------------------------------------------


def eip(allocation_id: str, status: str | None, **fields: Any) -> dict[str, Any]:
    address = {
        "AllocationId": allocation_id,
        "IpAddress": "47.98.0.1",
        "RegionId": REGION,
        "InstanceId": "",
        "InstanceType": "",
        "ChargeType": "PostPaid",
    }
    if status is not None:
        address["Status"] = status
    return address | fields


def eips(*addresses: Mapping[str, Any], region: str = REGION) -> dict:
    body = {"EipAddresses": {"EipAddress": list(addresses)}}
    return regional("vpc", "DescribeEipAddresses", body, region)


def dnat_entry(
    entry_id: str, protocol: str, external: str, internal: str
) -> dict[str, Any]:
    return {
        "ForwardEntryId": entry_id,
        "ForwardEntryName": f"{entry_id}-name",
        "ExternalIp": "47.98.0.2",
        "ExternalPort": external,
        "InternalIp": "10.0.0.5",
        "InternalPort": internal,
        "IpProtocol": protocol,
        "Status": "Available",
    }


def nat_gateways(entries_by_gateway: Mapping[str, list[dict] | dict]) -> dict:
    """The gateways and their DNAT entries: ``{NatGatewayId: [entries]}``."""
    gateways = [
        {
            "NatGatewayId": gateway_id,
            "Name": f"{gateway_id}-name",
            "VpcId": "vpc-shop",
            "NetworkType": "internet",
            "Status": "Available",
            "ForwardTableIds": {"ForwardTableId": [f"ftb-{gateway_id}"]},
        }
        for gateway_id in entries_by_gateway
    ]
    entries = {
        gateway_id: found
        if isinstance(found, dict)
        else {
            "ForwardTableEntries": {
                "ForwardTableEntry": [
                    e
                    | {
                        "NatGatewayId": gateway_id,
                        "ForwardTableId": f"ftb-{gateway_id}",
                    }
                    for e in found
                ]
            }
        }
        for gateway_id, found in entries_by_gateway.items()
    }
    return merge(
        regional(
            "vpc", "DescribeNatGateways", {"NatGateways": {"NatGateway": gateways}}
        ),
        per_resource("vpc", "DescribeForwardTableEntries", "NatGatewayId", entries),
    )


# --- ECS deployment sets ----------------------------------------------------------


def deployment_set(
    set_id: str, strategy: str, members: Iterable[str] = ()
) -> dict[str, Any]:
    members = list(members)
    return {
        "DeploymentSetId": set_id,
        "DeploymentSetName": f"{set_id}-name",
        "Strategy": strategy,
        "DeploymentStrategy": strategy,
        "InstanceAmount": len(members),
        "InstanceIds": {"InstanceId": members},
    }


def deployment_sets(*sets: Mapping[str, Any]) -> dict:
    body = {"DeploymentSets": {"DeploymentSet": list(sets)}, "RegionId": REGION}
    return regional("ecs", "DescribeDeploymentSets", body)


# --- ACK kubeconfigs -----------------------------------------------------------------


def kubeconfig_state(name: str, account: str | None, cert: str) -> dict[str, Any]:
    """One issued kubeconfig: its account's state (None: absent) and certificate's."""
    state = {
        "account_id": f"id-{name}",
        "account_name": name,
        "account_display_name": name,
        "account_type": "RamUser",
        "cert_state": cert,
        "cert_expire_time": "2029-01-01T00:00:00Z",
        "revokable": True,
    }
    if account is not None:
        state["account_state"] = account
    return state


def kubeconfig_states(states_by_cluster: Mapping[str, list[dict] | dict]) -> dict:
    responses = {
        cluster_id: states
        if isinstance(states, dict)
        else {
            "states": states,
            "page": {"page_number": 1, "page_size": 50, "total_count": len(states)},
        }
        for cluster_id, states in states_by_cluster.items()
    }
    return per_resource("cs", "ListClusterKubeconfigStates", "cluster_id", responses)
