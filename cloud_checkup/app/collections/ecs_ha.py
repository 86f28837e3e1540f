"""ECS automatic snapshot policies (ecs 2014-05-26): schedules and retention."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="ecs.auto_snapshot_policies",
        product="ecs",
        action="DescribeAutoSnapshotPolicyEx",
        items="AutoSnapshotPolicies.AutoSnapshotPolicy",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="AutoSnapshotPolicyId",
    ),
]
