"""The local history in SQLite: scans and their results, exceptions, the AI ledger."""

from .database import DATA_DIR_VARIABLE, Store, StoreError, default_path
from .recorder import Recorder
from .records import InterruptedScan, ResumePlan, ScanStatus, ScanSummary, ScorePoint

__all__ = [
    "DATA_DIR_VARIABLE",
    "InterruptedScan",
    "Recorder",
    "ResumePlan",
    "ScanStatus",
    "ScanSummary",
    "ScorePoint",
    "Store",
    "StoreError",
    "default_path",
]
