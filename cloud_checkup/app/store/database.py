"""The ``Store``: one SQLite file (WAL) holding the history of scans and their context.

Opening checks the file before touching it: a file from a newer version of the app is
copied aside and reported as a ``StoreError``, never reset; a damaged one is moved aside
once (so that the next opening starts a new history) and reported the same way.

The history names the account's weak spots, so its folder is the owner's alone (0700)
and its files, SQLite's companions and backup copies included, are owner-only (0600).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs

from cloud_checkup.checks import catalogue

from ..engine import ScanRequest
from ..exceptions import RecordedException
from ..model import Account, ItemResult, ScanResult, Score, as_utc
from ..score import compute_score
from . import codec, liveness, retention, schema
from .records import (
    InterruptedScan,
    ResumePlan,
    ScanStatus,
    ScanSummary,
    ScorePoint,
)

log = logging.getLogger(__name__)

DATA_DIR_VARIABLE = "CLOUD_CHECKUP_DATA_DIR"
FILE_NAME = "history.sqlite3"
# A running scan writes a result every few seconds; one silent for this long belongs
# to a process that died (its process id may since have been reused).
STALE_AFTER = timedelta(hours=2)
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
# Beside the database SQLite keeps these; the write-ahead log holds recent commits.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class StoreError(Exception):
    """The history file cannot be used; the message says why and what to do."""

    def __init__(self, message: str, backup: Path | None = None):
        super().__init__(message)
        self.backup = backup


class ScanRunning(Exception):
    """The scan is still being recorded: it can be deleted once it has ended."""


def default_path() -> Path:
    """Where the history lives: ``$CLOUD_CHECKUP_DATA_DIR`` or the user data folder."""
    folder = os.environ.get(DATA_DIR_VARIABLE)
    if not folder:
        folder = platformdirs.user_data_dir("cloud-checkup", appauthor=False)
    return Path(folder) / FILE_NAME


class Store:
    """The local history. Safe to share between threads; each write is a transaction.

    Args:
        path: the SQLite file; by default ``default_path()``.
        clock: the time written as ``updated_at``, ``first_seen`` and the like.

    Raises:
        StoreError: the file is damaged or from a newer version; a copy was made.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.path = Path(path) if path is not None else default_path()
        self._clock = clock
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"The history folder {self.path.parent} cannot be created "
                f"({error.strerror}). Set CLOUD_CHECKUP_DATA_DIR to a folder you can "
                "write."
            ) from error
        self._connection = _open(self.path)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._connection.execute(sql, tuple(params)).fetchall()

    def _row(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def integrity_check(self) -> list[str]:
        """SQLite's own full check: ``["ok"]`` when the file is sound."""
        return [row[0] for row in self._rows("PRAGMA integrity_check")]

    # -- recording a scan (used by the Recorder) ---------------------------------------

    def start_scan(
        self,
        scan_id: str,
        *,
        started_at: datetime,
        request: ScanRequest,
        planned: Iterable[str],
        regions: Iterable[str] = (),
        target: str | None = None,
        account: Account | None = None,
        rechecks: str | None = None,
        resumes: str | None = None,
    ) -> None:
        now = codec.time_text(self._clock())
        with self._transaction() as db:
            if account is not None:
                self._note_account(db, account, now)
            db.execute(
                "INSERT INTO scans (id, account_id, identity, target, started_at,"
                " packages, regions, request, planned, status, rechecks, resumes,"
                " owner_pid, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                # Resuming in place: the scan's row and finished items stay; it runs
                # again under this process.
                " ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
                " owner_pid = excluded.owner_pid, updated_at = excluded.updated_at",
                (
                    scan_id,
                    account.id if account else None,
                    account.identity if account else None,
                    target,
                    codec.time_text(started_at),
                    json.dumps(sorted(p.value for p in request.packages)),
                    json.dumps(list(regions)),
                    codec.request_text(request),
                    json.dumps(list(planned)),
                    ScanStatus.RUNNING.value,
                    rechecks,
                    resumes,
                    os.getpid(),
                    now,
                ),
            )

    def record_item(self, scan_id: str, result: ItemResult) -> None:
        """Write one item's result and findings; writing it again replaces them."""
        with self._transaction() as db:
            self._write_item(db, scan_id, result, position=None)
            db.execute(
                "UPDATE scans SET updated_at = ? WHERE id = ?",
                (codec.time_text(self._clock()), scan_id),
            )

    def _write_item(
        self,
        db: sqlite3.Connection,
        scan_id: str,
        result: ItemResult,
        position: int | None,
    ) -> None:
        if position is None:
            existing = db.execute(
                "SELECT position FROM item_results WHERE scan_id = ? AND check_id = ?",
                (scan_id, result.check_id),
            ).fetchone()
            position = existing[0] if existing else _next_position(db, scan_id)
        db.execute(
            "DELETE FROM item_results WHERE scan_id = ? AND check_id = ?",
            (scan_id, result.check_id),
        )
        db.execute(
            "INSERT INTO item_results VALUES (?,?,?,?,?,?,?)",
            codec.item_row(scan_id, position, result),
        )
        db.executemany(
            "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?)",
            codec.finding_rows(scan_id, result),
        )

    def finish_scan(self, scan: ScanResult) -> None:
        """Write the finished scan: its account, score and any result not yet written.

        The results' order becomes the order the engine returned them in.
        """
        now = codec.time_text(self._clock())
        status = ScanStatus.CANCELLED if scan.cancelled else ScanStatus.COMPLETE
        with self._transaction() as db:
            self._note_account(db, scan.account, now)
            for position, result in enumerate(scan.results):
                self._write_item(db, scan.scan_id, result, position)
            db.execute(
                "UPDATE scans SET account_id = ?, identity = ?, started_at = ?,"
                " finished_at = ?, packages = ?, regions = ?, status = ?, score = ?,"
                " score_value = ?, api_calls = ?, tool_version = ?, updated_at = ?"
                " WHERE id = ?",
                (
                    scan.account.id,
                    scan.account.identity,
                    codec.time_text(scan.started_at),
                    codec.time_text(scan.finished_at),
                    json.dumps(scan.packages),
                    json.dumps(scan.regions),
                    status.value,
                    codec.score_text(scan.score),
                    scan.score.value if scan.score else None,
                    scan.api_calls,
                    scan.tool_version,
                    now,
                    scan.scan_id,
                ),
            )

    def mark_interrupted(self, scan_id: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE scans SET status = ? WHERE id = ? AND status = ?",
                (ScanStatus.INTERRUPTED.value, scan_id, ScanStatus.RUNNING.value),
            )

    def _note_account(self, db: sqlite3.Connection, account: Account, now: str) -> None:
        if not account.id:
            return
        db.execute(
            "INSERT INTO accounts (id, alias, identity, first_seen, last_seen)"
            " VALUES (?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
            " alias = excluded.alias, identity = excluded.identity,"
            " last_seen = excluded.last_seen",
            (account.id, account.alias, account.identity, now, now),
        )

    # -- reading history ---------------------------------------------------------------

    def accounts(self) -> list[Account]:
        rows = self._rows("SELECT id, alias, identity FROM accounts ORDER BY id")
        return [Account(r["id"], r["alias"], r["identity"] or "") for r in rows]

    def load_scan(self, scan_id: str) -> ScanResult:
        """The scan exactly as recorded (its stored score, not a recomputed one).

        Raises:
            KeyError: no scan has this id.
        """
        row = self._row(
            "SELECT s.*, a.alias FROM scans s LEFT JOIN accounts a"
            " ON a.id = s.account_id WHERE s.id = ?",
            (scan_id,),
        )
        if row is None:
            raise KeyError(scan_id)
        results = self._results(scan_id)
        status = self._effective_status(row)
        stopped = status in (ScanStatus.CANCELLED, ScanStatus.INTERRUPTED)
        planned = json.loads(row["planned"] or "[]")
        done = {r.check_id for r in results}
        score = codec.parse_score(row["score"])
        if score is None and status is ScanStatus.INTERRUPTED:
            score = _partial_score(results, planned)
        return ScanResult(
            scan_id=row["id"],
            account=Account(
                row["account_id"] or "", row["alias"], row["identity"] or ""
            ),
            started_at=codec.parse_time(row["started_at"]),
            finished_at=codec.parse_time(row["finished_at"]),
            packages=json.loads(row["packages"]),
            regions=json.loads(row["regions"]),
            results=results,
            score=score,
            api_calls=row["api_calls"],
            cancelled=stopped,
            tool_version=row["tool_version"],
            not_reached=tuple(i for i in planned if i not in done) if stopped else (),
        )

    def _results(self, scan_id: str) -> list[ItemResult]:
        findings: dict[str, list] = {}
        for row in self._rows(
            "SELECT * FROM findings WHERE scan_id = ? ORDER BY check_id, position",
            (scan_id,),
        ):
            findings.setdefault(row["check_id"], []).append(codec.parse_finding(row))
        rows = self._rows(
            "SELECT * FROM item_results WHERE scan_id = ? ORDER BY position", (scan_id,)
        )
        return [codec.parse_item(r, findings.get(r["check_id"], [])) for r in rows]

    def scans(self, account_id: str | None = None) -> list[ScanSummary]:
        """Every scan, newest first, optionally of one account only."""
        where, params = (
            ("WHERE s.account_id = ?", (account_id,)) if account_id else ("", ())
        )
        rows = self._rows(
            "SELECT s.id, s.account_id, a.alias, s.started_at, s.finished_at, s.status,"
            " s.score, s.rechecks, s.target, s.owner_pid, s.updated_at"
            f" FROM scans s LEFT JOIN accounts a ON a.id = s.account_id {where}"
            " ORDER BY s.started_at DESC, s.id",
            params,
        )
        counts = self._status_counts(account_id)
        return [self._summary(row, counts.get(row["id"], {})) for row in rows]

    def _summary(self, row: sqlite3.Row, counts: dict[str, int]) -> ScanSummary:
        score = codec.parse_score(row["score"])
        return ScanSummary(
            scan_id=row["id"],
            account_id=row["account_id"],
            account_alias=row["alias"],
            started_at=codec.parse_time(row["started_at"]),
            finished_at=codec.parse_time(row["finished_at"]),
            status=self._effective_status(row),
            score=score.value if score else None,
            tier=score.tier if score else None,
            counts=counts,
            rechecks=row["rechecks"],
            target=row["target"],
        )

    def _status_counts(self, account_id: str | None) -> dict[str, dict[str, int]]:
        where, params = (
            ("WHERE s.account_id = ?", (account_id,)) if account_id else ("", ())
        )
        rows = self._rows(
            "SELECT i.scan_id, i.status, count(*) AS n FROM item_results i"
            f" JOIN scans s ON s.id = i.scan_id {where} GROUP BY i.scan_id, i.status",
            params,
        )
        counts: dict[str, dict[str, int]] = {}
        for row in rows:
            counts.setdefault(row["scan_id"], {})[row["status"]] = row["n"]
        return counts

    def _effective_status(self, row: sqlite3.Row) -> ScanStatus:
        """``running`` in the file, but its process is gone: it was interrupted."""
        status = ScanStatus(row["status"])
        if status is not ScanStatus.RUNNING:
            return status
        updated = codec.parse_time(row["updated_at"])
        stale = updated is not None and self._clock() - updated > STALE_AFTER
        if stale or not liveness.still_recording(row["id"], row["owner_pid"]):
            return ScanStatus.INTERRUPTED
        return status

    def previous_scan(self, scan: ScanResult) -> ScanResult | None:
        """The scan to compare ``scan`` with by default.

        For a re-run, the scan it re-checks; otherwise the latest earlier complete
        full scan of the same account with the same packages: a scan of only some
        items (``--checks``, a re-run) would make every other item look new or fixed,
        and one with another package set a score of other items.
        """
        row = self._row("SELECT rechecks FROM scans WHERE id = ?", (scan.scan_id,))
        if row is not None and row["rechecks"]:
            return self.load_scan(row["rechecks"])
        candidates = self._rows(
            "SELECT id, request FROM scans WHERE account_id = ? AND status = ?"
            " AND id != ? AND rechecks IS NULL AND started_at < ?"
            " ORDER BY started_at DESC",
            (
                scan.account.id,
                ScanStatus.COMPLETE.value,
                scan.scan_id,
                codec.time_text(scan.started_at),
            ),
        )
        packages = sorted(scan.packages)
        for candidate in candidates:
            request = codec.parse_request(candidate["request"])
            same_scope = sorted(p.value for p in request.packages) == packages
            if request.check_ids is None and same_scope:
                return self.load_scan(candidate["id"])
        return None

    def score_history(self, account_id: str) -> list[ScorePoint]:
        """The account's score after each complete full scan, oldest first."""
        rows = self._rows(
            "SELECT id, started_at, score FROM scans WHERE account_id = ?"
            " AND status = ? AND rechecks IS NULL AND score IS NOT NULL"
            " ORDER BY started_at",
            (account_id, ScanStatus.COMPLETE.value),
        )
        points = []
        for row in rows:
            score = codec.parse_score(row["score"])
            started = codec.parse_time(row["started_at"])
            points.append(ScorePoint(row["id"], started, score.value, score.tier))
        return points

    # -- resuming ----------------------------------------------------------------------

    def interrupted_scans(self) -> list[InterruptedScan]:
        """Scans cut off by a crash or a quit and not resumed yet, newest first."""
        rows = self._rows(
            "SELECT * FROM scans s WHERE s.status IN (?, ?) AND NOT EXISTS"
            " (SELECT 1 FROM scans r WHERE r.resumes = s.id)"
            " ORDER BY s.started_at DESC",
            (ScanStatus.RUNNING.value, ScanStatus.INTERRUPTED.value),
        )
        found = []
        for row in rows:
            if self._effective_status(row) is not ScanStatus.INTERRUPTED:
                continue
            done = self._done_ids(row["id"])
            remaining = tuple(
                i for i in json.loads(row["planned"] or "[]") if i not in done
            )
            found.append(
                InterruptedScan(
                    scan_id=row["id"],
                    account_id=row["account_id"],
                    target=row["target"],
                    started_at=codec.parse_time(row["started_at"]),
                    done=len(done),
                    remaining=remaining,
                )
            )
        return found

    def _done_ids(self, scan_id: str) -> set[str]:
        rows = self._rows(
            "SELECT check_id FROM item_results WHERE scan_id = ?", (scan_id,)
        )
        return {r["check_id"] for r in rows}

    def resume_plan(self, scan_id: str) -> ResumePlan:
        """The original request and the results already completed, to resume a scan.

        Raises:
            KeyError: no scan has this id.
        """
        row = self._row("SELECT * FROM scans WHERE id = ?", (scan_id,))
        if row is None:
            raise KeyError(scan_id)
        completed = self._results(scan_id)
        done = {r.check_id for r in completed}
        planned = json.loads(row["planned"] or "[]")
        return ResumePlan(
            scan_id=scan_id,
            target=row["target"],
            request=codec.parse_request(row["request"]),
            regions=tuple(json.loads(row["regions"])),
            completed=completed,
            remaining=tuple(i for i in planned if i not in done),
        )

    # -- deleting and retention --------------------------------------------------------

    def delete_scan(self, scan_id: str) -> list[ScanSummary]:
        """Delete a scan, its results and findings, and the re-checks of it.

        Exceptions and the AI ledger are not scan data and stay. The deleted rows are
        overwritten in the file, not only unlinked: the user asked for them to go.

        Returns:
            What was deleted: the scan, then its re-checks.

        Raises:
            KeyError: no scan has this id.
            ScanRunning: it, or a re-check of it, is still being recorded.
        """
        scans = self.scans()
        if scan_id not in {s.scan_id for s in scans}:
            raise KeyError(scan_id)
        going = retention.with_rechecks([scan_id], scans)
        if any(s.status is ScanStatus.RUNNING for s in going):
            raise ScanRunning(scan_id)
        going.sort(key=lambda s: s.scan_id != scan_id)
        self._delete(s.scan_id for s in going)
        return going

    def prune(
        self, rule: retention.RetentionRule, *, dry_run: bool = False
    ) -> list[ScanSummary]:
        """Delete the scans ``rule`` lets go (see ``retention``); newest first.

        Args:
            dry_run: only say which scans would go.
        """
        now = self._clock()
        needed = {s.scan_id for s in self.interrupted_scans()} | self._baselines(now)
        going = retention.to_prune(self.scans(), rule, now, needed)
        if going and not dry_run:
            self._delete(s.scan_id for s in going)
        return going

    def _baselines(self, now: datetime) -> set[str]:
        """The scans ``previous_scan`` would compare the next scan with: each
        account's latest complete full checkup of each package set, of all and of
        those not dated ahead of ``now`` by a wrong clock."""
        rows = self._rows(
            "SELECT id, account_id, started_at, request FROM scans"
            " WHERE status = ? AND rechecks IS NULL ORDER BY started_at DESC",
            (ScanStatus.COMPLETE.value,),
        )
        latest: dict[tuple, str] = {}
        for row in rows:
            request = codec.parse_request(row["request"])
            if request.check_ids is not None:
                continue
            scope = (row["account_id"], request.packages)
            latest.setdefault(scope, row["id"])
            if as_utc(codec.parse_time(row["started_at"])) <= now:
                latest.setdefault((*scope, "present"), row["id"])
        return set(latest.values())

    def _delete(self, scan_ids: Iterable[str]) -> None:
        ids = list(scan_ids)
        marks = ",".join("?" * len(ids))
        with self._transaction() as db:
            # A continuation of a deleted interrupted scan stands on its own.
            db.execute(
                f"UPDATE scans SET resumes = NULL WHERE resumes IN ({marks})", ids
            )
            # Results and findings follow (ON DELETE CASCADE). One statement: the
            # re-checks among ``ids`` reference the others until it ends.
            db.execute(f"DELETE FROM scans WHERE id IN ({marks})", ids)
        # The write-ahead log still holds the pages as they were; fold it into the
        # (overwritten) file and empty it.
        with self._lock:
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("deleted %d scan(s) from the history", len(ids))

    # -- exceptions --------------------------------------------------------------------

    def add_exception(self, exception: RecordedException) -> RecordedException:
        """Store ``exception``; returns it with its id."""
        tag_key, tag_value = exception.tag or (None, None)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO exceptions (account_id, check_id, resource_id, tag_key,"
                " tag_value, reason, created_by, created_at, expires_on)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    exception.account_id,
                    exception.check_id,
                    exception.resource_id,
                    tag_key,
                    tag_value,
                    exception.reason,
                    exception.created_by,
                    codec.time_text(exception.created_at),
                    exception.expires_on.isoformat() if exception.expires_on else None,
                ),
            )
        return _with_id(exception, cursor.lastrowid)

    def exceptions(self, account_id: str | None = None) -> list[RecordedException]:
        """The recorded exceptions (expired ones too), optionally of one account."""
        where, params = (
            ("WHERE account_id = ?", (account_id,)) if account_id else ("", ())
        )
        rows = self._rows(f"SELECT * FROM exceptions {where} ORDER BY id", params)
        return [_exception(row) for row in rows]

    def remove_exception(self, exception_id: int) -> bool:
        """Delete an exception; ``False`` when there was none with this id."""
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM exceptions WHERE id = ?", (exception_id,))
        return cursor.rowcount > 0

    # -- the AI allowance (see allowance.AllowanceLedger) ------------------------------

    def allowance_claim(self, account_id: str) -> tuple[int, datetime, datetime] | None:
        row = self._row(
            "SELECT granted, claimed_at, expires_at FROM ai_allowance_claims"
            " WHERE account_id = ?",
            (account_id,),
        )
        if row is None:
            return None
        parse = codec.parse_time
        return row["granted"], parse(row["claimed_at"]), parse(row["expires_at"])

    def insert_allowance_claim(
        self, account_id: str, granted: int, claimed_at: datetime, expires_at: datetime
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO ai_allowance_claims VALUES (?,?,?,?)",
                (
                    account_id,
                    granted,
                    codec.time_text(claimed_at),
                    codec.time_text(expires_at),
                ),
            )

    def record_ai_usage(self, scan_id: str, count: int, at: datetime) -> None:
        """Ledger entry: the AI scans ``scan_id`` made.

        Raises:
            KeyError: the scan is not in the store or has no known account yet.
        """
        row = self._row("SELECT account_id FROM scans WHERE id = ?", (scan_id,))
        if row is None or not row["account_id"]:
            raise KeyError(scan_id)
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO ai_usage VALUES (?,?,?,?)",
                (scan_id, row["account_id"], count, codec.time_text(at)),
            )

    def ai_scans_used(self, account_id: str, since: datetime, until: datetime) -> int:
        row = self._row(
            "SELECT coalesce(sum(count), 0) FROM ai_usage WHERE account_id = ?"
            " AND recorded_at >= ? AND recorded_at < ?",
            (account_id, codec.time_text(since), codec.time_text(until)),
        )
        return row[0]


def _partial_score(results: list[ItemResult], planned: list[str]) -> Score:
    """The score of an interrupted scan as a cancelled one gets it: of what finished.

    Its coverage counts the items never reached, so a scan cut off early reads as
    incomplete rather than as the verdict on the account.
    """
    return compute_score(results, catalogue(), planned=len(planned) or None)


def _next_position(db: sqlite3.Connection, scan_id: str) -> int:
    row = db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM item_results WHERE scan_id = ?",
        (scan_id,),
    ).fetchone()
    return row[0]


def _with_id(
    exception: RecordedException, exception_id: int | None
) -> RecordedException:
    return dataclasses.replace(exception, id=exception_id)


def _exception(row: sqlite3.Row) -> RecordedException:
    tag = (row["tag_key"], row["tag_value"]) if row["tag_key"] is not None else None
    expires = date.fromisoformat(row["expires_on"]) if row["expires_on"] else None
    return RecordedException(
        account_id=row["account_id"],
        check_id=row["check_id"],
        reason=row["reason"],
        created_by=row["created_by"],
        created_at=codec.parse_time(row["created_at"]),
        resource_id=row["resource_id"],
        tag=tag,
        expires_on=expires,
        id=row["id"],
    )


# -- opening the file ------------------------------------------------------------------


def _open(path: Path) -> sqlite3.Connection:
    try:
        _make_private(path)
        connection = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=10
        )
    except (OSError, sqlite3.Error) as error:
        raise StoreError(
            f"The history file {path} cannot be opened ({error}). Check that its "
            "folder exists and is writable."
        ) from error
    connection.row_factory = sqlite3.Row
    try:
        _prepare(connection, path)
    except StoreError:
        connection.close()
        raise
    except sqlite3.DatabaseError as error:
        connection.close()
        if _reads_intact(path):
            raise StoreError(
                f"The history file {path} is intact but cannot be opened for writing "
                f"({error}). Check that it and its folder are writable by you."
            ) from error
        raise _damaged(path, error) from error
    return connection


def _make_private(path: Path) -> None:
    """Create the database owner-only before SQLite does; tighten one made earlier.

    SQLite gives the write-ahead log and shared-memory files it creates the mode of
    the database itself, so they follow; ones left by an older version are tightened.
    """
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    for file, _ in _with_companions(path, path):
        if file.is_file():
            # Another user's file is left as it is: SQLite says if it cannot use it.
            with contextlib.suppress(PermissionError):
                os.chmod(file, PRIVATE_FILE)


def _damaged(path: Path, error: sqlite3.Error) -> StoreError:
    """Move the damaged file aside, once, and say so: the next opening starts anew.

    Its write-ahead log goes with it: left in place, SQLite would replay the old
    file's pages into the new one.
    """
    backup = _backup_name(path, "damaged")
    try:
        for source, target in _with_companions(path, backup):
            if source.exists():
                os.replace(source, target)
    except OSError as move_error:
        return StoreError(
            f"The history file {path} is damaged and cannot be read ({error}), and "
            f"it could not be moved aside ({move_error.strerror}). Move it away to "
            "start a new history.",
        )
    return StoreError(
        f"The history file {path} was damaged and could not be read ({error}). It "
        f"was moved to {backup}, where it is kept for recovery; a new, empty history "
        "starts the next time it is opened.",
        backup,
    )


def _reads_intact(path: Path) -> bool:
    """Whether the file passes SQLite's own check when opened read-only.

    It is opened immutable, without its journal files. An intact file can still fail
    to open for writing (a read-only folder, its journal files unwritable): that is
    not damage, and it must not be called so.
    """
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as reader:
            return [row[0] for row in reader.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    connection.execute("PRAGMA busy_timeout = 10000")
    version = schema.user_version(connection)
    if version > schema.CURRENT_VERSION:
        connection.close()
        backup = _backup(path, "newer")
        raise StoreError(
            f"The history file {path} was written by a newer version of Cloud Health "
            f"Checkup (format {version}; this version reads up to "
            f"{schema.CURRENT_VERSION}). Update the app to open it. A copy was saved "
            f"as {backup}.",
            backup,
        )
    check = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if check != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(check[:3]))
    connection.execute("PRAGMA journal_mode = WAL")
    # FULL: a result reported as saved survives a power cut too, not only a crash.
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    # A deleted scan is overwritten, not left readable in free pages.
    connection.execute("PRAGMA secure_delete = ON")
    if 0 < version < schema.CURRENT_VERSION:
        log.info("backing up %s before migrating it: %s", path, _backup(path, "before"))
    schema.migrate(connection)


def _backup(path: Path, why: str) -> Path:
    """Copy the file and its companions (the write-ahead log holds recent commits)."""
    target = _backup_name(path, why)
    for source, copy in _with_companions(path, target):
        if source.exists():
            shutil.copy2(source, copy)
            os.chmod(copy, PRIVATE_FILE)
    # The caller's StoreError, or the migration it precedes, tells the user.
    log.info("copied the history file %s to %s", path, target)
    return target


def _backup_name(path: Path, why: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{why}-{stamp}.bak")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{why}-{stamp}-{counter}.bak")
        counter += 1
    return target


def _with_companions(path: Path, target: Path) -> list[tuple[Path, Path]]:
    """The file and its companions, each paired with its name beside ``target``."""
    return [(path, target)] + [
        (path.with_name(path.name + suffix), target.with_name(target.name + suffix))
        for suffix in COMPANION_SUFFIXES
    ]
