"""VPC (vpc 2016-04-28): elastic IP addresses, NAT gateways and their DNAT entries,
the ways a VPC's resources are reached from the Internet."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_NAT_GATEWAYS = "vpc.nat_gateways"

COLLECTIONS = [
    ListCollection(
        name="vpc.eip_addresses",
        product="vpc",
        action="DescribeEipAddresses",
        items="EipAddresses.EipAddress",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="AllocationId",
    ),
    ListCollection(
        name=_NAT_GATEWAYS,
        product="vpc",
        action="DescribeNatGateways",
        items="NatGateways.NatGateway",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        id_field="NatGatewayId",
    ),
    DetailCollection(
        # Asked by gateway: the entries of all its DNAT tables at once.
        name="vpc.nat_dnat_entries",
        product="vpc",
        action="DescribeForwardTableEntries",
        parent=_NAT_GATEWAYS,
        param="NatGatewayId",
        parent_field="NatGatewayId",
        items="ForwardTableEntries.ForwardTableEntry",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        id_field="ForwardEntryId",
    ),
]
