"""``cloud-checkup history`` and ``exceptions`` on a store in a temporary folder."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta

import pytest
from store_support import ACCOUNT, STANDARD, fail, item, ok, scan_of

from cloud_checkup import cli_store
from cloud_checkup.app.model import Score
from cloud_checkup.app.runner import ScanRequest
from cloud_checkup.app.store import DATA_DIR_VARIABLE, Store
from cloud_checkup.checks import Package
from cloud_checkup.checks.base import Status

SG = "ecs-security-group-no-public-remote-admin"  # high
PASSWORDS = "ram-password-policy-strength"  # medium
IDLE_DISKS = "ecs-disk-not-idle"  # low


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with Store() as store:
        scan = scan_of(scan_id="scan-1", score=Score(77, "Good", {}, {}))
        started = scan.started_at
        store.start_scan("scan-1", started_at=started, request=STANDARD, planned=[])
        store.finish_scan(scan)
    return tmp_path


def record(store, scan_id, *results, hours=0, request=STANDARD, rechecks=None):
    scan = scan_of(
        *results, scan_id=scan_id, hours=hours, score=Score(60, "Fair", {}, {})
    )
    store.start_scan(
        scan_id,
        started_at=scan.started_at,
        request=request,
        planned=[r.check_id for r in results],
        rechecks=rechecks,
    )
    store.finish_scan(scan)


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    cli_store.add_parsers(commands)
    args = parser.parse_args(argv)
    return cli_store.HANDLERS[args.command](args)


def test_history_list_shows_each_scan(data_dir, capsys):
    assert run("history", "list", "--format", "json") == 0

    [row] = json.loads(capsys.readouterr().out)
    assert (row["scan_id"], row["score"], row["status"]) == ("scan-1", 77, "complete")


def test_history_show_of_an_unknown_scan_is_a_usage_error(data_dir, capsys):
    assert run("history", "show", "nope") == 2
    assert "no scan nope" in capsys.readouterr().err


def test_history_show_writes_the_json_report(data_dir, capsys):
    assert run("history", "show", "scan-1", "--json", "-") == 0

    document = json.loads(capsys.readouterr().out)
    assert document["score"]["value"] == 77


def test_exceptions_add_list_remove(data_dir, capsys, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "alice")

    assert (
        run(
            "exceptions",
            "add",
            "--check",
            SG,
            "--tag",
            "env=staging",
            "--reason",
            "staging only",
            "--expires",
            "2099-01-31",
        )
        == 0
    )
    assert run("exceptions", "list") == 0
    listed = capsys.readouterr().out
    assert "tag env=staging" in listed and "by alice" in listed
    assert "until 2099-01-31" in listed

    with Store() as store:
        [exception] = store.exceptions()
    assert exception.account_id == scan_of().account.id  # the only account scanned
    assert run("exceptions", "remove", str(exception.id)) == 0
    assert run("exceptions", "remove", str(exception.id)) == 2


def test_exceptions_add_refuses_a_blank_reason_and_unknown_items(data_dir, capsys):
    assert run("exceptions", "add", "--check", SG, "--reason", "  ") == 2
    assert "reason" in capsys.readouterr().err
    assert run("exceptions", "add", "--check", "no-such", "--reason", "x") == 2
    with Store() as store:
        assert store.exceptions() == []


def test_a_damaged_history_file_is_set_aside_once_and_said_once(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    (tmp_path / "history.sqlite3").write_bytes(b"garbage " * 1000)

    assert run("history", "list") == 1
    assert "damaged" in capsys.readouterr().err
    for _ in range(3):
        assert run("history", "list") == 0
        assert "damaged" not in capsys.readouterr().err
    [backup] = tmp_path.glob("history.sqlite3.damaged-*.bak")
    assert backup.read_bytes() == b"garbage " * 1000


def test_history_list_has_a_header_and_says_what_each_scan_covered(data_dir, capsys):
    first = "a" * 32
    with Store() as store:
        record(store, first, hours=1, request=ScanRequest(frozenset(Package)))
        record(
            store,
            "b" * 32,
            hours=2,
            request=ScanRequest(
                check_ids=frozenset({SG, PASSWORDS, IDLE_DISKS}),
                regions=("cn-hangzhou",),
            ),
        )
        record(
            store,
            "c" * 32,
            hours=3,
            request=ScanRequest(check_ids=frozenset({SG})),
            rechecks=first,
        )
        record(store, "d" * 32, hours=4, request=ScanRequest(regions=("a", "b")))

    assert run("history", "list") == 0

    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == [
        "Started", "(UTC)", "Scan", "Account", "Status", "Score", "Scope", "Items"
    ]  # fmt: skip
    scopes = [
        row[header.index("Scope") : header.index("Items")].strip() for row in rows
    ]
    assert scopes == [
        "standard in 2 regions",
        "re-check of aaaaaaaa",
        "3 items in cn-hangzhou",
        "standard+ai",
        "standard",  # scan-1 of the fixture
    ]
    assert rows[0][header.index("Scan") :].startswith("dddddddd  ")


def test_history_list_counts_items_in_words(data_dir, capsys):
    with Store() as store:
        record(store, "a" * 32, item(SG, fail("sg-1")), item(PASSWORDS, ok("p")))

    assert run("history", "list") == 0
    assert "1 failing, 1 passing" in capsys.readouterr().out


def test_history_show_takes_any_unique_start_of_the_id(data_dir, capsys):
    with Store() as store:
        record(store, "ab12" + "0" * 28, item(SG, fail("sg-1")))
        record(store, "ab34" + "0" * 28, hours=1)

    assert run("history", "show", "ab1") == 0
    assert capsys.readouterr().out.startswith(f"Scan ab12{'0' * 28} of account")

    assert run("history", "show", "ab") == 2
    error = capsys.readouterr().err
    assert "2 scans have an id starting with ab" in error
    assert f"ab12{'0' * 28}" in error and f"ab34{'0' * 28}" in error

    assert run("history", "show", "ab1", "--json", "-") == 0
    assert json.loads(capsys.readouterr().out)["scan_id"] == "ab12" + "0" * 28


def test_history_show_lists_failing_items_first_by_severity(data_dir, capsys):
    results = [
        item(PASSWORDS, ok("policy")),
        item(IDLE_DISKS, fail("d-1")),
        item(PASSWORDS.replace("strength", "expiry"), fail("policy")),
        item(SG, fail("sg-1"), fail("sg-2")),
        item("ecs-instance-in-vpc", status=Status.NOT_APPLICABLE),
    ]
    with Store() as store:
        record(store, "f" * 32, *results)

    assert run("history", "show", "fff") == 0

    lines = capsys.readouterr().out.splitlines()[3:]
    assert [line.split()[:2] for line in lines] == [
        ["failing", "high"],
        ["failing", "low"],
        ["failing", "low"],
        ["passing", "medium"],
        ["not", "applicable"],
    ]
    assert "No security group opens SSH (22) or RDP (3389) to the Internet" in lines[0]
    assert f"(2 resources failing)  [{SG}]" in lines[0]
    assert f"(1 resource failing)  [{IDLE_DISKS}]" in lines[1]


def test_history_and_exceptions_without_a_command_list_the_commands(data_dir, capsys):
    assert run("history") == 2
    assert "choose one of: list, show" in capsys.readouterr().err
    assert run("exceptions") == 2
    assert "choose one of: list, add, remove" in capsys.readouterr().err


def add_exception(*options: str) -> int:
    return run("exceptions", "add", "--check", SG, "--reason", "jump host", *options)


def test_exceptions_add_refuses_an_expiry_date_in_the_past(data_dir, capsys):
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date()

    assert add_exception("--expires", yesterday.isoformat()) == 2

    assert f"{yesterday} has already passed" in capsys.readouterr().err
    with Store() as store:
        assert store.exceptions() == []


def test_exceptions_add_warns_of_an_account_never_scanned(data_dir, capsys):
    assert add_exception("--account", "999") == 0

    captured = capsys.readouterr()
    assert "warning: account 999 has never been scanned" in captured.err
    assert "Exception 1 recorded" in captured.out
    with Store() as store:
        assert [e.account_id for e in store.exceptions()] == ["999"]


def test_exceptions_add_warns_of_a_resource_not_in_the_latest_scan(data_dir, capsys):
    with Store() as store:
        record(store, "old", item(SG, fail("sg-gone")), hours=1)
        record(store, "new", item(SG, fail("sg-1"), ok("sg-2")), hours=2)

    assert add_exception("--resource", "sg-2", "--account", ACCOUNT.id) == 0
    assert "warning" not in capsys.readouterr().err

    assert add_exception("--resource", "sg-gone") == 0
    captured = capsys.readouterr()
    assert "warning: resource sg-gone was not among the resources" in captured.err
    assert "latest scan (new, 2026-12-04)" in captured.err
    assert "Exception 2 recorded" in captured.out


def test_exceptions_add_warns_when_no_scan_checked_the_item(data_dir, capsys):
    assert add_exception("--resource", "sg-1") == 0

    assert (
        f"no scan of account {ACCOUNT.id} has checked {SG}" in capsys.readouterr().err
    )
    with Store() as store:
        assert [e.resource_id for e in store.exceptions()] == ["sg-1"]


def test_an_interrupted_scan_shows_as_interrupted_with_a_partial_score(
    data_dir, capsys
):
    planned = [SG, PASSWORDS, IDLE_DISKS]
    with Store() as store:
        scan = scan_of(item(SG, fail("sg-1")), scan_id="cut-off")
        store.start_scan(
            "cut-off", started_at=scan.started_at, request=STANDARD, planned=planned
        )
        store.record_item("cut-off", scan.results[0])
        store.mark_interrupted("cut-off")

    assert run("history", "show", "cut-off") == 0
    shown = capsys.readouterr().out
    assert "Interrupted: 1 of 3 items finished; the other 2 were not reached." in shown
    assert "partial: it rests on the 33% of the applicable items" in shown
    assert [line.split()[:2] for line in shown.splitlines()[-2:]] == [
        ["not", "reached"],
        ["not", "reached"],
    ]
    assert run("history", "show", "cut-off", "--json", "-") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["cancelled"] is True
    assert document["not_reached"] == [PASSWORDS, IDLE_DISKS]
    assert document["score"]["coverage"] < 1 and document["score"]["value"] >= 0


def test_history_list_marks_the_score_of_a_cancelled_scan_partial(data_dir, capsys):
    with Store() as store:
        scan = scan_of(scan_id="stopped", hours=1, score=Score(50, "Fair", {}, {}))
        scan.cancelled = True
        store.start_scan(
            "stopped", started_at=scan.started_at, request=STANDARD, planned=[]
        )
        store.finish_scan(scan)

    assert run("history", "list") == 0
    rows = capsys.readouterr().out.splitlines()
    assert "cancelled  50 Fair (partial)" in rows[1] and "77 Good  " in rows[2]


@pytest.mark.parametrize(
    ("fmt", "start"), [("html", "<!doctype html"), ("csv", "\ufeff")]
)
def test_history_show_writes_the_reports_the_scan_could(data_dir, fmt, start):
    path = data_dir / f"again.{fmt}"

    assert run("history", "show", "scan-1", f"--{fmt}", str(path)) == 0

    assert path.read_text(encoding="utf-8").lower().startswith(start)


def test_history_show_refuses_a_report_folder_it_cannot_write_in_words(
    data_dir, capsys
):
    assert (
        run("history", "show", "scan-1", "--json", str(data_dir / "no" / "r.json")) == 1
    )

    error = capsys.readouterr().err
    assert "does not exist" in error and "Errno" not in error


def test_exceptions_list_has_headings_and_keeps_every_line_of_a_reason(
    data_dir, capsys
):
    with Store() as store:
        record(store, "new", item(SG, fail("sg-1")))
    assert add_exception("--resource", "sg-1") == 0
    reason = "bastion access\nuntil the bastion moves\nticket OPS-12"
    assert run("exceptions", "add", "--check", SG, "--reason", reason) == 0
    capsys.readouterr()

    assert run("exceptions", "list") == 0
    lines = capsys.readouterr().out.splitlines()

    assert lines[0].split() == ["ID", "ACCOUNT", "ITEM", "COVERS", "EXPIRY", "RECORDED"]
    [first] = [line for line in lines if line.strip() == "reason: bastion access"]
    # Later lines of a reason are aligned under its first, none lost.
    for part in ("until the bastion moves", "ticket OPS-12"):
        [shown] = [line for line in lines if line.strip() == part]
        assert shown.index(part) == first.index("bastion access")


def test_a_second_exception_for_the_same_failure_is_refused_and_names_the_first(
    data_dir, capsys
):
    with Store() as store:
        record(store, "new", item(SG, fail("sg-1")))
    assert add_exception("--resource", "sg-1") == 0
    capsys.readouterr()

    assert add_exception("--resource", "sg-1") == 2

    error = capsys.readouterr().err
    assert "exception 1 already covers" in error and "exceptions remove 1" in error
    with Store() as store:
        assert len(store.exceptions()) == 1


def test_exceptions_add_warns_of_a_tag_no_resource_carries(data_dir, capsys):
    with Store() as store:
        record(store, "new", item(SG, fail("sg-1", tags={"env": "staging"})))

    assert add_exception("--tag", "env=staging") == 0
    assert "warning" not in capsys.readouterr().err
    assert add_exception("--tag", "env=stagign") == 0
    assert "warning: tag env=stagign was not carried by any of the resources" in (
        capsys.readouterr().err
    )


# Removing and pruning


def test_history_remove_needs_yes_and_then_deletes_the_scan(data_dir, capsys):
    assert run("history", "remove", "scan") == 2
    refusal = capsys.readouterr().err
    assert refusal.count("\n") == 1 and "add --yes" in refusal
    assert "demo-shop" in refusal and "score 77" in refusal

    assert run("history", "remove", "scan", "--yes") == 0
    assert capsys.readouterr().out.startswith("Deleted scan scan-1 (demo-shop, ")
    with Store() as store:
        assert store.scans() == []


def test_history_remove_names_the_re_checks_it_takes_along(data_dir, capsys):
    with Store() as store:
        record(store, "fix-1", item(SG, ok("sg-1")), hours=1, rechecks="scan-1")

    assert run("history", "remove", "scan-1", "--yes") == 0
    assert "and its 1 re-check from" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("remove", "nothing", "--yes"), "no scan nothing in the history"),
        (("prune", "--older-than", "-3"), "--older-than needs a whole number of 1"),
        (("prune", "--keep-last", "0"), "--keep-last needs a whole number of 1"),
    ],
)
def test_history_remove_and_prune_refuse_bad_input_in_one_line(
    data_dir, capsys, argv, words
):
    assert run("history", *argv) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and words in error
    with Store() as store:
        assert len(store.scans()) == 1


def test_history_remove_of_an_ambiguous_prefix_deletes_nothing(data_dir, capsys):
    with Store() as store:
        record(store, "scan-2", item(SG, ok("sg-1")), hours=1)

    assert run("history", "remove", "scan-", "--yes") == 2
    assert "2 scans have an id starting with scan-" in capsys.readouterr().err
    with Store() as store:
        assert len(store.scans()) == 2


def test_history_prune_dry_run_lists_and_then_deletes_old_scans(data_dir, capsys):
    with Store() as store:  # ten days before scan-1, the account's newest (kept)
        record(store, "scan-0", item(SG, ok("sg-1")), hours=-240)

    assert run("history", "prune", "--older-than", "3", "--dry-run") == 0
    listing = capsys.readouterr().out
    assert "scan-0" in listing and "scan-1" not in listing
    assert "1 scan would be deleted (dry run: none was)." in listing
    with Store() as store:
        assert len(store.scans()) == 2

    assert run("history", "prune", "--keep-last", "1") == 0
    assert "Deleted 1 scan from this computer." in capsys.readouterr().out
    with Store() as store:
        assert [s.scan_id for s in store.scans()] == ["scan-1"]


def test_an_empty_scan_id_asks_for_one(data_dir, capsys):
    with Store() as store:
        record(store, "new", item(SG, fail("sg-1")))
        kept = len(store.scans())

    assert run("history", "show", "") == 2
    assert "give a scan id" in capsys.readouterr().err
    assert run("history", "remove", " ", "--yes") == 2
    with Store() as store:
        assert len(store.scans()) == kept
