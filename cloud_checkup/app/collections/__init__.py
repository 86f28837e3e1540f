"""The registry of collections: every module here defines ``COLLECTIONS``."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .base import Collection, DetailCollection, ListCollection, Paging, Scope

__all__ = [
    "Collection",
    "DetailCollection",
    "ListCollection",
    "Paging",
    "Scope",
    "all_collections",
]


@cache
def all_collections() -> dict[str, Collection]:
    """Every collection the app knows, by name."""
    found: dict[str, Collection] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for collection in getattr(module, "COLLECTIONS", ()):
            if collection.name in found:
                raise ValueError(f"collection {collection.name!r} is defined twice")
            found[collection.name] = collection
    return found
