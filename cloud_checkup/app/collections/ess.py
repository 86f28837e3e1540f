"""Auto Scaling (ess 2014-08-28): scaling groups, their vSwitches and health checks."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="ess.scaling_groups",
        product="ess",
        action="DescribeScalingGroups",
        items="ScalingGroups.ScalingGroup",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        id_field="ScalingGroupId",
    ),
]
