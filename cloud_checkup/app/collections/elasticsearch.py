"""Elasticsearch (elasticsearch 2017-06-13, ROA): clusters used as vector stores and
search backends of AI applications, with their network access settings."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "elasticsearch.instances"

COLLECTIONS = [
    ListCollection(
        name=_INSTANCES,
        product="elasticsearch",
        action="ListInstance",
        path="/openapi/instances",
        items="Result",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="size",
        page_param="page",
        id_field="instanceId",
    ),
    DetailCollection(
        name="elasticsearch.instance_details",
        product="elasticsearch",
        action="DescribeInstance",
        parent=_INSTANCES,
        param="InstanceId",
        parent_field="instanceId",
        path="/openapi/instances/{InstanceId}",
        items="Result",
        absent_codes=("InstanceNotFound",),
    ),
]
