"""Which PAI-DLC jobs the DLC items judge: those holding or waiting for compute."""

from __future__ import annotations

from .._ai import ACTIVE_JOB_STATES
from ..base import Assets, Inventory, Record

JOB_TYPE = "ACS::PAI::DLCJob"


ACTIVE_JOBS = Assets(
    "pai-dlc.jobs", lambda job: str(job.get("Status", "")).lower() in ACTIVE_JOB_STATES
)


def active_jobs(inventory: Inventory) -> list[Record]:
    return ACTIVE_JOBS.records(inventory)
