"""Fetching collections: every page, every region, once, and an honest account of gaps.

A collection either arrives whole or carries the reason it could not be read; a
per-resource read that fails affects only that resource. Answers that mean "there is
none of this here" (a region a product does not serve, a user without a login
profile) are facts, not failures.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from cloud_checkup.checks.base import DetailError, Record

from .cloud import CloudClient, CloudError, endpoints
from .cloud.endpoints import ram_action
from .collections import (
    Collection,
    DetailCollection,
    ListCollection,
    Paging,
    Scope,
)

log = logging.getLogger(__name__)

MAX_PAGES = 10_000

PageFetcher = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]

OSS_SUBRESOURCES = {
    "GetBucketAcl": "acl",
    "GetBucketPolicy": "policy",
    "GetBucketEncryption": "encryption",
    "GetBucketVersioning": "versioning",
    "GetBucketLogging": "logging",
    "GetBucketInfo": "bucketInfo",
    "GetBucketPublicAccessBlock": "publicAccessBlock",
    "GetBucketReplication": "replication",
    "GetBucketLifecycle": "lifecycle",
    "GetBucketReferer": "referer",
    "GetBucketCors": "cors",
    "GetBucketWebsite": "website",
    "GetBucketLocation": "location",
    "GetBucketTransferAcceleration": "transferAcceleration",
    "GetBucketWorm": "worm",
}


@dataclass
class CollectionResult:
    """What one collection gave: records, per-resource records, or why not."""

    name: str
    records: list[Record] = field(default_factory=list)
    details: dict[str, Record] = field(default_factory=dict)
    detail_errors: dict[str, DetailError] = field(default_factory=dict)
    error: str | None = None
    missing_actions: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def dig(body: Mapping[str, Any], path: str | None) -> Any:
    """The value at a dotted ``path`` of a response body, or ``None`` if absent."""
    value: Any = body
    for part in path.split(".") if path else ():
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def as_list(value: Any) -> list[Any]:
    """A list field that may come as a list, a single object or nothing."""
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _truthy(value: Any) -> bool:
    # Alibaba sends booleans both as JSON booleans and as the strings "true"/"false".
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _failure_reason(error: CloudError) -> str:
    if error.is_permission:
        return f"permission denied for {error.action} ({error.code})"
    if error.is_not_activated:
        return f"the service is not activated ({error.action}: {error.code})"
    if error.is_throttling:
        return f"still throttled after retries ({error.action}: {error.code})"
    detail = f": {error.message}" if error.message else ""
    return f"{error.action} failed with {error.code}{detail}"


class Collector:
    """Fetches collections for one scan through one ``CloudClient``."""

    def __init__(
        self,
        cloud: CloudClient,
        regions: list[str],
        on_activity: Callable[[str], None] = lambda message: None,
    ):
        self._cloud = cloud
        self._regions = regions
        self._on_activity = on_activity

    async def fetch_list(self, spec: ListCollection) -> CollectionResult:
        regions: list[str | None] = (
            list(self._regions) if spec.scope is Scope.REGIONAL else [None]
        )
        if spec.product != "oss":
            product = endpoints.product(spec.product)
            regions = [r for r in regions if product.offered_in(r)]
        outcomes = await asyncio.gather(
            *(self._fetch_region(spec, region) for region in regions),
            return_exceptions=True,
        )
        result = CollectionResult(spec.name)
        seen: set[str] = set()
        for outcome in outcomes:
            if isinstance(outcome, CloudError):
                return self._failed(spec.name, outcome)
            if isinstance(outcome, BaseException):
                raise outcome
            for record in outcome:
                record_id = record.get(spec.id_field) if spec.id_field else None
                if record_id is not None:
                    if record_id in seen:
                        continue
                    seen.add(record_id)
                result.records.append(record)
        if spec.empty_when_denied and not result.records:
            return await self._prove_empty(spec, result, regions[0])
        return result

    async def _prove_empty(
        self, spec: ListCollection, result: CollectionResult, region: str | None
    ) -> CollectionResult:
        """An empty answer from an action that answers a denied caller with nothing.

        A dry run asks the cloud whether the caller may call the action at all:
        ``DryRunOperation`` means yes, so the empty list is real; a permission error
        means the list was empty only because the caller may not see it.
        """
        try:
            await self._page_fetcher(spec, region)({"DryRun": True})
        except CloudError as error:
            if error.code == "DryRunOperation" or error.is_region_unsupported:
                return result
            if error.is_permission:
                failed = self._failed(spec.name, error)
                failed.error = (
                    f"{error.action} answered with an empty list, and a dry run shows "
                    f"the identity may not call it ({error.code}): the list is blind"
                )
                return failed
            return self._failed(spec.name, error)
        return result

    async def fetch_details(
        self, spec: DetailCollection, parent: CollectionResult
    ) -> CollectionResult:
        if not parent.ok:
            return CollectionResult(
                spec.name, error=parent.error, missing_actions=parent.missing_actions
            )
        keyed = [
            (_detail_key(record, resource_id), str(resource_id), record)
            for record in parent.records
            if (resource_id := record.get(spec.parent_field)) not in (None, "")
            and spec.reads(record)
        ]
        if spec.is_batched:
            return await self._fetch_batches(spec, keyed)
        fetch = self._fetch_resource_list if spec.is_list else self._fetch_detail
        outcomes = await asyncio.gather(
            *(fetch(spec, resource_id, record) for _, resource_id, record in keyed),
            return_exceptions=True,
        )
        result = CollectionResult(spec.name)
        for (key, _, _), outcome in zip(keyed, outcomes, strict=True):
            if isinstance(outcome, Record):
                result.details[key] = outcome
            elif isinstance(outcome, list):
                result.records.extend(outcome)
            elif isinstance(outcome, DetailError):
                result.detail_errors[key] = outcome
            elif isinstance(outcome, CloudError):
                # Permission is granted per action, not per resource: one denial means
                # the whole collection is unreadable.
                return self._failed(spec.name, outcome)
            else:
                raise outcome
        return result

    async def _fetch_batches(
        self, spec: DetailCollection, keyed: list[tuple[str, str, Record]]
    ) -> CollectionResult:
        """Per-resource records, read ``spec.batch`` resources a call per region."""
        by_region: dict[str | None, list[tuple[str, str, Record]]] = {}
        for entry in keyed:
            by_region.setdefault(entry[2].region, []).append(entry)
        batches = [
            resources[start : start + spec.batch]
            for resources in by_region.values()
            for start in range(0, len(resources), spec.batch)
        ]
        outcomes = await asyncio.gather(
            *(self._read_batch(spec, batch) for batch in batches),
            return_exceptions=True,
        )
        result = CollectionResult(spec.name)
        for batch, outcome in zip(batches, outcomes, strict=True):
            if isinstance(outcome, CloudError):
                try:
                    errors = {
                        key: _detail_error(spec, key, outcome) for key, *_ in batch
                    }
                except CloudError as error:  # the collection's failure, not the batch's
                    return self._failed(spec.name, error)
                result.detail_errors.update(errors)
                continue
            if isinstance(outcome, BaseException):
                raise outcome
            for key, resource_id, parent_record in batch:
                if resource_id not in outcome:
                    result.detail_errors[key] = DetailError(
                        key, "Response.Incomplete", f"the answer left {resource_id} out"
                    )
                elif outcome[resource_id] is None:
                    result.detail_errors[key] = DetailError(
                        key,
                        "Response.Contradictory",
                        f"the answer listed {resource_id} twice, differently",
                    )
                else:
                    result.details[key] = Record(
                        outcome[resource_id], parent_record.region, key
                    )
        return result

    async def _read_batch(
        self, spec: DetailCollection, batch: list[tuple[str, str, Record]]
    ) -> dict[str, Any]:
        """One batch's answer: every page, its items by the id each carries (see
        :func:`_by_id`)."""
        ids = ",".join(resource_id for _, resource_id, _ in batch)
        parent = batch[0][2]  # a batch's resources share their region

        async def fetch(params: dict[str, Any]) -> dict[str, Any]:
            return await self._call_detail(spec, ids, parent, params)

        return _by_id(await self._pages(spec, fetch), spec.id_field)

    def _failed(self, name: str, error: CloudError) -> CollectionResult:
        missing = (error.action,) if error.is_permission and error.action else ()
        # Expected in normal scans (a permission the identity lacks): reported with
        # the items, not as a warning on the console.
        log.info("could not read %s: %s", name, _failure_reason(error))
        return CollectionResult(
            name, error=_failure_reason(error), missing_actions=missing
        )

    async def _fetch_region(
        self, spec: ListCollection, region: str | None
    ) -> list[Record]:
        where = f" in {region}" if region else ""
        self._on_activity(f"Reading {spec.name}{where}")
        started = time.monotonic()
        fetch = self._page_fetcher(spec, region)
        items: list[Any] = []
        try:
            for variant in spec.variants:
                items += await self._pages(spec, _with_params(fetch, variant))
        except CloudError as error:
            if error.is_region_unsupported or error.code in spec.unsupported_codes:
                log.info("%s is not offered%s (%s)", spec.name, where, error.code)
                return []
            if error.code in spec.absent_codes:
                return []
            raise
        log.info(
            "fetched %d records of %s%s in %.2f s",
            len(items),
            spec.name,
            where,
            time.monotonic() - started,
        )
        if spec.redact:
            items = [_without(item, frozenset(spec.redact)) for item in items]
        return [Record(item, _record_region(item, region)) for item in items]

    async def _pages(self, spec: Collection, fetch: PageFetcher) -> list[Any]:
        items: list[Any] = []
        state: dict[str, str] = {}
        previous: list[Any] | None = None
        for page_number in range(1, MAX_PAGES + 1):
            body = await fetch(_page_params(spec, page_number, state))
            page_items = _items(body, spec)
            if page_items and page_items == previous:
                # The action ignored the page asked for and answered the same page
                # again: asking on would loop, and keep every copy.
                log.warning(
                    "%s answered page %d twice; paging stops", spec.name, page_number
                )
                return items
            items.extend(page_items)
            previous = page_items
            if not _next_page(spec, body, page_items, len(items), state):
                return items
        raise CloudError(
            "Paging.TooManyPages", f"{spec.name} did not end in {MAX_PAGES} pages"
        )

    def _page_fetcher(self, spec: ListCollection, region: str | None):
        if spec.product == "oss":
            oss_region = region or self._regions[0]

            async def fetch_oss(params: dict[str, Any]) -> dict[str, Any]:
                merged = {k: str(v) for k, v in (spec.params | params).items()}
                return await self._cloud.oss(spec.action, oss_region, params=merged)

            return fetch_oss

        if spec.product == "sls":

            async def fetch_sls(params: dict[str, Any]) -> dict[str, Any]:
                return await self._cloud.sls(
                    spec.action,
                    region or self._regions[0],
                    path=spec.path or "/",
                    params=dict(spec.params) | params,
                )

            return fetch_sls

        async def fetch(params: dict[str, Any]) -> dict[str, Any]:
            merged = dict(spec.params) | params
            if region and spec.path is None:
                merged.setdefault("RegionId", region)
            return await self._cloud.call(
                spec.product,
                spec.action,
                merged,
                region=region,
                path=spec.path,
                method=spec.method,
            )

        return fetch

    async def _fetch_resource_list(
        self, spec: DetailCollection, key: str, parent: Record
    ) -> list[Record] | DetailError:
        """Every page of one resource's list, each item a record of its own."""

        async def fetch(params: dict[str, Any]) -> dict[str, Any]:
            return await self._call_detail(spec, key, parent, params)

        try:
            items = await self._pages(spec, fetch)
        except CloudError as error:
            return _detail_error(spec, key, error)
        return [Record({**item, spec.param: key}, parent.region, key) for item in items]

    async def _fetch_detail(
        self, spec: DetailCollection, key: str, parent: Record
    ) -> Record | DetailError:
        try:
            body = await self._call_detail(spec, key, parent)
        except CloudError as error:
            return _detail_error(spec, key, error)
        if spec.items is None:
            return Record(body, parent.region, key)
        data = dig(body, spec.items)
        if not isinstance(data, Mapping):
            # An answer without the part asked for proves nothing about the resource.
            return DetailError(
                key, "Response.Incomplete", f"the answer has no {spec.items} object"
            )
        return Record(data, parent.region, key)

    async def _call_detail(
        self,
        spec: DetailCollection,
        key: str,
        parent: Record,
        page: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        if spec.product == "sls":
            fields = {**parent, spec.param: key}
            return await self._cloud.sls(
                spec.action,
                parent.region or self._regions[0],
                path=_roa_path(spec.path or "/", fields),
                project=spec.project.format_map(fields) if spec.project else None,
                params=dict(spec.params) | dict(page or {}),
            )
        if spec.product == "oss":
            region = _bucket_region(parent) or self._regions[0]
            return await self._cloud.oss(
                spec.action,
                region,
                bucket=key,
                subresource=OSS_SUBRESOURCES.get(spec.action),
                params={k: str(v) for k, v in spec.params.items()},
            )
        params = dict(spec.params) | dict(page or {})
        path = _roa_path(spec.path, {**parent, spec.param: key}) if spec.path else None
        if path is None:
            params[spec.param] = key
            if parent.region:
                params.setdefault("RegionId", parent.region)
        return await self._cloud.call(
            spec.product,
            spec.action,
            params,
            region=parent.region,
            path=path,
            method=spec.method,
        )


def _with_params(fetch: PageFetcher, params: Mapping[str, Any]) -> PageFetcher:
    """``fetch`` asking every page with ``params`` besides the paging ones."""
    if not params:
        return fetch

    async def fetch_with(page: dict[str, Any]) -> dict[str, Any]:
        return await fetch(dict(params) | page)

    return fetch_with


def _by_id(items: list[Any], id_field: str | None) -> dict[str, Any]:
    """``items`` by the id each carries in ``id_field``.

    An id listed twice with different contents maps to ``None``: an answer that says
    two things about one resource says nothing about it, and keeping either item
    would judge the resource on a guess.
    """
    keyed: dict[str, Any] = {}
    for item in items:
        resource_id = str(item.get(id_field))
        if resource_id in keyed and keyed[resource_id] != item:
            item = None
        keyed[resource_id] = item
    return keyed


def _detail_key(record: Record, resource_id: Any) -> str:
    """A per-resource read's key: the resource id, under its parent's key when the
    resource itself came from a list per resource (``<project>/<logstore>``)."""
    return f"{record.key}/{resource_id}" if record.key else str(resource_id)


def _detail_error(spec: DetailCollection, key: str, error: CloudError) -> DetailError:
    """What a failed per-resource read means for that resource alone.

    Raises:
        CloudError: the failure is not the resource's but the collection's (a
            permission or a product not activated).
    """
    if error.code in spec.absent_codes:
        return DetailError(key, error.code, error.message, absent=True)
    if error.code in spec.unsupported_codes:
        return DetailError(key, error.code, error.message, unsupported=True)
    if error.is_permission or error.is_not_activated:
        raise error
    return DetailError(key, error.code, error.message or _failure_reason(error))


def _without(value: Any, names: frozenset[str]) -> Any:
    """``value`` with every field named in ``names`` removed, at any depth."""
    if isinstance(value, Mapping):
        return {k: _without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [_without(item, names) for item in value]
    return value


def _roa_path(template: str, fields: Mapping[str, Any]) -> str:
    """A ROA path with each ``{Field}`` replaced by its percent-encoded value."""
    encoded = {k: quote(str(v), safe="~") for k, v in fields.items()}
    return template.format_map(encoded)


def _record_region(item: Any, queried: str | None) -> str | None:
    if isinstance(item, Mapping):
        own = item.get("RegionId") or item.get("Region")
        if isinstance(own, str) and own:
            return own.removeprefix("oss-")
    return queried


def _bucket_region(bucket: Record) -> str | None:
    region = bucket.get("Region") or bucket.get("Location")
    return region.removeprefix("oss-") if isinstance(region, str) and region else None


def _items(body: Mapping[str, Any], spec: Collection) -> list[Any]:
    """The records of one page; an answer without its list is an error, not empty."""
    if spec.items is None:
        return [{k: v for k, v in body.items() if k != "RequestId"}]
    container = spec.items.split(".", 1)[0]
    if container not in body:
        raise _incomplete(spec, f"the answer has no {container}")
    items = as_list(dig(body, spec.items))
    if spec.id_field and all(isinstance(item, str) for item in items):
        # A list of bare names (SLS ListLogStores): each name is a record.
        items = [{spec.id_field: item} for item in items]
    if not all(isinstance(item, Mapping) for item in items):
        raise _incomplete(
            spec, f"the answer's {spec.items} holds something not a record"
        )
    return items


def _incomplete(spec: Collection, message: str) -> CloudError:
    return CloudError(
        "Response.Incomplete", message, action=ram_action(spec.product, spec.action)
    )


def _page_params(spec: Collection, page_number: int, state: dict[str, str]) -> dict:
    size = spec.page_size
    match spec.paging:
        case Paging.NONE:
            return {}
        case Paging.PAGE_NUMBER:
            return {
                spec.page_param or "PageNumber": page_number,
                spec.size_param or "PageSize": size,
            }
        case Paging.NEXT_TOKEN:
            name = spec.token_param or "NextToken"
            token = {name: state["token"]} if "token" in state else {}
            return {spec.size_param or "MaxResults": size} | token
        case Paging.MARKER:
            marker = {"Marker": state["token"]} if "token" in state else {}
            return {spec.size_param or "MaxItems": size} | marker
        case Paging.OSS_MARKER:
            marker = {"marker": state["token"]} if "token" in state else {}
            return {spec.size_param or "max-keys": size} | marker
        case Paging.OFFSET:
            return {"offset": state.get("offset", 0), spec.size_param or "size": size}
    raise ValueError(f"unknown paging style {spec.paging}")


def _next_page(
    spec: Collection,
    body: Mapping[str, Any],
    page_items: list[Any],
    collected: int,
    state: dict[str, str],
) -> bool:
    """Whether another page follows; remembers its token in ``state``."""
    match spec.paging:
        case Paging.NONE:
            return False
        case Paging.PAGE_NUMBER:
            total = _total_count(body, spec)
            if total is not None:
                return collected < int(total) and bool(page_items)
            return len(page_items) >= (spec.page_size or 1)
        case Paging.NEXT_TOKEN:
            token = body.get(spec.token_param or "NextToken")
            return _advance(spec, state, token)
        case Paging.OFFSET:
            state["offset"] = str(collected)
            total = body.get("total")
            if total is None:
                return len(page_items) >= (spec.page_size or 1)
            return collected < int(total) and bool(page_items)
        case Paging.MARKER:
            token = body.get("Marker")
            return _truthy(body.get("IsTruncated")) and _advance(spec, state, token)
        case Paging.OSS_MARKER:
            result = next(iter(body.values()), {}) if body else {}
            token = result.get("NextMarker") if isinstance(result, Mapping) else None
            truncated = isinstance(result, Mapping) and _truthy(
                result.get("IsTruncated")
            )
            return truncated and _advance(spec, state, token)
    return False


_TOTAL_FIELDS = ("TotalCount", "TotalRecordCount", "total_count")


def _total_count(body: Mapping[str, Any], spec: Collection) -> Any:
    """The list's total: at the top of the answer, beside the list inside its
    container (Cloud Config's ``ConfigRules{ConfigRuleList, TotalCount}``), or in a
    page-info object of its own (Security Center's ``PageInfo``, ACK's
    ``page_info``)."""
    holders = (
        body,
        dig(body, spec.items.rsplit(".", 1)[0]) if spec.items else None,
        body.get("PageInfo"),
        body.get("page_info"),
    )
    for holder in holders:
        if isinstance(holder, Mapping):
            for name in _TOTAL_FIELDS:
                if holder.get(name) is not None:
                    return holder[name]
    return None


def _advance(spec: Collection, state: dict[str, str], token: Any) -> bool:
    if not token:
        return False
    if state.get("token") == token:
        raise CloudError(
            "Paging.Loop", f"{spec.name} returned the same page token twice"
        )
    state["token"] = str(token)
    return True
