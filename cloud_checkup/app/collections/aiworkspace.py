"""PAI workspaces (aiworkspace 2021-02-04): the workspaces and who may work in them."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_WORKSPACES = "aiworkspace.workspaces"

COLLECTIONS = [
    ListCollection(
        name=_WORKSPACES,
        product="aiworkspace",
        action="ListWorkspaces",
        path="/api/v1/workspaces",
        items="Workspaces",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="WorkspaceId",
    ),
    DetailCollection(
        name="aiworkspace.members",
        product="aiworkspace",
        action="ListMembers",
        parent=_WORKSPACES,
        param="WorkspaceId",
        parent_field="WorkspaceId",
        path="/api/v1/workspaces/{WorkspaceId}/members",
        # The whole body is kept so that a check can compare TotalCount with the
        # members returned and refuse to pass on a truncated list.
        items=None,
        params={"PageNumber": 1, "PageSize": 100},
    ),
]
