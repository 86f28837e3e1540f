"""Which fields of each collection's records the items read, found by watching them.

Every record an item receives is wrapped so that reading a field (``record["X"]``,
``record.get("X")``, ``"X" in record``, and the same one level down and deeper) is
noted with the collection the record came from, whether the field is there or not:
an item that reads a field the API never returns reads it on every account.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from cloud_checkup.checks import Check
from cloud_checkup.checks.base import DetailError, Inventory, Record

Path = tuple[str, ...]
OnRead = Callable[[Path], None]


class FieldReads:
    """The fields each item read, by collection: ``{collection: {(item, path)}}``."""

    def __init__(self) -> None:
        self.by_collection: dict[str, set[tuple[str, Path]]] = defaultdict(set)

    def watch(self, checks: Mapping[str, Check]) -> dict[str, Check]:
        """The same items, each evaluated on an inventory whose reads are noted."""
        return {
            check_id: dataclasses.replace(item, evaluate=self._watched(item))
            for check_id, item in checks.items()
        }

    def _watched(self, item: Check):
        def evaluate(inventory: Inventory):
            return item.evaluate(_WatchedInventory(inventory, item.id, self))

        return evaluate

    def note(self, collection: str, check_id: str, path: Path) -> None:
        self.by_collection[collection].add((check_id, path))


class _WatchedInventory:
    """An inventory whose records note every field read from them."""

    def __init__(self, inventory: Inventory, check_id: str, reads: FieldReads):
        self._inventory = inventory
        self._check_id = check_id
        self._reads = reads
        self.now = inventory.now
        self.account_id = inventory.account_id

    def records(self, collection: str) -> list[Record]:
        return [
            self._watched(collection, r) for r in self._inventory.records(collection)
        ]

    def details(self, collection: str) -> Mapping[str, Record]:
        return {
            key: self._watched(collection, record)
            for key, record in self._inventory.details(collection).items()
        }

    def detail_errors(self, collection: str) -> Mapping[str, DetailError]:
        return self._inventory.detail_errors(collection)

    def regions(self) -> list[str]:
        return self._inventory.regions()

    def _watched(self, collection: str, record: Record) -> Record:
        def on_read(path: Path) -> None:
            self._reads.note(collection, self._check_id, path)

        return Record(_WatchedDict(record.raw, (), on_read), record.region, record.key)


def _watched(value: Any, path: Path, on_read: OnRead) -> Any:
    if isinstance(value, dict):
        return _WatchedDict(value, path, on_read)
    if isinstance(value, list):
        return [_watched(item, path, on_read) for item in value]
    return value


class _WatchedDict(dict):
    """A part of an answer that notes the path of every field read from it; lists
    are crossed transparently, as the SDK models describe each of their items."""

    def __init__(self, data: Mapping[str, Any], path: Path, on_read: OnRead):
        super().__init__(data)
        self._path = path
        self._on_read = on_read

    def _read(self, key: Any) -> Path:
        path = (*self._path, str(key))
        self._on_read(path)
        return path

    def __getitem__(self, key: Any) -> Any:
        path = self._read(key)
        return _watched(super().__getitem__(key), path, self._on_read)

    def get(self, key: Any, default: Any = None) -> Any:
        path = self._read(key)
        if not super().__contains__(key):
            return default
        return _watched(super().__getitem__(key), path, self._on_read)

    def __contains__(self, key: object) -> bool:
        self._read(key)
        return super().__contains__(key)
