"""Which PAI-DLC jobs the DLC items judge: those holding or waiting for compute."""

from __future__ import annotations

from .._ai import ACTIVE_JOB_STATES
from ..base import Inventory, Record

JOB_TYPE = "ACS::PAI::DLCJob"


def active_jobs(inventory: Inventory) -> list[Record]:
    return [
        job
        for job in inventory.records("pai-dlc.jobs")
        if str(job.get("Status", "")).lower() in ACTIVE_JOB_STATES
    ]
