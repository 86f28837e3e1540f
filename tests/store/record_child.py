"""A scan recorded into a store, run as a child process by the crash-safety test.

Prints ``started ID ITEMS`` once the scan's row is committed and ``item CHECK_ID``
after each item's transaction commits, so the parent knows what must survive a kill.
"""

from __future__ import annotations

import asyncio
import sys

from cloud_checkup.app.events import ItemFinished, ScanFinished, ScanStarted
from cloud_checkup.app.runner import ScanJob, ScanRequest, demo_target
from cloud_checkup.app.store import Recorder, Store
from cloud_checkup.checks import Package


def main(store_path: str) -> int:
    request = ScanRequest(packages=frozenset({Package.STANDARD, Package.AI}))
    store = Store(store_path)
    recorder = Recorder(store, request, target="demo")

    def on_event(event) -> None:
        recorder(event)
        if isinstance(event, ScanStarted):
            planned = sum(event.totals.values())
            print("started", event.scan_id, planned, flush=True)
        elif isinstance(event, ItemFinished):
            print("item", event.result.check_id, flush=True)
        elif isinstance(event, ScanFinished):
            print("finished", flush=True)

    asyncio.run(ScanJob(demo_target(), request, on_event=on_event).run())
    return 0 if recorder.error is None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
