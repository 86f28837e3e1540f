"""Scans are written as they arrive and read back exactly as the engine gave them."""

from __future__ import annotations

import asyncio

from store_support import STANDARD, item, ok, record_scan, scan_of

from cloud_checkup.app.events import ItemFinished, ScanFinished, ScanStarted
from cloud_checkup.app.model import Score
from cloud_checkup.app.runner import ScanJob, ScanRequest, demo_target
from cloud_checkup.app.store import Recorder, ScanStatus, Store
from cloud_checkup.checks.base import Category, Status


def test_a_recorded_demo_scan_reads_back_equal_to_the_engine_result(recorded_demo):
    store, scan = recorded_demo

    loaded = store.load_scan(scan.scan_id)

    assert loaded == scan
    assert loaded.results and any(r.findings for r in loaded.results)
    assert [r.check_id for r in loaded.results] == [r.check_id for r in scan.results]


def test_the_stored_score_is_shown_not_a_recomputed_one(store):
    # A score no formula would give these results: as if an old formula scored it.
    old = Score(3, "At risk", {Category.IDENTITY: 3}, {"security": 3})
    scan = scan_of(item("ram-password-policy-strength", ok("policy")), score=old)
    Recorder(store, STANDARD)(ScanFinished(scan))

    assert store.load_scan("s").score == old


def test_history_lists_the_scan_with_account_score_and_counts(recorded_demo):
    store, scan = recorded_demo

    [summary] = store.scans(scan.account.id)

    assert summary.scan_id == scan.scan_id
    assert summary.account_alias == "demo-shop"
    assert summary.status is ScanStatus.COMPLETE
    assert summary.score == scan.score.value
    failed = sum(1 for r in scan.results if r.status.value == "fail")
    assert summary.counts["fail"] == failed
    assert [a.id for a in store.accounts()] == [scan.account.id]


def test_each_item_is_committed_before_the_next_event(tmp_path):
    path = tmp_path / "history.sqlite3"
    seen_by_another_connection = []

    with Store(path) as store:
        recorder = Recorder(store, STANDARD)

        def observe(event):
            recorder(event)
            if isinstance(event, ItemFinished):
                with Store(path) as reader:
                    done = reader.resume_plan(recorder.scan_id).completed
                    seen_by_another_connection.append(
                        event.result.check_id in {r.check_id for r in done}
                    )

        asyncio.run(ScanJob(demo_target(), STANDARD, on_event=observe).run())

    assert seen_by_another_connection and all(seen_by_another_connection)


def test_a_running_scan_of_this_process_is_not_interrupted(store):
    recorder = Recorder(store, STANDARD)
    recorder(ScanStarted("live", {}, ("cn-hangzhou",)))

    assert store.interrupted_scans() == []
    assert store.scans()[0].status is ScanStatus.RUNNING

    recorder.interrupted()
    [interrupted] = store.interrupted_scans()
    assert interrupted.scan_id == "live"
    assert len(interrupted.remaining) > 0


def test_a_failed_write_stops_recording_but_not_the_scan(tmp_path):
    store = Store(tmp_path / "history.sqlite3")
    store.close()  # every write now fails

    scan, recorder = record_scan(store)

    assert recorder.error is not None
    assert scan.results


def test_a_rerun_is_linked_to_the_scan_it_verifies(store):
    first, _ = record_scan(store)
    failed = frozenset(r.check_id for r in first.results if r.status is Status.FAIL)
    request = ScanRequest(packages=STANDARD.packages, check_ids=failed)

    rerun, _ = record_scan(store, request=request, rechecks=first.scan_id)

    assert store.previous_scan(rerun).scan_id == first.scan_id
    assert store.scans()[0].rechecks == first.scan_id
    assert {r.check_id for r in store.load_scan(rerun.scan_id).results} == failed
    # A re-run scores only its few items: it stays off the account's score chart.
    assert [p.scan_id for p in store.score_history(first.account.id)] == [first.scan_id]
