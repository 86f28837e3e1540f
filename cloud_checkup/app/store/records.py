"""What the store answers besides whole scans: history rows, score points, resumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from ..engine import ScanRequest
from ..model import ItemResult


class ScanStatus(enum.StrEnum):
    RUNNING = "running"
    COMPLETE = "complete"
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class ScanSummary:
    """One row of the history: a scan with its score and item counts by status."""

    scan_id: str
    account_id: str | None
    account_alias: str | None
    started_at: datetime
    finished_at: datetime | None
    status: ScanStatus
    score: int | None
    tier: str | None
    counts: dict[str, int] = field(default_factory=dict)
    rechecks: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class ScorePoint:
    scan_id: str
    started_at: datetime
    value: int
    tier: str


@dataclass(frozen=True)
class InterruptedScan:
    """A scan cut off by a crash or quit, and the items it still has to do."""

    scan_id: str
    account_id: str | None
    target: str | None
    started_at: datetime
    done: int
    remaining: tuple[str, ...]


@dataclass(frozen=True)
class ResumePlan:
    """What a resumed scan needs: the original request and what already finished.

    ``regions`` are the regions the original scan covered; a resumed scan should
    cover the same ones so that its results describe one consistent account state.
    """

    scan_id: str
    target: str | None
    request: ScanRequest
    regions: tuple[str, ...]
    completed: list[ItemResult]
    remaining: tuple[str, ...]
