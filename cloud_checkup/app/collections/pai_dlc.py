"""PAI-DLC (pai-dlc 2020-12-03): distributed training jobs and how they are set up."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="pai-dlc.jobs",
        product="pai-dlc",
        action="ListJobs",
        path="/api/v1/jobs",
        items="Jobs",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="JobId",
    ),
]
