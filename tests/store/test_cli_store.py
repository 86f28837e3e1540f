"""``cloud-checkup history`` and ``exceptions`` on a store in a temporary folder."""

from __future__ import annotations

import argparse
import json

import pytest
from store_support import STANDARD, scan_of

from cloud_checkup import cli_store
from cloud_checkup.app.model import Score
from cloud_checkup.app.store import DATA_DIR_VARIABLE, Store

SG = "ecs-security-group-no-public-remote-admin"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with Store() as store:
        scan = scan_of(scan_id="scan-1", score=Score(77, "Good", {}, {}))
        started = scan.started_at
        store.start_scan("scan-1", started_at=started, request=STANDARD, planned=[])
        store.finish_scan(scan)
    return tmp_path


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


def test_a_damaged_history_file_is_reported_not_replaced(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    (tmp_path / "history.sqlite3").write_bytes(b"garbage " * 1000)

    assert run("history", "list") == 1
    assert "damaged" in capsys.readouterr().err
    assert (tmp_path / "history.sqlite3").read_bytes() == b"garbage " * 1000
