"""Killing a recording scan at random points loses nothing that was reported saved.

Each run starts a child process that scans the demo account into a store and prints
each item after its transaction commits; the test kills it after a random number of
items plus a random delay, then reopens the store. Runs share a store file per lane,
so every run also starts on a file the previous kill left behind.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cloud_checkup.app.store import ScanStatus, Store
from cloud_checkup.checks import catalogue

CHILD = Path(__file__).with_name("record_child.py")
SEED = 20261204
LANES = 3
KILLS_PER_LANE = 4
# Kills land in the first half of the demo scan's items: the rest often arrive in one
# burst at its end, where a kill would find the scan already finished.
DEMO_ITEMS = len(catalogue())


@dataclass
class Kill:
    after_items: int
    delay: float
    scan_id: str | None = None
    planned: int = 0
    saved: list[str] = field(default_factory=list)
    finished: bool = False


def _run_and_kill(store_path: Path, kill: Kill) -> Kill:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(store_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    timer: threading.Timer | None = None
    for line in child.stdout:
        if not line.endswith("\n"):
            break  # killed while writing the line: the item was not reported as saved
        word, _, value = line.strip().partition(" ")
        if word == "started":
            kill.scan_id, planned = value.split()
            kill.planned = int(planned)
        elif word == "item":
            kill.saved.append(value)
        elif word == "finished":
            kill.finished = True
        if (
            timer is None
            and word in ("started", "item")
            and (len(kill.saved) >= kill.after_items)
        ):
            timer = threading.Timer(kill.delay, child.kill)  # SIGKILL on POSIX
            timer.start()
    child.wait(timeout=30)
    return kill


def _lane(store_path: Path, kills: list[Kill]) -> list[Kill]:
    done = []
    for kill in kills:
        done.append(_run_and_kill(store_path, kill))
        _assert_store_survived(store_path, done)
    return done


def _assert_store_survived(store_path: Path, kills: list[Kill]) -> None:
    with Store(store_path) as store:
        assert store.integrity_check() == ["ok"]
        interrupted = {s.scan_id: s for s in store.interrupted_scans()}
        for kill in kills:
            if kill.scan_id is None:
                continue  # killed before the scan's row was reported saved
            plan = store.resume_plan(kill.scan_id)
            completed = {r.check_id for r in plan.completed}
            assert set(kill.saved) <= completed, kill
            if kill.finished:
                assert kill.scan_id not in interrupted
                continue
            assert kill.scan_id in interrupted, kill
            remaining = interrupted[kill.scan_id].remaining
            assert not set(remaining) & completed
            assert len(remaining) + len(completed) == kill.planned
            assert plan.remaining == remaining
        for summary in store.scans():
            assert summary.status is not ScanStatus.RUNNING


def _random_kill(rng: random.Random) -> Kill:
    return Kill(after_items=rng.randrange(DEMO_ITEMS // 2), delay=rng.uniform(0, 0.03))


def test_killed_scans_keep_every_saved_item_and_can_resume(tmp_path):
    rng = random.Random(SEED)
    lanes = [[_random_kill(rng) for _ in range(KILLS_PER_LANE)] for _ in range(LANES)]
    with ThreadPoolExecutor(LANES) as pool:
        futures = [
            pool.submit(_lane, tmp_path / f"lane{n}.sqlite3", kills)
            for n, kills in enumerate(lanes)
        ]
        results = [kill for future in futures for kill in future.result()]

    cut_mid_scan = [k for k in results if k.scan_id and not k.finished]
    assert len(cut_mid_scan) >= len(results) // 2, "most kills should land mid-scan"
    assert any(k.saved for k in cut_mid_scan)
