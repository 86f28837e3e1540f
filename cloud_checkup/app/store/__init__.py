"""The local history in SQLite: scans and their results, exceptions, the AI ledger."""

from .database import DATA_DIR_VARIABLE, ScanRunning, Store, StoreError, default_path
from .recorder import Recorder
from .records import InterruptedScan, ResumePlan, ScanStatus, ScanSummary, ScorePoint
from .retention import Keep, RetentionRule

__all__ = [
    "DATA_DIR_VARIABLE",
    "InterruptedScan",
    "Keep",
    "Recorder",
    "ResumePlan",
    "RetentionRule",
    "ScanRunning",
    "ScanStatus",
    "ScanSummary",
    "ScorePoint",
    "Store",
    "StoreError",
    "default_path",
]
