"""Reading one resource's per-resource record and telling absent from unreadable."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .base import DetailError, Finding, Inventory, Record


@dataclass(frozen=True)
class Detail:
    """What a per-resource read gave: a record, a known absence, or a failure."""

    record: Record | None
    error: DetailError | None = None

    @property
    def absent(self) -> bool:
        return self.error is not None and self.error.absent

    @property
    def unsupported(self) -> bool:
        return self.error is not None and self.error.unsupported

    @property
    def unreadable(self) -> bool:
        """The read failed (or never happened): nothing can be concluded."""
        return self.record is None and not self.absent and not self.unsupported

    def reason(self) -> str:
        return _reason(self.error)


def _reason(error: DetailError | None) -> str:
    if error is None:
        return "the configuration was not returned"
    return f"{error.code}: {error.message}"


def read_detail(inventory: Inventory, collection: str, key: str) -> Detail:
    """The per-resource read of ``key`` in ``collection``."""
    record = inventory.details(collection).get(key)
    if record is not None:
        return Detail(record)
    return Detail(None, inventory.detail_errors(collection).get(key))


@dataclass(frozen=True)
class Listing:
    """What a paged per-resource list gave one resource: its items, or why none.

    A resource read without error and holding no item has an empty ``items``; only
    an error makes it unreadable.
    """

    items: tuple[Record, ...]
    error: DetailError | None = None

    @property
    def unreadable(self) -> bool:
        return self.error is not None and not (
            self.error.absent or self.error.unsupported
        )

    @property
    def skipped(self) -> bool:
        """The resource is gone or its kind has no such list: nothing to judge."""
        return self.error is not None and not self.unreadable

    def reason(self) -> str:
        return _reason(self.error)


class Listings:
    """The items of a paged per-resource collection, by the resource they belong to.

    Each item carries its resource's id under the request parameter ``param``
    (``AclId``, ``NatGatewayId``); resources whose read failed are in the
    collection's detail errors.
    """

    def __init__(self, inventory: Inventory, collection: str, param: str):
        self._errors = inventory.detail_errors(collection)
        self._items: dict[str, list[Record]] = defaultdict(list)
        for record in inventory.records(collection):
            self._items[str(record.get(param))].append(record)

    def of(self, key: str) -> Listing:
        return Listing(tuple(self._items.get(key, ())), self._errors.get(key))


def unreadable(
    resource_id: str, what: str, detail: Detail | Listing, **kw: object
) -> Finding:
    """A NOT_CHECKED finding for a resource whose ``what`` could not be read."""
    return Finding.unknown(
        resource_id, f"Could not read {what}: {detail.reason()}", **kw
    )


def not_returned(resource_id: str, *fields: str, **kw: object) -> Finding:
    """A NOT_CHECKED finding for a resource whose answer left out ``fields``, the
    fields that decide it.

    A field the API did not send is no evidence of a risk, and no proof of its
    absence either: the resource can neither pass nor fail on it.
    """
    verb = "was" if len(fields) == 1 else "were"
    return Finding.unknown(
        resource_id, f"{' and '.join(fields)} {verb} not returned", **kw
    )


@dataclass
class Shortfalls:
    """Where a resource's settings fall short, and the fields its answer left out.

    A shortfall seen fails the resource whatever else is missing; without one, a
    missing field leaves it not checked, since it could hide a shortfall.
    """

    gaps: list[str] = field(default_factory=list)
    unsaid: list[str] = field(default_factory=list)

    def finding(self, resource_id: str, passing: str, **kw: object) -> Finding:
        if self.gaps:
            return Finding.failed(resource_id, "; ".join(self.gaps), **kw)
        if self.unsaid:
            return not_returned(resource_id, *self.unsaid, **kw)
        return Finding.passed(resource_id, passing, **kw)
