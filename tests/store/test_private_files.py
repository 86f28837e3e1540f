"""The history is the owner's alone: folder 0700, database and its companions 0600.

It lists the account's weak spots, as ``profiles.json`` (0600) lists its profiles.
"""

from __future__ import annotations

import sqlite3
import stat
import sys

import pytest

from cloud_checkup.app.store import Store, StoreError, schema

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows files have no POSIX mode bits"
)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_history_folder_and_file_are_the_owners_alone(tmp_path):
    path = tmp_path / "cloud-checkup" / "history.sqlite3"
    with Store(path) as store:
        store.integrity_check()
        companions = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        assert all(c.exists() for c in companions)  # open in WAL mode
        assert [_mode(c) for c in companions] == [0o600, 0o600]
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600


def test_an_existing_history_readable_by_others_is_tightened_on_open(tmp_path):
    path = tmp_path / "history.sqlite3"
    with Store(path):
        pass
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"")
    for file in (path, wal):
        file.chmod(0o644)

    with Store(path):
        assert _mode(path) == 0o600
    assert not wal.exists() or _mode(wal) == 0o600


def test_a_backup_copy_is_the_owners_alone(tmp_path):
    path = tmp_path / "history.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    connection.close()
    path.chmod(0o644)

    with pytest.raises(StoreError) as raised:
        Store(path)

    assert _mode(raised.value.backup) == 0o600
