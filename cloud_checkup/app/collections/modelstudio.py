"""Model Studio (modelstudio 2026-02-10): the API keys of each region's workspaces."""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    # ListApiKeys pages with lower-case nextToken/maxResults, which the collector's
    # NextToken style does not speak: one page is read and the whole body is kept, so
    # that a check can see nextToken/totalCount and refuse to pass on part of a list.
    # The page size is left to the API because its maximum is not published.
    ListCollection(
        name="modelstudio.api_keys",
        product="modelstudio",
        action="ListApiKeys",
        path="/modelstudio/apikeys",
        items=None,
        paging=Paging.NONE,
        # The answer carries each key's value beside its settings: never kept.
        redact=("apiKeyValue",),
    ),
]
