"""Deleting scans and the retention rule: what goes, what stays, and what never goes."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from store_support import ACCOUNT, STANDARD, T0, fail, item, scan_of

from cloud_checkup.app.allowance import AllowanceLedger
from cloud_checkup.app.exceptions import new_exception
from cloud_checkup.app.model import Account, Score
from cloud_checkup.app.store import RetentionRule, ScanRunning, Store, liveness
from cloud_checkup.app.store.retention import Keep
from cloud_checkup.checks import Package

NOW = T0 + timedelta(days=100)
OTHER = Account("1111222233334444", "other", "acs:ram::1111222233334444:root")
DISKS = "ecs-disk-encrypted"
TWO_ITEMS = dataclasses.replace(
    STANDARD, check_ids=frozenset({DISKS, "ram-password-policy-strength"})
)
WITH_AI = dataclasses.replace(STANDARD, packages=frozenset(Package))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "history.sqlite3", clock=lambda: NOW) as opened:
        yield opened


def record(
    store,
    scan_id,
    days_ago,
    *,
    account=ACCOUNT,
    rechecks=None,
    finish=True,
    request=STANDARD,
):
    """A scan of one failing disk ``d-<scan_id>``, started ``days_ago`` before NOW."""
    scan = dataclasses.replace(
        scan_of(item(DISKS, fail(f"d-{scan_id}")), scan_id=scan_id),
        account=account,
        started_at=NOW - timedelta(days=days_ago),
        score=Score(70, "Fair", {}, {}),
    )
    store.start_scan(
        scan_id,
        started_at=scan.started_at,
        request=request,
        planned=[DISKS, "ram-password-policy-strength"],
        account=account,
        rechecks=rechecks,
    )
    if finish:
        store.finish_scan(scan)
    else:
        store.record_item(scan_id, scan.results[0])


def ids(scans) -> list[str]:
    return [s.scan_id for s in scans]


def test_deleting_a_scan_removes_its_results_findings_and_re_checks_only(store):
    record(store, "old", 30)
    record(store, "fix", 29, rechecks="old")
    record(store, "new", 1)
    store.add_exception(new_exception(ACCOUNT.id, DISKS, "accepted", now=NOW))

    deleted = store.delete_scan("old")

    assert ids(deleted) == ["old", "fix"]
    assert ids(store.scans()) == ["new"]
    counts = store._rows(
        "SELECT (SELECT count(*) FROM item_results WHERE scan_id != 'new'),"
        " (SELECT count(*) FROM findings WHERE scan_id != 'new')"
    )[0]
    assert tuple(counts) == (0, 0)
    assert len(store.exceptions()) == 1  # not scan data
    with pytest.raises(KeyError):
        store.load_scan("old")


def test_a_deleted_scan_is_gone_from_the_file_not_only_unlinked(tmp_path):
    path = tmp_path / "history.sqlite3"
    with Store(path, clock=lambda: NOW) as store:
        record(store, "secret", 3)
        record(store, "kept", 1)
        store.delete_scan("secret")
        # Read while the store is open: closing would fold the log in anyway.
        files = [path, *path.parent.glob("history.sqlite3-*")]
        assert not any(b"d-secret" in f.read_bytes() for f in files)
        assert b"d-kept" in path.read_bytes()
        assert store.integrity_check() == ["ok"]


def test_deleting_a_scan_keeps_the_ai_scans_it_used_counted(store):
    record(store, "ai", 2)
    record(store, "later", 1)
    ledger = AllowanceLedger(store, lambda: NOW)
    ledger.claim(ACCOUNT.id)
    store.record_ai_usage("ai", 40, NOW)

    store.delete_scan("ai")

    assert ledger.allowance(ACCOUNT.id).used == 40


def test_deleting_an_unknown_or_running_scan_is_refused(store):
    with pytest.raises(KeyError):
        store.delete_scan("nothing")
    liveness.begin("live")
    try:
        record(store, "live", 0, finish=False)
        with pytest.raises(ScanRunning):
            store.delete_scan("live")
    finally:
        liveness.end("live")
    assert ids(store.scans()) == ["live"]


def test_keeping_scans_newer_than_n_days(store):
    for scan_id, days in (("d1", 1), ("d10", 10), ("d40", 40), ("d90", 90)):
        record(store, scan_id, days)

    assert store.prune(RetentionRule.newer_than(30), dry_run=True)
    assert ids(store.scans()) == ["d1", "d10", "d40", "d90"]  # a dry run deletes none
    assert ids(store.prune(RetentionRule.newer_than(30))) == ["d40", "d90"]
    assert ids(store.scans()) == ["d1", "d10"]


def test_keeping_the_last_n_scans_counts_per_account(store):
    for scan_id, days in (("a1", 1), ("a2", 2), ("a3", 3)):
        record(store, scan_id, days)
    record(store, "b50", 50, account=OTHER)
    record(store, "b60", 60, account=OTHER)

    assert ids(store.prune(RetentionRule.last(1))) == ["a2", "a3", "b60"]
    assert ids(store.scans()) == ["a1", "b50"]


def test_keeping_everything_deletes_nothing(store):
    record(store, "ancient", 3000)
    assert store.prune(RetentionRule()) == []
    assert ids(store.scans()) == ["ancient"]


def test_a_rule_never_takes_an_accounts_newest_scan_or_latest_checkup(store):
    record(store, "checkup", 50)
    record(store, "cancelled", 40)
    store._connection.execute(
        "UPDATE scans SET status = 'cancelled' WHERE id = ?", ("cancelled",)
    )
    record(store, "other", 45, account=OTHER)

    assert store.prune(RetentionRule.newer_than(1)) == []
    assert set(ids(store.scans())) == {"checkup", "cancelled", "other"}


def test_a_rule_never_takes_a_scan_offered_for_resuming(store):
    record(store, "cut-off", 20, finish=False)  # its process is gone: interrupted
    record(store, "newer", 1)
    assert ids(store.interrupted_scans()) == ["cut-off"]

    assert store.prune(RetentionRule.newer_than(7)) == []
    record(store, "resumed", 0, finish=False)
    store._connection.execute(
        "UPDATE scans SET resumes = 'cut-off' WHERE id = 'resumed'"
    )
    # Resumed, it is no longer offered; the continuation loses its link only.
    assert ids(store.prune(RetentionRule.newer_than(7))) == ["cut-off"]
    assert store._row("SELECT resumes FROM scans WHERE id = 'resumed'")[0] is None


def test_a_rule_keeps_the_scan_a_kept_re_check_verifies(store):
    record(store, "base", 60)
    record(store, "fix", 2, rechecks="base")
    record(store, "newest", 1)

    assert store.prune(RetentionRule.newer_than(30)) == []  # fix needs base
    assert ids(store.prune(RetentionRule.newer_than(1))) == ["fix", "base"]


def test_a_rule_needs_a_count_and_reads_back_from_its_document():
    with pytest.raises(ValueError):
        RetentionRule.last(0)
    with pytest.raises(ValueError):
        RetentionRule.from_json({"keep": "days", "count": "30"})
    rule = RetentionRule.newer_than(30)
    assert RetentionRule.from_json(rule.to_json()) == rule
    assert RetentionRule.from_json({}).keep is Keep.EVERYTHING


@pytest.mark.parametrize("days", [800_000, 999_999_999, 10**12])
def test_a_days_rule_reaching_before_the_calendar_keeps_every_scan(store, days):
    # The CLI takes any whole number and preferences.json any integer: a count
    # past datetime's range keeps everything rather than failing the scan.
    record(store, "ancient", 3000)
    record(store, "newest", 1)
    assert store.prune(RetentionRule.newer_than(days)) == []
    assert ids(store.scans()) == ["newest", "ancient"]


def test_a_scan_dated_ahead_by_a_wrong_clock_does_not_take_the_newest_scan(store):
    record(store, "skewed", -365)  # recorded while the clock ran a year ahead
    record(store, "older", 3)
    record(store, "latest", 0)

    assert ids(store.prune(RetentionRule.last(1))) == ["older"]
    assert ids(store.scans()) == ["skewed", "latest"]


def test_a_scan_of_some_items_does_not_stand_in_for_the_latest_checkup(store):
    # The next full scan is compared with the latest full checkup of its packages
    # (Store.previous_scan), never with a --checks scan or another package set.
    record(store, "checkup", 50)
    record(store, "with-ai", 40, request=WITH_AI)
    record(store, "two-items", 1, request=TWO_ITEMS)

    assert store.prune(RetentionRule.newer_than(7)) == []
    assert ids(store.scans()) == ["two-items", "with-ai", "checkup"]
