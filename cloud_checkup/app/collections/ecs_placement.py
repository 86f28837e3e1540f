"""ECS deployment sets (ecs 2014-05-26): which instances are kept on separate hosts."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="ecs.deployment_sets",
        product="ecs",
        action="DescribeDeploymentSets",
        items="DeploymentSets.DeploymentSet",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        id_field="DeploymentSetId",
    ),
]
