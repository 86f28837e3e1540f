"""PAI-DSW (pai-dsw 2022-01-01): notebook instances and how they can be reached."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="pai-dsw.instances",
        product="pai-dsw",
        action="ListInstances",
        path="/api/v2/instances",
        items="Instances",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="InstanceId",
    ),
]
