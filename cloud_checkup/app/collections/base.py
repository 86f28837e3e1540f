"""How each collection of inventory is fetched: product, action, paging, nesting.

A collection is fetched once per scan (per region for regional products), however many
checks read it. Checks name collections by ``name``; the engine fetches the union of
what the selected checks need. The RAM actions a collection calls are the permissions
the checks reading it require.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Paging(enum.Enum):
    """The paging styles of Alibaba Cloud list APIs."""

    NONE = "none"
    PAGE_NUMBER = "page_number"  # PageNumber / PageSize, stop at TotalCount
    NEXT_TOKEN = "next_token"  # NextToken / MaxResults
    MARKER = "marker"  # Marker / MaxItems, IsTruncated (RAM)
    OSS_MARKER = "oss_marker"  # marker / max-keys, IsTruncated + NextMarker (OSS)
    OFFSET = "offset"  # offset / size, stop at total (Simple Log Service)


class Scope(enum.Enum):
    REGIONAL = "regional"  # one call per scanned region
    GLOBAL = "global"  # one call to the product's central endpoint


@dataclass(frozen=True)
class ListCollection:
    """A list (or a single object) read with one action, paged to the end.

    Attributes:
        path: for ROA-style products, the request path (``/api/v1/clusters``); RPC
            actions leave it ``None``.
        items: dotted path to the list in the response body (``Instances.Instance``);
            ``None`` when the whole body is the one record (``GetPasswordPolicy``).
        id_field: the resource id, used to drop the same resource returned by several
            regional endpoints.
        page_size: the page size asked for (the action's maximum).
        size_param: the request parameter carrying the page size, when it is not the
            paging style's usual one (``MaxResults``, ``PageSize``, ``MaxItems``).
        page_param: the page-number parameter when it is not ``PageNumber``
            (CloudMonitor's ``Page``).
        token_param: the request parameter and answer field carrying the next page's
            token when it is not ``NextToken`` (Model Studio's lower-case
            ``nextToken``).
        empty_when_denied: the action answers a caller without permission with an empty
            list instead of an error, so an empty answer proves nothing on its own.
        absent_codes: error codes that mean "there is no such object" (a record-less
            collection, not a failure).
        unsupported_codes: error codes that mean the product or region does not offer
            this (the region simply has none).
        redact: field names dropped from every record as it arrives, at any depth:
            secrets an answer carries beside the configuration (an API key's value)
            are never kept, even in memory.
        also_authorized: RAM actions (``ram:ListUsers``) Alibaba checks as well when
            this action is called; they are part of what the checks require.
        variants: parameter sets the list is read with, one after the other, their
            records merged: an action that lists one kind of resource unless asked
            for another (MongoDB ``DescribeDBInstances`` answers replica sets only,
            unless ``DBInstanceType`` is ``sharding``) is asked for every kind.
    """

    name: str
    product: str
    action: str
    items: str | None
    path: str | None = None
    method: str = "GET"
    scope: Scope = Scope.REGIONAL
    paging: Paging = Paging.NONE
    page_size: int | None = None
    size_param: str | None = None
    page_param: str | None = None
    token_param: str | None = None
    id_field: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    empty_when_denied: bool = False
    absent_codes: tuple[str, ...] = ()
    unsupported_codes: tuple[str, ...] = ()
    redact: tuple[str, ...] = ()
    also_authorized: tuple[str, ...] = ()
    variants: tuple[dict[str, Any], ...] = ({},)

    @property
    def actions(self) -> tuple[str, ...]:
        return (self.action,)


@dataclass(frozen=True)
class DetailCollection:
    """One read per resource of a parent collection (rules of each security group).

    Attributes:
        parent: the collection whose records this one reads one by one.
        param: the request parameter naming the resource (``SecurityGroupId``; for OSS,
            ``bucket``).
        parent_field: the parent record's field holding that id.
        path: for ROA-style products, the request path; ``{param}`` stands for the
            resource id and any other ``{Field}`` for that field of the parent record
            (``/api/v2/services/{ClusterId}/{ServiceName}``).
        items: dotted path to the part of the response kept (``None``: the whole body).
        paging: a paging style makes this a list per resource (the logstores of each
            SLS project): every page is read, and each item of ``items`` becomes a
            record of its own, keyed ``<resource id>/<item's id_field>`` and carrying
            the resource id under ``param``. Without paging, the one answer is the
            resource's record, keyed by the resource id.
        id_field: for a list per resource, the item's own id. Items that are bare
            names (SLS ListLogStores answers names) become ``{id_field: name}``.
        project: Simple Log Service only: the project whose host serves the call, as
            a template over the parent record (``{projectName}``).
        absent_codes: error codes meaning "this resource has none" (a user without a
            login profile); they reach the check as a ``DetailError`` with
            ``absent=True``.
        unsupported_codes: error codes meaning "this kind of resource does not support
            the call" (``InstanceEngineType.NotSupport``); they affect only that
            resource.
        also_authorized: RAM actions Alibaba checks as well when this action is
            called; they are part of what the checks require.
        only: parent fields and the values (in any case) a parent record must hold
            to be read: the call exists for one kind of resource only (MongoDB
            ``DescribeShardingNetworkAddress`` answers for sharded clusters).
        batch: how many resources one call may name, their ids joined with commas
            in ``param`` (ECS ``DescribeInstanceAutoRenewAttribute`` takes 100).
            The answer lists them under ``items``, each carrying its id in
            ``id_field``, paged by ``paging``; each item is the record of the
            resource it names, keyed by that resource's id. A resource asked for
            and not in the answer is unreadable, never passed over.
    """

    name: str
    product: str
    action: str
    parent: str
    param: str
    parent_field: str
    items: str | None = None
    path: str | None = None
    method: str = "GET"
    params: dict[str, Any] = field(default_factory=dict)
    paging: Paging = Paging.NONE
    page_size: int | None = None
    size_param: str | None = None
    token_param: str | None = None
    page_param: str | None = None
    id_field: str | None = None
    project: str | None = None
    absent_codes: tuple[str, ...] = ()
    unsupported_codes: tuple[str, ...] = ()
    also_authorized: tuple[str, ...] = ()
    only: dict[str, str] = field(default_factory=dict)
    batch: int = 1

    @property
    def actions(self) -> tuple[str, ...]:
        return (self.action,)

    def reads(self, parent: Mapping[str, Any]) -> bool:
        """Whether ``parent`` is of the kind this collection reads (see ``only``)."""
        return all(
            str(parent.get(name) or "").lower() == value.lower()
            for name, value in self.only.items()
        )

    @property
    def is_list(self) -> bool:
        """Each resource's answer is a paged list of records, not one record."""
        return self.paging is not Paging.NONE and not self.is_batched

    @property
    def is_batched(self) -> bool:
        """One call reads several resources (see ``batch``)."""
        return self.batch > 1


Collection = ListCollection | DetailCollection
