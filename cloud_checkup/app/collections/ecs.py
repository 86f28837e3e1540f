"""ECS (ecs 2014-05-26): instances, disks, security groups and their rules, events."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_INSTANCES = "ecs.instances"
_SECURITY_GROUPS = "ecs.security_groups"

COLLECTIONS = [
    ListCollection(
        name=_INSTANCES,
        product="ecs",
        action="DescribeInstances",
        items="Instances.Instance",
        paging=Paging.NEXT_TOKEN,
        page_size=100,
        size_param="MaxResults",
        id_field="InstanceId",
        # Documented: a caller without permission gets an empty list, not an error.
        empty_when_denied=True,
    ),
    ListCollection(
        name="ecs.disks",
        product="ecs",
        action="DescribeDisks",
        items="Disks.Disk",
        paging=Paging.NEXT_TOKEN,
        page_size=500,
        size_param="MaxResults",
        id_field="DiskId",
    ),
    ListCollection(
        name=_SECURITY_GROUPS,
        product="ecs",
        action="DescribeSecurityGroups",
        items="SecurityGroups.SecurityGroup",
        paging=Paging.NEXT_TOKEN,
        page_size=100,
        size_param="MaxResults",
        id_field="SecurityGroupId",
    ),
    DetailCollection(
        name="ecs.security_group_rules",
        product="ecs",
        action="DescribeSecurityGroupAttribute",
        parent=_SECURITY_GROUPS,
        param="SecurityGroupId",
        parent_field="SecurityGroupId",
        items=None,
        # One call returns up to 1,000 rules, more than a security group can hold, so
        # the body is kept whole instead of merged page by page.
        params={"MaxResults": 1000},
        absent_codes=("InvalidSecurityGroupId.NotFound",),
    ),
    ListCollection(
        name="ecs.instance_full_status",
        product="ecs",
        action="DescribeInstancesFullStatus",
        items="InstanceFullStatusSet.InstanceFullStatusType",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="InstanceId",
    ),
    # Subscription instances only (a pay-as-you-go one makes the call fail), up to
    # 100 a call; the answer is paged, 10 a page unless asked for more.
    DetailCollection(
        name="ecs.instance_auto_renew",
        product="ecs",
        action="DescribeInstanceAutoRenewAttribute",
        parent=_INSTANCES,
        param="InstanceId",
        parent_field="InstanceId",
        items="InstanceRenewAttributes.InstanceRenewAttribute",
        id_field="InstanceId",
        only={"InstanceChargeType": "PrePaid"},
        batch=100,
        paging=Paging.PAGE_NUMBER,
        page_size=100,
    ),
]
