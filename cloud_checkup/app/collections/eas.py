"""PAI-EAS (eas 2021-07-01): online model inference services."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="eas.services",
        product="eas",
        action="ListServices",
        path="/api/v2/services",
        items="Services",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="ServiceId",
    ),
]
