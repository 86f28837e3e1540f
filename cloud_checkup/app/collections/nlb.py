"""Network Load Balancer (nlb 2022-04-30): instances with their zone mappings."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="nlb.load_balancers",
        product="nlb",
        action="ListLoadBalancers",
        items="LoadBalancers",
        paging=Paging.NEXT_TOKEN,
        page_size=100,
        size_param="MaxResults",
        id_field="LoadBalancerId",
    ),
]
