"""Reading one resource's per-resource record and telling absent from unreadable."""

from __future__ import annotations

from dataclasses import dataclass

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
        if self.error is None:
            return "the configuration was not returned"
        return f"{self.error.code}: {self.error.message}"


def read_detail(inventory: Inventory, collection: str, key: str) -> Detail:
    """The per-resource read of ``key`` in ``collection``."""
    record = inventory.details(collection).get(key)
    if record is not None:
        return Detail(record)
    return Detail(None, inventory.detail_errors(collection).get(key))


def unreadable(resource_id: str, what: str, detail: Detail, **kw: object) -> Finding:
    """A NOT_CHECKED finding for a resource whose ``what`` could not be read."""
    return Finding.unknown(
        resource_id, f"Could not read {what}: {detail.reason()}", **kw
    )
