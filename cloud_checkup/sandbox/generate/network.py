"""VPC: networks and their flow logs."""

from __future__ import annotations

from ._common import Region, past_time


def vpcs(r: Region) -> None:
    """The region's VPCs (at least one, the default), half of them with a flow log."""
    listed = [
        {
            "VpcId": r.ident("vpc", n),
            "VpcName": f"vpc-{n}",
            "RegionId": r.name,
            "CidrBlock": f"10.{n % 250}.0.0/16",
            "Status": "Available",
            "IsDefault": n == 0,
            "CreationTime": past_time(r.rng, seconds=True),
            "VSwitchIds": {"VSwitchId": [r.ident("vsw", n)]},
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
