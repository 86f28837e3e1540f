"""CloudMonitor (cms 2019-01-01): alarm rules and alarm contact groups.

Alarm rules belong to the account, not to a region: every regional endpoint returns
the same rules, which are kept once by their id.
"""

from __future__ import annotations

from .base import ListCollection, Paging

COLLECTIONS = [
    ListCollection(
        name="cms.alarm_rules",
        product="cms",
        action="DescribeMetricRuleList",
        items="Alarms.Alarm",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        page_param="Page",
        id_field="RuleId",
    ),
    ListCollection(
        name="cms.contact_groups",
        product="cms",
        action="DescribeContactGroupList",
        items="ContactGroupList.ContactGroup",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="Name",
    ),
]
