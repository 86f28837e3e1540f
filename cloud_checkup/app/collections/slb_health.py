"""CLB (slb 2014-05-15) listeners and per-instance attributes: backends, protection."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

COLLECTIONS = [
    DetailCollection(
        name="slb.load_balancer_attributes",
        product="slb",
        action="DescribeLoadBalancerAttribute",
        parent="slb.load_balancers",
        param="LoadBalancerId",
        parent_field="LoadBalancerId",
        items=None,
        absent_codes=("InvalidLoadBalancerId.NotFound",),
    ),
    ListCollection(
        name="slb.listeners",
        product="slb",
        action="DescribeLoadBalancerListeners",
        items="Listeners",
        paging=Paging.NEXT_TOKEN,
        page_size=100,
        size_param="MaxResults",
    ),
]
