"""The store's schema as numbered migrations, applied in order, one transaction each.

``PRAGMA user_version`` holds the version a file is at; migration ``n`` takes a file
from version ``n - 1`` to ``n`` (version 0 is a new, empty file). A released migration
is never edited: a change to the schema is a new migration appended to the list.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

Migration = str | Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    alias TEXT,
    identity TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);

CREATE TABLE scans (
    id TEXT PRIMARY KEY,
    account_id TEXT REFERENCES accounts (id),
    identity TEXT,
    target TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    packages TEXT NOT NULL DEFAULT '[]',
    regions TEXT NOT NULL DEFAULT '[]',
    request TEXT NOT NULL,
    planned TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('running', 'complete', 'cancelled', 'interrupted')),
    score TEXT,
    score_value INTEGER,
    api_calls INTEGER NOT NULL DEFAULT 0,
    tool_version TEXT NOT NULL DEFAULT '',
    rechecks TEXT REFERENCES scans (id),
    resumes TEXT REFERENCES scans (id),
    owner_pid INTEGER,
    updated_at TEXT NOT NULL
);
CREATE INDEX scans_by_account ON scans (account_id, started_at);
CREATE INDEX scans_by_status ON scans (status);

CREATE TABLE item_results (
    scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    check_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    missing_actions TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (scan_id, check_id)
);

CREATE TABLE findings (
    scan_id TEXT NOT NULL,
    check_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    resource_id TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    region TEXT,
    name TEXT,
    resource_type TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (scan_id, check_id, position),
    FOREIGN KEY (scan_id, check_id)
        REFERENCES item_results (scan_id, check_id) ON DELETE CASCADE
);
CREATE INDEX findings_by_resource ON findings (resource_id);

CREATE TABLE exceptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    check_id TEXT NOT NULL,
    resource_id TEXT,
    tag_key TEXT,
    tag_value TEXT,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_on TEXT,
    CHECK (resource_id IS NULL OR tag_key IS NULL),
    CHECK ((tag_key IS NULL) = (tag_value IS NULL))
);
CREATE INDEX exceptions_by_account ON exceptions (account_id, check_id);

CREATE TABLE ai_allowance_claims (
    account_id TEXT PRIMARY KEY,
    granted INTEGER NOT NULL CHECK (granted >= 0),
    claimed_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE ai_usage (
    scan_id TEXT PRIMARY KEY REFERENCES scans (id),
    account_id TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    recorded_at TEXT NOT NULL
);
"""

# Version 2: each item result keeps the exceptions that covered it, as they were.
_V2 = """
ALTER TABLE item_results ADD COLUMN exceptions TEXT NOT NULL DEFAULT '[]';
"""

# Version 3: the AI ledger outlives the scans it counts. Deleting a scan from the
# history must not give back the AI scans it used, so the ledger no longer references
# the scans table (SQLite changes a constraint only by rebuilding the table).
_V3 = """
CREATE TABLE ai_usage_v3 (
    scan_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    recorded_at TEXT NOT NULL
);
INSERT INTO ai_usage_v3 SELECT scan_id, account_id, count, recorded_at FROM ai_usage;
DROP TABLE ai_usage;
ALTER TABLE ai_usage_v3 RENAME TO ai_usage;
"""

MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3)
CURRENT_VERSION = len(MIGRATIONS)


def user_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(
    connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS
) -> None:
    """Bring the file up to ``len(migrations)``, one version per transaction.

    The connection must be in autocommit mode (``isolation_level=None``). Another
    process may migrate the same file at the same time, so each step re-reads the
    version once it holds the write lock.
    """
    for target in range(user_version(connection) + 1, len(migrations) + 1):
        _apply(connection, target, migrations[target - 1])


def _apply(connection: sqlite3.Connection, target: int, migration: Migration) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        if user_version(connection) >= target:
            connection.execute("COMMIT")
            return
        if callable(migration):
            migration(connection)
        else:
            for statement in _statements(migration):
                connection.execute(statement)
        # PRAGMA takes no parameters; target is an int we computed.
        connection.execute(f"PRAGMA user_version = {int(target)}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    log.info("store schema migrated to version %s", target)


def _statements(script: str) -> list[str]:
    """Split a script into statements; ``executescript`` would commit half-way."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
