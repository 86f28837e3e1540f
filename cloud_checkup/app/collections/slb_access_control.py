"""CLB (slb 2014-05-15) access control lists and their entries.

Listeners name the lists they use (``AclIds``); the entries of each list come from
one ``DescribeAccessControlListAttribute`` read per list, paged with ``Page``.
"""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_ACCESS_CONTROL_LISTS = "slb.access_control_lists"

COLLECTIONS = [
    ListCollection(
        name=_ACCESS_CONTROL_LISTS,
        product="slb",
        action="DescribeAccessControlLists",
        items="Acls.Acl",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        size_param="PageSize",
        id_field="AclId",
    ),
    DetailCollection(
        # The answer counts its entries in TotalAclEntry, not TotalCount: paging
        # stops at the first page shorter than the page size.
        name="slb.access_control_list_entries",
        product="slb",
        action="DescribeAccessControlListAttribute",
        parent=_ACCESS_CONTROL_LISTS,
        param="AclId",
        parent_field="AclId",
        items="AclEntrys.AclEntry",
        paging=Paging.PAGE_NUMBER,
        page_size=50,
        page_param="Page",
        size_param="PageSize",
    ),
]
