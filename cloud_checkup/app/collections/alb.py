"""Application Load Balancer (alb 2020-06-16): instances, their zones, server groups."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_LOAD_BALANCERS = "alb.load_balancers"

COLLECTIONS = [
    ListCollection(
        name=_LOAD_BALANCERS,
        product="alb",
        action="ListLoadBalancers",
        items="LoadBalancers",
        paging=Paging.NEXT_TOKEN,
        page_size=100,
        size_param="MaxResults",
        id_field="LoadBalancerId",
    ),
    DetailCollection(
        # ListLoadBalancers leaves out the zone mappings; only the attribute has them.
        name="alb.load_balancer_attributes",
        product="alb",
        action="GetLoadBalancerAttribute",
        parent=_LOAD_BALANCERS,
        param="LoadBalancerId",
        parent_field="LoadBalancerId",
        items=None,
        absent_codes=("ResourceNotFound.LoadBalancer",),
    ),
    ListCollection(
        name="alb.server_groups",
        product="alb",
        action="ListServerGroups",
        items="ServerGroups",
        paging=Paging.NEXT_TOKEN,
        page_size=100,
        size_param="MaxResults",
        id_field="ServerGroupId",
    ),
]
