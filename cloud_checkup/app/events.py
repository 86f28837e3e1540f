"""What a running scan tells its observers (the window, the command line, the store)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cloud_checkup.checks.base import Category, Severity

from .model import Account, ItemResult, ScanResult


@dataclass(frozen=True)
class ScanStarted:
    """The plan is known: how many items each category will evaluate."""

    scan_id: str
    totals: dict[Category, int]
    regions: tuple[str, ...]
    account: Account | None = None
    started_at: datetime | None = None


@dataclass(frozen=True)
class Activity:
    """What is being fetched right now, for a status line."""

    message: str


@dataclass(frozen=True)
class CategoryProgress:
    """A category's items done so far, and its failures by severity."""

    category: Category
    done: int
    total: int
    failed: dict[Severity, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemFinished:
    result: ItemResult


@dataclass(frozen=True)
class ScanFinished:
    scan: ScanResult


ScanEvent = ScanStarted | Activity | CategoryProgress | ItemFinished | ScanFinished
