"""VPC (vpc 2016-04-28): VPCs and the flow logs that record their traffic."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="vpc.vpcs",
        product="vpc",
        action="DescribeVpcs",
        items="Vpcs.Vpc",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        id_field="VpcId",
    ),
    ListCollection(
        name="vpc.flow_logs",
        product="vpc",
        action="DescribeFlowLogs",
        items="FlowLogs.FlowLog",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        id_field="FlowLogId",
    ),
]
