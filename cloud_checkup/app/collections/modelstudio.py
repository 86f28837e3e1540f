"""Model Studio (modelstudio 2026-02-10): the API keys of each region's workspaces."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    # ListApiKeys pages with lower-case nextToken/maxResults. The page size is left
    # to the API because its maximum is not published; every page is followed.
    ListCollection(
        name="modelstudio.api_keys",
        product="modelstudio",
        action="ListApiKeys",
        path="/modelstudio/apikeys",
        items="apiKeys",
        paging=Paging.NEXT_TOKEN,
        token_param="nextToken",
        size_param="maxResults",
        id_field="apiKeyId",
        # The answer carries each key's value beside its settings: never kept.
        redact=("apiKeyValue",),
    ),
]
