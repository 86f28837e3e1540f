"""VPC: networks and their flow logs; EIPs and NAT gateways, the ways in from the
Internet."""

from __future__ import annotations

from typing import Any

from ._common import Region, past_time

# DNAT entries as people make them: (protocol, external port, internal port) and how
# often. Most publish a web or VPN port; some publish SSH or RDP on a high port; a
# few are IP mappings that publish every port.
_DNAT_KINDS = {
    ("tcp", "443", "8443"): 0.45,
    ("tcp", "80", "8080"): 0.15,
    ("udp", "1194", "1194"): 0.1,
    ("tcp", "2222", "22"): 0.1,
    ("tcp", "13389", "3389"): 0.05,
    ("Any", "Any", "Any"): 0.15,
}


def vpcs(r: Region) -> None:
    """The region's VPCs (at least one, the default) with a vSwitch in each zone,
    half of them with a flow log."""
    listed = [
        {
            "VpcId": r.ident("vpc", n),
            "VpcName": f"vpc-{n}",
            "RegionId": r.name,
            "CidrBlock": f"10.{n % 250}.0.0/16",
            "Status": "Available",
            "IsDefault": n == 0,
            "CreationTime": past_time(r.rng, seconds=True),
            "VSwitchIds": {
                "VSwitchId": [r.vswitch(r.ident("vpc", n), z) for z in r.zones]
            },
        }
        for n in range(max(1, r.counts["vpcs"]))
    ]
    r.vpc_ids = [v["VpcId"] for v in listed]
    r.put("vpc", "DescribeVpcs", {"Vpcs": {"Vpc": listed}})
    logs = [
        {
            "FlowLogId": r.ident("fl", n),
            "ResourceId": vpc,
            "ResourceType": "VPC",
            "Status": "Active",
            "RegionId": r.name,
        }
        for n, vpc in enumerate(r.vpc_ids)
        if n % 2 == 0
    ]
    r.put("vpc", "DescribeFlowLogs", {"FlowLogs": {"FlowLog": logs}})


def internet_access(r: Region) -> None:
    """NAT gateways with their DNAT entries, and the EIPs bound to them, to ECS
    instances and to intranet CLBs (or to nothing, left over)."""
    gateways = r.ids("ngw", "nat_gateways")
    # Every NAT gateway publishes through an EIP of its own; the others vary.
    eips = [
        _eip(r, n, ("Nat", gateways[n]) if n < len(gateways) else _target(r, gateways))
        for n in range(r.counts["eips"])
    ]
    r.put("vpc", "DescribeEipAddresses", {"EipAddresses": {"EipAddress": eips}})
    bound = {g: [e for e in eips if e["InstanceId"] == g] for g in gateways}
    listed = [_nat_gateway(r, g, bound[g]) for g in gateways]
    r.put("vpc", "DescribeNatGateways", {"NatGateways": {"NatGateway": listed}})
    r.put_each(
        "vpc",
        "DescribeForwardTableEntries",
        "NatGatewayId",
        gateways,
        lambda g: {
            "ForwardTableEntries": {"ForwardTableEntry": _dnat_entries(r, g, bound[g])}
        },
    )


def _eip(r: Region, n: int, bound_to: tuple[str, str]) -> dict[str, Any]:
    kind, target = bound_to
    return {
        "AllocationId": r.ident("eip", n),
        "IpAddress": _public_ip(r, n),
        "Name": f"eip-{n}",
        "RegionId": r.name,
        "Status": "InUse" if target else "Available",
        "InstanceId": target,
        "InstanceType": kind,
        "InstanceRegionId": r.name if target else "",
        "Bandwidth": str(r.rng.choice([1, 5, 10, 50, 100])),
        "InternetChargeType": r.rng.choice(["PayByTraffic", "PayByBandwidth"]),
        "ChargeType": "PostPaid",
        "AllocationTime": past_time(r.rng),
        "DeletionProtection": r.chance(0.3),
    }


def _target(r: Region, gateways: list[str]) -> tuple[str, str]:
    """(InstanceType, InstanceId) an EIP is bound to; ("", "") when bound to
    nothing."""
    intranet = [b for b in r.load_balancers if b["AddressType"] == "intranet"]
    roll = r.rng.random()
    if roll < 0.1:
        return "", ""
    if roll < 0.3 and gateways:
        return "Nat", r.rng.choice(gateways)
    if roll < 0.4 and intranet:
        return "SlbInstance", r.rng.choice(intranet)["LoadBalancerId"]
    if r.instances:
        return "EcsInstance", r.rng.choice(r.instances)["InstanceId"]
    return "", ""


def _public_ip(r: Region, n: int) -> str:
    return f"47.{96 + r.index % 32}.{n // 250}.{n % 250 + 1}"


def _nat_gateway(
    r: Region, gateway_id: str, eips: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "NatGatewayId": gateway_id,
        "Name": gateway_id.replace("ngw-", "nat-"),
        "RegionId": r.name,
        "VpcId": r.rng.choice(r.vpc_ids),
        "NetworkType": "internet",
        "NatType": "Enhanced",
        "Status": "Available",
        "BusinessStatus": "Normal",
        "InstanceChargeType": "PostPaid",
        "InternetChargeType": "PayByLcu",
        "DeletionProtection": r.chance(0.5),
        "CreationTime": past_time(r.rng),
        "ForwardTableIds": {"ForwardTableId": [gateway_id.replace("ngw-", "ftb-")]},
        "SnatTableIds": {"SnatTableId": [gateway_id.replace("ngw-", "stb-")]},
        "IpLists": {
            "IpList": [
                {
                    "AllocationId": e["AllocationId"],
                    "IpAddress": e["IpAddress"],
                    "UsingStatus": "UsedByForwardTable",
                }
                for e in eips
            ]
        },
    }


def _dnat_entries(
    r: Region, gateway_id: str, eips: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    if not eips:
        return []
    entries = []
    for k in range(r.rng.randint(1, 6)):
        protocol, external, internal = r.pick(_DNAT_KINDS)
        entries.append(
            {
                "ForwardEntryId": f"fwd-{gateway_id[4:]}x{k:02d}",
                "ForwardEntryName": f"dnat-{k}",
                "ForwardTableId": gateway_id.replace("ngw-", "ftb-"),
                "NatGatewayId": gateway_id,
                "ExternalIp": r.rng.choice(eips)["IpAddress"],
                "ExternalPort": external,
                "InternalIp": f"10.0.{k}.{r.rng.randint(2, 250)}",
                "InternalPort": internal,
                "IpProtocol": protocol,
                "Status": "Available",
            }
        )
    return entries
