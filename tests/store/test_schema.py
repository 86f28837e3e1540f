"""Schema versions and migrations, and files the store refuses without losing them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_support import STANDARD

from cloud_checkup.app.allowance import AllowanceLedger
from cloud_checkup.app.store import Store, StoreError, schema

FIXTURES = Path(__file__).parent / "fixtures"
EARLIER_VERSIONS = range(1, schema.CURRENT_VERSION + 1)


def _file_at(version: int, path: Path) -> Path:
    script = (FIXTURES / f"schema_v{version}.sql").read_text(encoding="utf-8")
    with sqlite3.connect(path) as connection:
        connection.executescript(script)
    connection.close()
    return path


@pytest.mark.parametrize("version", EARLIER_VERSIONS)
def test_a_file_of_every_earlier_version_migrates_and_keeps_its_history(
    tmp_path, version
):
    path = _file_at(version, tmp_path / "history.sqlite3")

    with Store(path) as store:
        assert schema.user_version(store._connection) == schema.CURRENT_VERSION
        scan = store.load_scan("v1scan")
        [exception] = store.exceptions("1790345612348765")
        allowance = AllowanceLedger(store).allowance("1790345612348765")
        assert store.integrity_check() == ["ok"]

    assert scan.score.value == 88
    assert scan.results[0].findings[0].tags == (("env", "staging"),)
    notes = scan.results[0].exceptions
    assert notes == () if version == 1 else notes[0].scope == "tag env=staging"
    assert exception.tag == ("env", "staging")
    assert allowance.used == 40


def test_migrations_run_in_order_each_in_its_own_transaction(tmp_path):
    path = _file_at(1, tmp_path / "history.sqlite3")
    applied = []
    current = schema.CURRENT_VERSION

    def python_step(connection):
        applied.append(current + 2)
        connection.execute("ALTER TABLE scans ADD COLUMN note_b TEXT")

    sql_step = (
        "ALTER TABLE scans ADD COLUMN note_a TEXT;\nCREATE INDEX na ON scans (note_a);"
    )
    connection = sqlite3.connect(path, isolation_level=None)
    schema.migrate(connection, (*schema.MIGRATIONS, sql_step, python_step))

    columns = {row[1] for row in connection.execute("PRAGMA table_info(scans)")}
    assert {"note_a", "note_b"} <= columns
    assert schema.user_version(connection) == current + 2
    assert applied == [current + 2]
    schema.migrate(connection, (*schema.MIGRATIONS, sql_step, python_step))
    assert applied == [current + 2]  # nothing left to do
    connection.close()


def test_a_failing_migration_leaves_the_file_at_its_last_good_version(tmp_path):
    path = _file_at(1, tmp_path / "history.sqlite3")
    broken = "ALTER TABLE scans ADD COLUMN half TEXT;\nTHIS IS NOT SQL;"
    connection = sqlite3.connect(path, isolation_level=None)

    with pytest.raises(sqlite3.Error):
        schema.migrate(connection, (*schema.MIGRATIONS, broken))

    columns = {row[1] for row in connection.execute("PRAGMA table_info(scans)")}
    assert "half" not in columns
    assert schema.user_version(connection) == schema.CURRENT_VERSION
    connection.close()


def test_a_new_file_gets_the_current_schema_in_wal_mode(store):
    assert schema.user_version(store._connection) == schema.CURRENT_VERSION
    mode = store._connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_file_from_a_newer_version_is_refused_and_copied(tmp_path):
    path = tmp_path / "history.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    connection.close()

    with pytest.raises(StoreError, match="newer version") as raised:
        Store(path)

    assert raised.value.backup.exists()
    assert "Update the app" in str(raised.value)
    with sqlite3.connect(path) as connection:  # left as it was, not reset
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.close()
    assert version == schema.CURRENT_VERSION + 1


def test_a_file_that_is_not_a_database_is_refused_and_moved_aside(tmp_path):
    path = tmp_path / "history.sqlite3"
    damaged = b"this is not a database at all, just text " * 200
    path.write_bytes(damaged)

    with pytest.raises(StoreError, match="damaged") as raised:
        Store(path)

    assert raised.value.backup.read_bytes() == damaged
    assert not path.exists()
    assert str(raised.value.backup) in str(raised.value)


def test_a_file_with_damaged_pages_is_refused_and_moved_aside(tmp_path):
    path = tmp_path / "history.sqlite3"
    with Store(path) as store:
        for number in range(200):
            store.start_scan(
                f"scan-{number}",
                started_at=datetime(2026, 1, 1, tzinfo=UTC),
                request=STANDARD,
                planned=["x" * 200],
            )
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 5 * page] = b"\xff" * (2 * page)  # table pages, not the header
    path.write_bytes(bytes(data))

    with pytest.raises(StoreError, match="damaged") as raised:
        Store(path)

    assert raised.value.backup.read_bytes() == bytes(data)


def test_the_data_folder_comes_from_the_environment(tmp_path, monkeypatch):
    from cloud_checkup.app.store import DATA_DIR_VARIABLE, default_path

    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "elsewhere"))

    assert default_path().parent == tmp_path / "elsewhere"
    with Store() as store:
        assert store.path.is_relative_to(tmp_path / "elsewhere")


def test_a_damaged_file_is_set_aside_once_and_a_new_history_starts(tmp_path, caplog):
    path = tmp_path / "history.sqlite3"
    damaged = b"this is not a database at all, just text " * 200
    path.write_bytes(damaged)

    with pytest.raises(StoreError, match="moved to") as raised:
        Store(path)
    for _ in range(3):
        with Store(path) as store:
            assert store.integrity_check() == ["ok"]
            assert store.scans() == []

    [backup] = tmp_path.glob("*.damaged-*.bak")
    assert backup == raised.value.backup and backup.read_bytes() == damaged
    # Said once, in the StoreError's words: no log line above it on the terminal.
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
