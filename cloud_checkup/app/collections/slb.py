"""Server Load Balancer (slb 2014-05-15): CLB instances and their zones."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="slb.load_balancers",
        product="slb",
        action="DescribeLoadBalancers",
        items="LoadBalancers.LoadBalancer",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="LoadBalancerId",
    ),
]
