"""The ``history`` and ``exceptions`` commands of ``cloud-checkup``, on the local store.

``cli.py`` adds these with ``add_parsers(commands)`` and dispatches through
``HANDLERS``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import TextIO

from cloud_checkup.app.exceptions import InvalidException, new_exception, parse_tag
from cloud_checkup.app.store import ScanSummary, Store, StoreError
from cloud_checkup.checks import catalogue

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def add_parsers(commands: argparse._SubParsersAction) -> None:
    history = commands.add_parser("history", help="past scans kept on this computer")
    history_commands = history.add_subparsers(
        dest="history_command", metavar="COMMAND", required=True
    )
    listing = history_commands.add_parser("list", help="every scan, newest first")
    listing.add_argument("--account", metavar="ID", help="only this account's scans")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    show = history_commands.add_parser("show", help="one scan's results as they were")
    show.add_argument("scan_id", metavar="SCAN_ID")
    show.add_argument(
        "--json", metavar="FILE", help="write its JSON report ('-': stdout)"
    )

    exceptions = commands.add_parser("exceptions", help="accepted failures")
    exception_commands = exceptions.add_subparsers(
        dest="exceptions_command", metavar="COMMAND", required=True
    )
    listing = exception_commands.add_parser("list", help="the recorded exceptions")
    listing.add_argument("--account", metavar="ID", help="only this account's")
    add = exception_commands.add_parser("add", help="accept a failure, with a reason")
    add.add_argument("--check", required=True, metavar="ID", help="the check item")
    scope = add.add_mutually_exclusive_group()
    scope.add_argument("--resource", metavar="ID", help="only this resource")
    scope.add_argument("--tag", metavar="K=V", help="resources with this tag")
    add.add_argument("--reason", required=True, help="why the failure is accepted")
    add.add_argument("--expires", metavar="YYYY-MM-DD", type=_date, help="last day")
    add.add_argument(
        "--account", metavar="ID", help="the account (needed if several were scanned)"
    )
    remove = exception_commands.add_parser("remove", help="delete an exception")
    remove.add_argument("exception_id", metavar="ID", type=int)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, not {text!r}") from None


def history_command(args: argparse.Namespace) -> int:
    return _with_store(args, {"list": _history_list, "show": _history_show}, "history")


def exceptions_command(args: argparse.Namespace) -> int:
    handlers = {
        "list": _exceptions_list,
        "add": _exceptions_add,
        "remove": _exceptions_remove,
    }
    return _with_store(args, handlers, "exceptions")


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "history": history_command,
    "exceptions": exceptions_command,
}


def _with_store(args: argparse.Namespace, handlers: dict, command: str) -> int:
    try:
        store = Store()
    except StoreError as error:
        _error(str(error))
        return EXIT_FAILED
    with store:
        return handlers[getattr(args, f"{command}_command")](store, args)


def _history_list(store: Store, args: argparse.Namespace) -> int:
    scans = store.scans(args.account)
    if args.format == "json":
        json.dump([_summary_document(s) for s in scans], sys.stdout, indent=2)
        print()
        return EXIT_OK
    if not scans:
        print("No scans yet.")
    for scan in scans:
        print(_summary_line(scan))
    return EXIT_OK


def _summary_line(scan: ScanSummary) -> str:
    account = scan.account_alias or scan.account_id or "(unknown account)"
    score = f"{scan.score:>3} {scan.tier}" if scan.score is not None else "  -"
    counts = ", ".join(f"{n} {status}" for status, n in sorted(scan.counts.items()))
    started = scan.started_at.strftime("%Y-%m-%d %H:%M")
    return f"{started}  {scan.scan_id}  {account}  {scan.status}  {score}  {counts}"


def _summary_document(scan: ScanSummary) -> dict:
    return {
        "scan_id": scan.scan_id,
        "account_id": scan.account_id,
        "account_alias": scan.account_alias,
        "started_at": scan.started_at.isoformat(),
        "finished_at": scan.finished_at.isoformat() if scan.finished_at else None,
        "status": scan.status.value,
        "score": scan.score,
        "tier": scan.tier,
        "counts": scan.counts,
        "rechecks": scan.rechecks,
    }


def _history_show(store: Store, args: argparse.Namespace) -> int:
    try:
        scan = store.load_scan(args.scan_id)
    except KeyError:
        _error(f"no scan {args.scan_id} in the history (see: history list)")
        return EXIT_USAGE
    if args.json:
        from cloud_checkup.reports import export_json

        with _output(args.json) as stream:
            export_json(scan, stream, previous=store.previous_scan(scan))
        return EXIT_OK
    print(f"Scan {scan.scan_id} of account {scan.account.alias or scan.account.id}")
    print(f"Taken {scan.started_at:%Y-%m-%d %H:%M} (the account as it was then)")
    if scan.score:
        print(f"Health score {scan.score.value} ({scan.score.tier})")
    for result in scan.results:
        failed = len(result.failed)
        suffix = f"  ({failed} resources failing)" if failed else ""
        print(f"  {result.status.value:<14} {result.check_id}{suffix}")
    return EXIT_OK


@contextlib.contextmanager
def _output(destination: str) -> Iterator[TextIO]:
    """Standard output for ``-``, else the named file."""
    if destination == "-":
        yield sys.stdout
        return
    with open(destination, "w", encoding="utf-8") as stream:
        yield stream


def _exceptions_list(store: Store, args: argparse.Namespace) -> int:
    exceptions = store.exceptions(args.account)
    if not exceptions:
        print("No exceptions recorded.")
    today = datetime.now(UTC)
    for exception in exceptions:
        expiry = "no expiry"
        if exception.expires_on:
            verb = "until" if exception.active(today) else "expired"
            expiry = f"{verb} {exception.expires_on}"
        print(
            f"{exception.id:>4}  {exception.account_id}  {exception.check_id}  "
            f"{exception.scope}  {expiry}  by {exception.created_by} "
            f"on {exception.created_at:%Y-%m-%d}: {exception.reason}"
        )
    return EXIT_OK


def _exceptions_add(store: Store, args: argparse.Namespace) -> int:
    if args.check not in catalogue():
        _error(f"no check item {args.check!r} (see: checks list)")
        return EXIT_USAGE
    account_id = _account_for(store, args.account)
    if account_id is None:
        return EXIT_USAGE
    try:
        exception = new_exception(
            account_id,
            args.check,
            args.reason,
            now=datetime.now(UTC),
            resource_id=args.resource,
            tag=parse_tag(args.tag) if args.tag else None,
            expires_on=args.expires,
        )
    except InvalidException as error:
        _error(str(error))
        return EXIT_USAGE
    stored = store.add_exception(exception)
    print(f"Exception {stored.id} recorded: {stored.check_id}, {stored.scope}.")
    return EXIT_OK


def _account_for(store: Store, wanted: str | None) -> str | None:
    """The account named, or the only one scanned so far."""
    if wanted:
        return wanted
    accounts = [a.id for a in store.accounts()]
    if len(accounts) == 1:
        return accounts[0]
    if not accounts:
        _error("no account has been scanned yet: name it with --account ID")
    else:
        _error(f"several accounts were scanned ({', '.join(accounts)}): use --account")
    return None


def _exceptions_remove(store: Store, args: argparse.Namespace) -> int:
    if not store.remove_exception(args.exception_id):
        _error(f"no exception {args.exception_id} (see: exceptions list)")
        return EXIT_USAGE
    print(f"Exception {args.exception_id} removed.")
    return EXIT_OK


def _error(message: str) -> None:
    print(f"cloud-checkup: {message}", file=sys.stderr)
