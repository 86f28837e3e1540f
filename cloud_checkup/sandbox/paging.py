"""Page list responses in each action's own style, with Alibaba's page sizes.

The dataset holds a list action's whole list; the sandbox hands it out one page at a
time, so a client that does not page misses resources exactly as it would against the
real cloud. :data:`PAGING` is the one table of (product, action) -> paging rules.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cloud_checkup.sandbox.errors import ApiError

PAGE_NUMBER = "PageNumber"  # PageNumber/PageSize/TotalCount
NEXT_TOKEN = "NextToken"  # NextToken/MaxResults
MARKER = "Marker"  # Marker/MaxItems/IsTruncated (RAM)
OSS_MARKER = "oss-marker"  # marker/max-keys/IsTruncated/NextMarker (OSS)
LOWER_NEXT_TOKEN = "nextToken"  # nextToken/maxResults/totalCount (Model Studio)
OFFSET = "offset"  # offset/size, answering count/total (Simple Log Service)


@dataclass(frozen=True)
class Paging:
    """How one list action pages.

    Attributes:
        items: the path from the body's top to the list, e.g. ("Instances", "Instance").
        minimum: smaller page sizes are raised to this (ECS); others are clamped to
            ``maximum``.
        assumed: True where Alibaba publishes no number and the value is a guess.
        page_param, size_param: the request parameters of the PageNumber style,
            where an action names them otherwise (CLB's ``Page``, ACK's
            ``pageNumber``/``pageSize``).
    """

    style: str
    items: tuple[str, ...]
    default: int
    maximum: int
    minimum: int = 1
    assumed: bool = False
    page_param: str = "PageNumber"
    size_param: str = "PageSize"


def _p(style: str, items: str, default: int, maximum: int, **kw: Any) -> Paging:
    return Paging(style, tuple(items.split(".")), default, maximum, **kw)


PAGING: dict[tuple[str, str], Paging] = {
    # ECS: NextToken/MaxResults; PageNumber/PageSize still accepted (deprecated).
    ("ecs", "DescribeInstances"): _p(
        NEXT_TOKEN, "Instances.Instance", 10, 100, minimum=10
    ),
    ("ecs", "DescribeSecurityGroups"): _p(
        NEXT_TOKEN, "SecurityGroups.SecurityGroup", 10, 100, minimum=10
    ),
    ("ecs", "DescribeDisks"): _p(NEXT_TOKEN, "Disks.Disk", 10, 500, minimum=10),
    ("ecs", "DescribeSnapshots"): _p(
        NEXT_TOKEN, "Snapshots.Snapshot", 10, 100, minimum=10, assumed=True
    ),
    ("ecs", "DescribeNetworkInterfaces"): _p(
        NEXT_TOKEN, "NetworkInterfaceSets.NetworkInterfaceSet", 10, 500,
        minimum=10, assumed=True,
    ),
    ("ecs", "DescribeImages"): _p(PAGE_NUMBER, "Images.Image", 10, 100, assumed=True),
    # VPC: PageNumber/PageSize, max 50 default 10.
    ("vpc", "DescribeVpcs"): _p(PAGE_NUMBER, "Vpcs.Vpc", 10, 50),
    ("vpc", "DescribeVSwitches"): _p(PAGE_NUMBER, "VSwitches.VSwitch", 10, 50),
    ("vpc", "DescribeNatGateways"): _p(
        PAGE_NUMBER, "NatGateways.NatGateway", 10, 50, assumed=True
    ),
    ("vpc", "DescribeEipAddresses"): _p(
        PAGE_NUMBER, "EipAddresses.EipAddress", 10, 100, assumed=True
    ),
    ("vpc", "DescribeFlowLogs"): _p(
        PAGE_NUMBER, "FlowLogs.FlowLog", 10, 50, assumed=True
    ),
    # RDS: PageSize default 30, max 100.
    ("rds", "DescribeDBInstances"): _p(PAGE_NUMBER, "Items.DBInstance", 30, 100),
    # SLB: max 100 published; default not published.
    ("slb", "DescribeLoadBalancers"): _p(
        PAGE_NUMBER, "LoadBalancers.LoadBalancer", 10, 100, assumed=True
    ),
    # RAM List*: Marker/MaxItems, default 100, max 1000.
    ("ram", "ListUsers"): _p(MARKER, "Users.User", 100, 1000),
    ("ram", "ListRoles"): _p(MARKER, "Roles.Role", 100, 1000),
    ("ram", "ListGroups"): _p(MARKER, "Groups.Group", 100, 1000),
    ("ram", "ListPolicies"): _p(MARKER, "Policies.Policy", 100, 1000),
    ("ram", "ListUsersForGroup"): _p(MARKER, "Users.User", 100, 1000),
    ("ims", "ListUsers"): _p(MARKER, "Users.User", 100, 1000, assumed=True),
    # ActionTrail LookupEvents: max 50 published, default not published.
    ("actiontrail", "LookupEvents"): _p(NEXT_TOKEN, "Events", 20, 50, assumed=True),
    # AI package (PAI, EAS, AnalyticDB for PostgreSQL): PageNumber/PageSize.
    ("aiworkspace", "ListWorkspaces"): _p(
        PAGE_NUMBER, "Workspaces", 20, 100, assumed=True
    ),
    ("pai-dlc", "ListJobs"): _p(PAGE_NUMBER, "Jobs", 50, 100, assumed=True),
    ("eas", "ListGateway"): _p(PAGE_NUMBER, "Gateways", 100, 100, assumed=True),
    # gpdb DescribeDBInstances: PageSize 30, 50 or 100, default 30.
    ("gpdb", "DescribeDBInstances"): _p(PAGE_NUMBER, "Items.DBInstance", 30, 100),
    # KMS ListKeys: PageNumber/PageSize, default 10, max 100.
    ("kms", "ListKeys"): _p(PAGE_NUMBER, "Keys.Key", 10, 100),
    # OSS ListBuckets: marker/max-keys, default 100, max 1000.
    ("oss", "ListBuckets"): _p(
        OSS_MARKER, "ListAllMyBucketsResult.Buckets.Bucket", 100, 1000
    ),
    # Resilience and stability collections (defaults and maxima from the API
    # reference; assumed where it publishes none).
    ("ecs", "DescribeAutoSnapshotPolicyEx"): _p(
        PAGE_NUMBER, "AutoSnapshotPolicies.AutoSnapshotPolicy", 10, 100
    ),
    ("slb", "DescribeLoadBalancerListeners"): _p(
        NEXT_TOKEN, "Listeners", 20, 100, assumed=True
    ),
    ("alb", "ListLoadBalancers"): _p(NEXT_TOKEN, "LoadBalancers", 20, 100),
    ("alb", "ListServerGroups"): _p(NEXT_TOKEN, "ServerGroups", 20, 100),
    ("nlb", "ListLoadBalancers"): _p(NEXT_TOKEN, "LoadBalancers", 20, 100),
    ("r-kvstore", "DescribeInstances"): _p(
        PAGE_NUMBER, "Instances.KVStoreInstance", 30, 50
    ),
    ("dds", "DescribeDBInstances"): _p(
        PAGE_NUMBER, "DBInstances.DBInstance", 30, 100
    ),
    ("polardb", "DescribeDBClusters"): _p(PAGE_NUMBER, "Items.DBCluster", 30, 100),
    ("ess", "DescribeScalingGroups"): _p(
        PAGE_NUMBER, "ScalingGroups.ScalingGroup", 10, 50
    ),
    ("quotas", "ListProductQuotas"): _p(
        NEXT_TOKEN, "Quotas", 30, 200, assumed=True
    ),
    ("pai-dsw", "ListInstances"): _p(PAGE_NUMBER, "Instances", 20, 100, assumed=True),
    ("eas", "ListServices"): _p(PAGE_NUMBER, "Services", 100, 100, assumed=True),
    # Model Studio ListApiKeys: lower-case nextToken/maxResults; sizes unpublished.
    ("modelstudio", "ListApiKeys"): _p(
        LOWER_NEXT_TOKEN, "apiKeys", 10, 100, assumed=True
    ),
    # Simple Log Service: offset/size, default 100, max 500 (ListProject,
    # ListLogStores); ListAlerts' maximum is unpublished.
    ("sls", "ListProject"): _p(OFFSET, "projects", 100, 500),
    ("sls", "ListLogStores"): _p(OFFSET, "logstores", 100, 500),
    ("sls", "ListAlerts"): _p(OFFSET, "results", 100, 200, assumed=True),
    # Cloud Config ListConfigRules: PageNumber/PageSize, default 10, max 100.
    ("config", "ListConfigRules"): _p(
        PAGE_NUMBER, "ConfigRules.ConfigRuleList", 10, 100
    ),
    # ECS DescribeInstancesFullStatus: PageNumber/PageSize, default 10, max 100.
    ("ecs", "DescribeInstancesFullStatus"): _p(
        PAGE_NUMBER, "InstanceFullStatusSet.InstanceFullStatusType", 10, 100
    ),
    # ECS DescribeInstanceAutoRenewAttribute: PageNumber/PageSize, default 10, max 100.
    ("ecs", "DescribeInstanceAutoRenewAttribute"): _p(
        PAGE_NUMBER, "InstanceRenewAttributes.InstanceRenewAttribute", 10, 100
    ),
    # Network exposure and placement (defaults and maxima from the request models).
    ("ecs", "DescribeDeploymentSets"): _p(
        PAGE_NUMBER, "DeploymentSets.DeploymentSet", 10, 50
    ),
    ("slb", "DescribeAccessControlLists"): _p(PAGE_NUMBER, "Acls.Acl", 10, 50),
    ("slb", "DescribeAccessControlListAttribute"): _p(
        PAGE_NUMBER, "AclEntrys.AclEntry", 10, 50, page_param="Page"
    ),
    ("vpc", "DescribeForwardTableEntries"): _p(
        PAGE_NUMBER, "ForwardTableEntries.ForwardTableEntry", 10, 50
    ),
    ("cs", "ListClusterKubeconfigStates"): _p(
        PAGE_NUMBER, "states", 10, 50, page_param="pageNumber", size_param="pageSize"
    ),
    # Account-wide lists as long as the account's instances, and lists that name
    # their page parameters in their own words (sizes from the request models).
    ("bssopenapi", "QueryAvailableInstances"): _p(
        PAGE_NUMBER, "Data.InstanceList", 20, 300, page_param="PageNum"
    ),
    ("sas", "DescribeCloudCenterInstances"): _p(
        PAGE_NUMBER, "Instances", 20, 100, page_param="CurrentPage", assumed=True
    ),
    ("cms", "DescribeMetricRuleList"): _p(
        PAGE_NUMBER, "Alarms.Alarm", 10, 100, page_param="Page", assumed=True
    ),
    ("cms", "DescribeContactGroupList"): _p(
        PAGE_NUMBER, "ContactGroupList.ContactGroup", 10, 100, assumed=True
    ),
    ("cs", "DescribeClustersV1"): _p(
        PAGE_NUMBER, "clusters", 10, 100, page_param="page_number",
        size_param="page_size", assumed=True,
    ),
    ("cr", "ListInstance"): _p(
        PAGE_NUMBER, "Instances", 30, 100, page_param="PageNo", assumed=True
    ),
    ("elasticsearch", "ListInstance"): _p(
        PAGE_NUMBER, "Result", 10, 100, page_param="page", size_param="size"
    ),
}  # fmt: skip

# The paging fields an answer carries, where they differ from its style's usual ones
# (PageNumber: TotalCount, PageNumber, PageSize; NextToken: NextToken only). Taken
# from the response models of Alibaba's per-product SDKs.
_DB_ECHO = frozenset({"TotalRecordCount", "PageNumber", "PageRecordCount"})
_TOKEN_ECHO = frozenset({"NextToken", "MaxResults", "TotalCount"})
ECHOED: dict[tuple[str, str], frozenset[str]] = {
    ("rds", "DescribeDBInstances"): _DB_ECHO,
    ("gpdb", "DescribeDBInstances"): _DB_ECHO,
    ("polardb", "DescribeDBClusters"): _DB_ECHO,
    ("aiworkspace", "ListWorkspaces"): frozenset({"TotalCount"}),
    ("pai-dlc", "ListJobs"): frozenset({"TotalCount"}),
    ("pai-dsw", "ListInstances"): frozenset({"TotalCount"}),
    ("slb", "DescribeLoadBalancerListeners"): _TOKEN_ECHO,
    ("alb", "ListLoadBalancers"): _TOKEN_ECHO,
    ("alb", "ListServerGroups"): _TOKEN_ECHO,
    ("nlb", "ListLoadBalancers"): _TOKEN_ECHO,
    ("quotas", "ListProductQuotas"): _TOKEN_ECHO,
    # These count their items in fields of their own (TotalAclEntry; ACK's
    # page{total_count}), which the dataset carries.
    ("slb", "DescribeAccessControlListAttribute"): frozenset(),
    ("cs", "ListClusterKubeconfigStates"): frozenset(),
}
# Answers that carry their paging fields in an object of their own, or under names of
# their own: (product, action) -> (dotted path of that object, "" for the top of the
# answer; {usual name: the answer's name}). From the SDKs' response models.
_PAGE_NUMBER_NAMES = {
    "TotalCount": "TotalCount",
    "PageNumber": "PageNumber",
    "PageSize": "PageSize",
}
OWN_FIELDS: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("config", "ListConfigRules"): ("ConfigRules", _PAGE_NUMBER_NAMES),
    ("bssopenapi", "QueryAvailableInstances"): (
        "Data",
        {"TotalCount": "TotalCount", "PageNumber": "PageNum", "PageSize": "PageSize"},
    ),
    ("sas", "DescribeCloudCenterInstances"): (
        "PageInfo",
        {
            "TotalCount": "TotalCount",
            "PageNumber": "CurrentPage",
            "PageSize": "PageSize",
            "PageRecordCount": "Count",
        },
    ),
    ("cms", "DescribeMetricRuleList"): ("", {"TotalCount": "Total"}),
    ("cms", "DescribeContactGroupList"): ("", {"TotalCount": "Total"}),
    ("cs", "DescribeClustersV1"): (
        "page_info",
        {
            "TotalCount": "total_count",
            "PageNumber": "page_number",
            "PageSize": "page_size",
        },
    ),
    ("cr", "ListInstance"): (
        "",
        {"TotalCount": "TotalCount", "PageNumber": "PageNo", "PageSize": "PageSize"},
    ),
    ("elasticsearch", "ListInstance"): ("Headers", {"TotalCount": "X-Total-Count"}),
}
_USUAL_ECHO = {
    PAGE_NUMBER: frozenset({"TotalCount", "PageNumber", "PageSize"}),
    NEXT_TOKEN: frozenset({"NextToken"}),
}
_PAGING_FIELDS = {
    PAGE_NUMBER: ("TotalCount", "TotalRecordCount", "PageNumber", "PageSize",
                  "PageRecordCount"),
    NEXT_TOKEN: ("NextToken", "MaxResults", "TotalCount"),
}  # fmt: skip


def page(product: str, action: str, body: Any, params: Mapping[str, str]) -> Any:
    """Return the page of ``body`` that ``params`` ask for (``body`` unchanged if the
    action has no paging rule or the body has no list at the rule's path)."""
    rule = PAGING.get((product, action))
    if rule is None or not isinstance(body, dict):
        return body
    items = items_at(body, rule.items)
    if items is None:
        return body
    body = _copy_to_items(body, rule.items)
    style = rule.style
    if style == NEXT_TOKEN and _asks_page_number(params):
        style = PAGE_NUMBER
    paged = _STYLES[style](body, rule, items, params)
    if style in _PAGING_FIELDS:
        where, names = _answer_fields(product, action, style)
        holder = _holder(paged, where)
        for name in _PAGING_FIELDS[style]:
            value = paged.pop(name, None)
            if name in names and value is not None:
                holder[names[name]] = value
    return paged


def _answer_fields(product: str, action: str, style: str) -> tuple[str, dict]:
    """Where an answer keeps its paging fields, and what it calls them."""
    own = OWN_FIELDS.get((product, action))
    if own is not None:
        return own
    echoed = ECHOED.get((product, action), _USUAL_ECHO[style])
    return "", {name: name for name in echoed}


def _holder(body: dict[str, Any], path: str) -> dict[str, Any]:
    node = body
    for key in path.split(".") if path else ():
        node = node.setdefault(key, {})
    return node


def empty_page(product: str, action: str) -> dict[str, Any] | None:
    """An empty list answer in the action's own shape, or None if it is not known."""
    rule = PAGING.get((product, action))
    if rule is None:
        return None
    body: dict[str, Any] = {}
    node = body
    for key in rule.items[:-1]:
        node = node.setdefault(key, {})
    node[rule.items[-1]] = []
    return page(product, action, body, {})


def items_at(body: dict[str, Any], path: tuple[str, ...]) -> list[Any] | None:
    """The list at ``path`` (a single item given as a mapping is a list of one)."""
    node: Any = body
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if isinstance(node, dict):  # a single item given as a mapping
        return [node]
    return node if isinstance(node, list) else None


def _copy_to_items(body: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """A copy of ``body`` whose mappings down to the list can be changed freely.

    Paging rewrites only those mappings and replaces the list itself; the items are
    shared with the dataset, which nothing changes, so a page costs its own size
    rather than the whole list's.
    """
    top = dict(body)
    node = top
    for key in path[:-1]:
        node[key] = dict(node[key])
        node = node[key]
    return top


def _set_items(body: dict[str, Any], path: tuple[str, ...], items: list[Any]) -> None:
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = items


def _asks_page_number(params: Mapping[str, str]) -> bool:
    uses_token = "NextToken" in params or "MaxResults" in params
    return not uses_token and ("PageNumber" in params or "PageSize" in params)


def _size(params: Mapping[str, str], name: str, rule: Paging) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return rule.default
    try:
        size = int(raw)
    except ValueError:
        raise ApiError(
            f"InvalidParameter.{name}", 400, f"The specified {name} is invalid."
        ) from None
    return min(max(size, rule.minimum), rule.maximum)


def _positive_int(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name) or str(default)
    if not raw.isdigit() or int(raw) < 1:
        raise ApiError(
            f"InvalidParameter.{name}", 400, f"The specified {name} is invalid."
        )
    return int(raw)


def _by_page_number(body, rule, items, params):
    size = _size(params, rule.size_param, rule)
    number = _positive_int(params, rule.page_param, 1)
    start = (number - 1) * size
    chosen = items[start : start + size]
    _set_items(body, rule.items, chosen)
    body.update(
        TotalCount=len(items),
        TotalRecordCount=len(items),
        PageNumber=number,
        PageSize=size,
        PageRecordCount=len(chosen),
    )
    return body


def _encode_offset(offset: int) -> str:
    return base64.urlsafe_b64encode(f"sandbox-offset:{offset}".encode()).decode()


def _decode_offset(token: str, name: str) -> int:
    try:
        text = base64.urlsafe_b64decode(token.encode()).decode()
        prefix, _, offset = text.partition(":")
        if prefix == "sandbox-offset" and offset.isdigit():
            return int(offset)
    except ValueError:
        pass
    raise ApiError(f"InvalidParameter.{name}", 400, f"The specified {name} is invalid.")


def _by_next_token(body, rule, items, params, names=("NextToken", "MaxResults")):
    token_name, size_name = names
    size = _size(params, size_name, rule)
    token = params.get(token_name)
    start = _decode_offset(token, token_name) if token else 0
    end = start + size
    _set_items(body, rule.items, items[start:end])
    # With NextToken/MaxResults, ECS documents TotalCount as not valid; the actions
    # that keep it in ECHOED count the whole list.
    body["TotalCount"] = len(items)
    body[token_name] = _encode_offset(end) if end < len(items) else ""
    body[size_name] = size
    return body


def _by_lower_next_token(body, rule, items, params):
    paged = _by_next_token(body, rule, items, params, ("nextToken", "maxResults"))
    paged["totalCount"] = paged.pop("TotalCount")
    return paged


def _by_offset(body, rule, items, params):
    size = _size(params, "size", rule)
    raw = params.get("offset") or "0"
    if not raw.isdigit():
        raise ApiError("ParameterInvalid", 400, f"offset {raw!r} is invalid.")
    start = int(raw)
    chosen = items[start : start + size]
    _set_items(body, rule.items, chosen)
    body.update(count=len(chosen), total=len(items))
    return body


def _by_marker(body, rule, items, params):
    size = _size(params, "MaxItems", rule)
    marker = params.get("Marker")
    start = _decode_offset(marker, "Marker") if marker else 0
    end = start + size
    _set_items(body, rule.items, items[start:end])
    truncated = end < len(items)
    body["IsTruncated"] = truncated
    if truncated:
        body["Marker"] = _encode_offset(end)
    else:
        body.pop("Marker", None)
    return body


def _by_oss_marker(body, rule, items, params):
    size = _size(params, "max-keys", rule)
    prefix = params.get("prefix", "")
    marker = params.get("marker", "")
    chosen = sorted(
        (i for i in items if str(i.get("Name", "")).startswith(prefix)),
        key=lambda i: str(i.get("Name", "")),
    )
    chosen = [i for i in chosen if str(i.get("Name", "")) > marker]
    result = body[rule.items[0]]
    _set_items(body, rule.items, chosen[:size])
    truncated = len(chosen) > size
    result.update(Prefix=prefix, Marker=marker, MaxKeys=size, IsTruncated=truncated)
    result.pop("NextMarker", None)
    if truncated:
        result["NextMarker"] = chosen[size - 1]["Name"]
    return body


_STYLES = {
    PAGE_NUMBER: _by_page_number,
    NEXT_TOKEN: _by_next_token,
    MARKER: _by_marker,
    OSS_MARKER: _by_oss_marker,
    LOWER_NEXT_TOKEN: _by_lower_next_token,
    OFFSET: _by_offset,
}
