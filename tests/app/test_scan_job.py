"""ScanJob with the local store: recording, exceptions, the AI ledger, resuming."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import yaml
from harness import base_dataset

from cloud_checkup.app.engine import ScanRequest
from cloud_checkup.app.exceptions import new_exception
from cloud_checkup.app.runner import SandboxTarget, ScanJob, resume_from_store
from cloud_checkup.app.store import Store
from cloud_checkup.checks import Package, Status

WEAK_POLICY = {"PasswordPolicy": {"MinimumPasswordLength": 8}}
USERS = {"Users": {"User": [{"UserName": "alice", "UserId": "1"}]}}
ITEMS = frozenset({"ram-password-policy-strength", "ram-password-policy-expiry"})


def _target(tmp_path):
    services = {
        "ram": {"global": {"GetPasswordPolicy": WEAK_POLICY, "ListUsers": USERS}}
    }
    path = tmp_path / "account.yaml"
    path.write_text(yaml.safe_dump(base_dataset(services)), encoding="utf-8")
    return SandboxTarget(path)


def _run(job):
    return asyncio.run(job.run())


def test_a_scan_is_recorded_and_reads_back_as_it_was(tmp_path):
    with Store(tmp_path / "history.sqlite3") as store:
        scan = _run(
            ScanJob(_target(tmp_path), ScanRequest(check_ids=ITEMS), store=store)
        )
        stored = store.load_scan(scan.scan_id)
    assert stored.results == scan.results
    assert stored.score == scan.score


def test_without_recording_nothing_is_kept_but_exceptions_still_apply(tmp_path):
    with Store(tmp_path / "history.sqlite3") as store:
        store.add_exception(
            new_exception(
                "1234567890123456",
                "ram-password-policy-strength",
                "policy is enforced by the SSO provider",
                now=datetime.now(UTC),
            )
        )
        job = ScanJob(
            _target(tmp_path), ScanRequest(check_ids=ITEMS), store=store, record=False
        )
        scan = _run(job)
        assert store.scans() == []
    excepted = scan.result("ram-password-policy-strength")
    assert excepted.status is Status.EXCEPTED
    assert excepted.exceptions[0].reason == "policy is enforced by the SSO provider"


def test_an_ai_scan_enters_the_ai_scans_it_used_in_the_ledger(tmp_path):
    from cloud_checkup.app.runner import demo_target

    ai_items = frozenset({"pai-dsw-instance-private", "pai-dsw-idle-culling-enabled"})
    request = ScanRequest(packages=frozenset(Package), check_ids=ai_items)
    with Store(tmp_path / "history.sqlite3") as store:
        scan = _run(ScanJob(demo_target(), request, store=store))
        used = store.ai_scans_used(
            scan.account.id, datetime(2000, 1, 1, tzinfo=UTC), datetime.now(UTC)
        )
    evaluated = sum(
        1
        for r in scan.results
        for f in r.findings
        if f.status is not Status.NOT_CHECKED
    )
    assert evaluated > 0
    assert used == evaluated  # one AI scan per AI item per asset


def test_an_interrupted_scan_resumes_in_place_and_completes(tmp_path):
    from cloud_checkup.app.events import ItemFinished, ScanStarted
    from cloud_checkup.app.store import Recorder

    request = ScanRequest(check_ids=ITEMS)
    finished = _run(ScanJob(_target(tmp_path), request))
    first = finished.results[0]
    with Store(tmp_path / "history.sqlite3") as store:
        # The app died after recording one item of the scan.
        recorder = Recorder(store, request, target="account")
        recorder(
            ScanStarted(
                finished.scan_id,
                {},
                tuple(finished.regions),
                finished.account,
                finished.started_at,
            )
        )
        recorder(ItemFinished(first))
        recorder.interrupted()
        [interrupted] = store.interrupted_scans()
        assert interrupted.done == 1 and len(interrupted.remaining) == 1

        request, resume, target_name = resume_from_store(store, interrupted.scan_id)
        assert target_name == "account"
        events = []
        resumed = _run(
            ScanJob(
                _target(tmp_path), request, events.append, store=store, resume=resume
            )
        )
        assert store.interrupted_scans() == []
        stored = store.load_scan(resumed.scan_id)
        assert len(store.scans()) == 1

    assert resumed.scan_id == interrupted.scan_id
    assert {r.check_id for r in stored.results} == ITEMS
    assert stored.finished_at is not None
    rerun = [e.result.check_id for e in events if isinstance(e, ItemFinished)]
    assert rerun == list(interrupted.remaining)
