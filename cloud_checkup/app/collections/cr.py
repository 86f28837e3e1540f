"""Container Registry Enterprise Edition (cr 2018-12-01): instances, endpoints,
namespaces and repositories, where model-serving images live."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "cr.instances"

COLLECTIONS = [
    ListCollection(
        name=_INSTANCES,
        product="cr",
        action="ListInstance",
        items="Instances",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        page_param="PageNo",
        id_field="InstanceId",
    ),
    DetailCollection(
        name="cr.instance_endpoints",
        product="cr",
        action="ListInstanceEndpoint",
        parent=_INSTANCES,
        param="InstanceId",
        parent_field="InstanceId",
        items=None,
    ),
    DetailCollection(
        name="cr.namespaces",
        product="cr",
        action="ListNamespace",
        parent=_INSTANCES,
        param="InstanceId",
        parent_field="InstanceId",
        # Whole body: TotalCount tells a check whether the one page was all of it.
        items=None,
        params={"PageNo": 1, "PageSize": 100},
    ),
    DetailCollection(
        name="cr.repositories",
        product="cr",
        action="ListRepository",
        parent=_INSTANCES,
        param="InstanceId",
        parent_field="InstanceId",
        items=None,
        params={"PageNo": 1, "PageSize": 100},
    ),
]
