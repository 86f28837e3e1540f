"""Security Center (sas 2018-12-03): edition, protected assets, notifications and
vulnerability scan settings. One account-wide endpoint per site."""

from __future__ import annotations

from .base import ListCollection, Paging, Scope

COLLECTIONS = [
    ListCollection(
        name="sas.version_config",
        product="sas",
        action="DescribeVersionConfig",
        items=None,
        scope=Scope.GLOBAL,
    ),
    ListCollection(
        name="sas.assets",
        product="sas",
        action="DescribeCloudCenterInstances",
        items="Instances",
        scope=Scope.GLOBAL,
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        page_param="CurrentPage",
        size_param="PageSize",
        id_field="Uuid",
        params={"MachineTypes": "ecs"},
    ),
    ListCollection(
        name="sas.notice_config",
        product="sas",
        action="DescribeNoticeConfig",
        items="NoticeConfigList",
        scope=Scope.GLOBAL,
    ),
    ListCollection(
        name="sas.vulnerability_config",
        product="sas",
        action="DescribeVulConfig",
        items="TargetConfigs",
        scope=Scope.GLOBAL,
    ),
]
