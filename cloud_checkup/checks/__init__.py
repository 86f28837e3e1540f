"""The check catalogue: one module per check item, found by walking this package."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .base import Category, Check, Package, Severity, Status, registered

__all__ = ["Category", "Check", "Package", "Severity", "Status", "catalogue"]


@cache
def catalogue() -> dict[str, Check]:
    """Every check item, by id, in a stable order (category, then id)."""
    for module_info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        if module_info.name.rsplit(".", 1)[-1] != "base":
            importlib.import_module(module_info.name)
    items = registered()
    order = list(Category)
    return {
        item.id: item
        for item in sorted(
            items.values(), key=lambda c: (order.index(c.category), c.id)
        )
    }
