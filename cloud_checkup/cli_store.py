"""The ``history`` and ``exceptions`` commands of ``cloud-checkup``, on the local store.

``cli.py`` adds these with ``add_parsers(commands)`` and dispatches through
``HANDLERS``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from cloud_checkup import reports
from cloud_checkup.app.exceptions import (
    InvalidException,
    check_expiry,
    new_exception,
    parse_tag,
)
from cloud_checkup.app.model import ItemResult, ScanResult
from cloud_checkup.app.store import (
    RetentionRule,
    ScanRunning,
    ScanStatus,
    ScanSummary,
    Store,
    StoreError,
)
from cloud_checkup.checks import Package, catalogue
from cloud_checkup.checks.base import Check, Severity
from cloud_checkup.cli_words import (
    STATUS_ORDER,
    counted,
    missing_command,
    status_tally,
    status_word,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

# Scan ids are 32 hex digits; this many tell them apart in a listing.
SHORT_ID = 8
REPORT_FORMATS = ("json", "html", "csv")
_HISTORY_HEADER = (
    "Started (UTC)",
    "Scan",
    "Account",
    "Status",
    "Score",
    "Scope",
    "Items",
)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    _add_history_parser(commands)
    _add_exceptions_parser(commands)


def _add_history_parser(commands: argparse._SubParsersAction) -> None:
    history = commands.add_parser("history", help="past scans kept on this computer")
    # Not required: a missing command is answered with the choices (missing_command).
    history_commands = history.add_subparsers(dest="history_command", metavar="COMMAND")
    listing = history_commands.add_parser("list", help="every scan, newest first")
    listing.add_argument("--account", metavar="ID", help="only this account's scans")
    listing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for reading (default), json for tools",
    )
    show = history_commands.add_parser("show", help="one scan's results as they were")
    show.add_argument(
        "scan_id", metavar="SCAN_ID", help="the scan's id, or enough of its start"
    )
    for fmt in REPORT_FORMATS:
        show.add_argument(
            f"--{fmt}",
            metavar="FILE",
            help=f"write its {fmt.upper()} report, as the scan did ('-': stdout)",
        )
    remove = history_commands.add_parser(
        "remove", help="delete one scan (and its re-checks) from this computer"
    )
    remove.add_argument(
        "scan_id", metavar="SCAN_ID", help="the scan's id, or enough of its start"
    )
    remove.add_argument(
        "--yes", action="store_true", help="delete without asking (required)"
    )
    prune = history_commands.add_parser(
        "prune",
        help="delete old scans; each account's newest scan and latest checkup, and "
        "a scan that can be resumed, are kept",
    )
    rule = prune.add_mutually_exclusive_group(required=True)
    rule.add_argument(
        "--older-than", metavar="DAYS", type=int, help="scans started DAYS ago or more"
    )
    rule.add_argument(
        "--keep-last", metavar="N", type=int, help="all but each account's N newest"
    )
    prune.add_argument(
        "--dry-run", action="store_true", help="only list the scans that would go"
    )


def _add_exceptions_parser(commands: argparse._SubParsersAction) -> None:
    exceptions = commands.add_parser("exceptions", help="accepted failures")
    exception_commands = exceptions.add_subparsers(
        dest="exceptions_command", metavar="COMMAND"
    )
    listing = exception_commands.add_parser("list", help="the recorded exceptions")
    listing.add_argument("--account", metavar="ID", help="only this account's")
    add = exception_commands.add_parser("add", help="accept a failure, with a reason")
    add.add_argument("--check", required=True, metavar="ID", help="the check item")
    scope = add.add_mutually_exclusive_group()
    scope.add_argument("--resource", metavar="ID", help="only this resource")
    scope.add_argument("--tag", metavar="K=V", help="resources with this tag")
    add.add_argument("--reason", required=True, help="why the failure is accepted")
    add.add_argument(
        "--expires", metavar="YYYY-MM-DD", type=_date, help="last day (UTC)"
    )
    add.add_argument(
        "--account", metavar="ID", help="the account (needed if several were scanned)"
    )
    remove = exception_commands.add_parser("remove", help="delete an exception")
    remove.add_argument(
        "exception_id", metavar="ID", type=int, help="its number in 'exceptions list'"
    )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, not {text!r}") from None


def history_command(args: argparse.Namespace) -> int:
    handlers = {
        "list": _history_list,
        "show": _history_show,
        "remove": _history_remove,
        "prune": _history_prune,
    }
    return _with_store(args, handlers, "history")


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
    subcommand = getattr(args, f"{command}_command")
    if subcommand is None:
        return missing_command(command, handlers)
    try:
        store = Store()
    except StoreError as error:
        _error(str(error))
        return EXIT_FAILED
    with store:
        return handlers[subcommand](store, args)


# -- history -----------------------------------------------------------------------


def _history_list(store: Store, args: argparse.Namespace) -> int:
    scans = store.scans(args.account)
    scopes = {s.scan_id: _scope(store, s) for s in scans}
    if args.format == "json":
        documents = [_summary_document(s, scopes[s.scan_id]) for s in scans]
        json.dump(documents, sys.stdout, indent=2)
        print()
        return EXIT_OK
    if not scans:
        whose = f" of account {args.account}" if args.account else ""
        print(f"No scans{whose} yet.")
        return EXIT_OK
    length = _short_id_length([s.scan_id for s in scans])
    rows = [_summary_row(s, scopes[s.scan_id], length) for s in scans]
    for line in _table([_HISTORY_HEADER, *rows]):
        print(line)
    return EXIT_OK


def _scope(store: Store, scan: ScanSummary) -> str:
    """What the scan covered: ``standard``, ``standard+ai``, ``3 items``, a re-check.

    Regions chosen for the scan follow: ``standard in cn-hangzhou``.
    """
    if scan.rechecks:
        return f"re-check of {scan.rechecks[:SHORT_ID]}"
    # A history row does not carry its request; the resume plan is where the store
    # hands it out (a few milliseconds per scan).
    request = store.resume_plan(scan.scan_id).request
    if request.check_ids is not None:
        scope = counted(len(request.check_ids), "item")
    else:
        scope = "+".join(p.value for p in Package if p in request.packages)
    regions = request.regions or ()
    if len(regions) == 1:
        return f"{scope} in {regions[0]}"
    if regions:
        return f"{scope} in {counted(len(regions), 'region')}"
    return scope


def _short_id_length(scan_ids: list[str]) -> int:
    """The fewest leading characters, at least ``SHORT_ID``, telling the ids apart."""
    length = SHORT_ID
    longest = max((len(i) for i in scan_ids), default=SHORT_ID)
    while length < longest and len({i[:length] for i in scan_ids}) < len(scan_ids):
        length += 1
    return length


def _summary_row(scan: ScanSummary, scope: str, id_length: int) -> tuple[str, ...]:
    account = scan.account_alias or scan.account_id or "(unknown account)"
    # As in the window: an interrupted scan has no score of its own, a cancelled
    # one's rests on what finished.
    score = f"{scan.score} {scan.tier}" if scan.score is not None else "-"
    if scan.score is not None and scan.status is not ScanStatus.COMPLETE:
        score += " (partial)"
    return (
        _when(scan.started_at),
        scan.scan_id[:id_length],
        account,
        scan.status.value,
        score,
        scope,
        status_tally(scan.counts),
    )


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """The rows as lines, each column as wide as its widest cell but the last."""
    widths = [max(len(cell) for cell in column) for column in zip(*rows, strict=True)]
    widths[-1] = 0
    return [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _summary_document(scan: ScanSummary, scope: str) -> dict:
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
        "scope": scope,
    }


def _history_show(store: Store, args: argparse.Namespace) -> int:
    summary = _find_scan(store, args.scan_id)
    if summary is None:
        return EXIT_USAGE
    scan = store.load_scan(summary.scan_id)
    outputs = {f: getattr(args, f) for f in REPORT_FORMATS if getattr(args, f)}
    if not outputs:
        _print_scan(scan, summary.status, _scope(store, summary))
        return EXIT_OK
    previous = store.previous_scan(scan)
    for fmt, destination in outputs.items():
        problem = None if destination == "-" else reports.unwritable(destination)
        try:
            if problem is None:
                write_report(fmt, scan, destination, previous)
        except OSError as error:
            problem = unwritten(fmt, destination, error)
        if problem:
            _error(problem)
            return EXIT_FAILED
    return EXIT_OK


def _history_remove(store: Store, args: argparse.Namespace) -> int:
    """Delete one scan; a script must say ``--yes``, since nothing can ask it."""
    summary = _find_scan(store, args.scan_id)
    if summary is None:
        return EXIT_USAGE
    if not args.yes:
        _error(
            f"not deleting scan {summary.scan_id[:SHORT_ID]} "
            f"({_described(summary)}): add --yes to delete it"
        )
        return EXIT_USAGE
    try:
        deleted = store.delete_scan(summary.scan_id)
    except ScanRunning:
        _error(f"scan {summary.scan_id[:SHORT_ID]} is still running: stop it first")
        return EXIT_FAILED
    print(f"Deleted {_deleted_words(deleted)} from this computer.")
    return EXIT_OK


def _history_prune(store: Store, args: argparse.Namespace) -> int:
    if args.older_than is not None:
        flag, count, make = "--older-than", args.older_than, RetentionRule.newer_than
    else:
        flag, count, make = "--keep-last", args.keep_last, RetentionRule.last
    if count < 1:
        _error(f"{flag} needs a whole number of 1 or more, not {count}")
        return EXIT_USAGE
    going = store.prune(make(count), dry_run=args.dry_run)
    for summary in going:
        print(f"  {summary.scan_id[:SHORT_ID]}  {_described(summary)}")
    if args.dry_run:
        print(f"{counted(len(going), 'scan')} would be deleted (dry run: none was).")
    else:
        print(f"Deleted {counted(len(going), 'scan')} from this computer.")
    return EXIT_OK


def _described(summary: ScanSummary) -> str:
    """``demo-shop, 2026-12-04 10:00, score 77``: what a deleted scan was."""
    account = summary.account_alias or summary.account_id or "(unknown account)"
    score = f"score {summary.score}" if summary.score is not None else "no score"
    return f"{account}, {_when(summary.started_at)}, {score}"


def _deleted_words(deleted: list[ScanSummary]) -> str:
    scan, *rechecks = deleted
    words = f"scan {scan.scan_id[:SHORT_ID]} ({_described(scan)})"
    if rechecks:
        words += f" and its {counted(len(rechecks), 're-check')}"
    return words


def write_report(
    fmt: str, scan: ScanResult, destination: str, previous: ScanResult | None
) -> None:
    """Write the ``fmt`` report to the file ``destination``; ``-`` is stdout.

    Raises:
        OSError: the file could not be written.
    """
    target = sys.stdout if destination == "-" else Path(destination)
    reports.EXPORTERS[fmt](scan, target, previous=previous)


def unwritten(fmt: str, destination: str, error: OSError) -> str:
    """Why a report could not be written, in words: no errno, no temporary file."""
    return (
        f"could not write the {fmt.upper()} report to {destination} "
        f"({reports.error_words(error)})"
    )


def _find_scan(store: Store, wanted: str) -> ScanSummary | None:
    """The one scan whose id is or starts with ``wanted``; else says why not."""
    if not wanted.strip():
        _error("give a scan id, or its start (see: cloud-checkup history list)")
        return None
    scans = store.scans()
    exact = [s for s in scans if s.scan_id == wanted]
    prefix = wanted.strip().lower()
    matches = exact or [
        s for s in scans if prefix and s.scan_id.lower().startswith(prefix)
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        _error(f"no scan {wanted} in the history (see: cloud-checkup history list)")
        return None
    listed = "\n".join(
        f"  {s.scan_id}  {_when(s.started_at)}  "
        f"{s.account_alias or s.account_id or '(unknown account)'}"
        for s in matches
    )
    _error(
        f"{counted(len(matches), 'scan')} have an id starting with {wanted}; "
        f"give more of the id:\n{listed}"
    )
    return None


def _print_scan(scan: ScanResult, status: ScanStatus, scope: str) -> None:
    account = scan.account.alias or scan.account.id
    if scan.account.alias and scan.account.id:
        account = f"{scan.account.alias} ({scan.account.id})"
    print(f"Scan {scan.scan_id} of account {account}: {scope}")
    print(f"Taken {_when(scan.started_at)} UTC (the account as it was then)")
    if scan.cancelled:
        done = len(scan.results)
        planned = counted(done + len(scan.not_reached), "item")
        print(
            f"{status.value.capitalize()}: {done} of {planned} finished; the other "
            f"{len(scan.not_reached)} were not reached."
        )
    if scan.score:
        partial = (
            f", partial: it rests on the {scan.score.coverage:.0%} of the applicable "
            "items that finished"
            if scan.cancelled
            else ""
        )
        print(f"Health score {scan.score.value} ({scan.score.tier}){partial}")
    items = catalogue()
    for result in sorted(scan.results, key=lambda r: _show_order(r, items)):
        print(_item_line(result, items))
    for check_id in scan.not_reached:
        print(_not_reached_line(check_id, items))


def _show_order(result: ItemResult, items: dict[str, Check]) -> tuple:
    """Failing items first, the most severe first within each status."""
    item = items.get(result.check_id)
    severity = item.severity.rank if item else len(Severity)
    return STATUS_ORDER.get(result.status, len(STATUS_ORDER)), severity, result.check_id


def _item_line(result: ItemResult, items: dict[str, Check]) -> str:
    item = items.get(result.check_id)
    severity = item.severity.value if item else "-"
    # An item a later version dropped is shown by its id alone.
    title = item.title if item else result.check_id
    failed = len(result.failed)
    if failed:
        title += f" ({counted(failed, 'resource')} failing)"
    if item:
        title += f"  [{result.check_id}]"
    return f"  {status_word(result.status):<15}{severity:<8}{title}"


def _not_reached_line(check_id: str, items: dict[str, Check]) -> str:
    item = items.get(check_id)
    severity = item.severity.value if item else "-"
    title = f"{item.title}  [{check_id}]" if item else check_id
    return f"  {'not reached':<15}{severity:<8}{title}"


# -- exceptions --------------------------------------------------------------------


def _exceptions_list(store: Store, args: argparse.Namespace) -> int:
    exceptions = store.exceptions(args.account)
    if not exceptions:
        print("No exceptions recorded.")
        return EXIT_OK
    today = datetime.now(UTC)
    rows = [("ID", "ACCOUNT", "ITEM", "COVERS", "EXPIRY", "RECORDED")]
    for exception in exceptions:
        expiry = "no expiry"
        if exception.expires_on:
            verb = "until" if exception.active(today) else "expired"
            expiry = f"{verb} {exception.expires_on}"
        recorded = f"by {exception.created_by} on {exception.created_at:%Y-%m-%d}"
        rows.append(
            (
                str(exception.id),
                exception.account_id,
                exception.check_id,
                exception.scope,
                expiry,
                recorded,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = zip(row, widths, strict=True)
        print("  ".join(cell.ljust(width) for cell, width in cells).rstrip())
        if index:  # the reason under its exception, every line of it kept
            reason = exceptions[index - 1].reason.splitlines() or [""]
            print(f"{'':{widths[0]}}  reason: {reason[0]}")
            for line in reason[1:]:
                print(f"{'':{widths[0]}}          {line}")
    return EXIT_OK


def _exceptions_add(store: Store, args: argparse.Namespace) -> int:
    if args.check not in catalogue():
        _error(f"no check item {args.check!r} (see: cloud-checkup checks list)")
        return EXIT_USAGE
    account_id = _account_for(store, args.account)
    if account_id is None:
        return EXIT_USAGE
    now = datetime.now(UTC)
    try:
        check_expiry(args.expires, now.date())
        exception = new_exception(
            account_id,
            args.check,
            args.reason,
            now=now,
            resource_id=args.resource,
            tag=parse_tag(args.tag) if args.tag else None,
            expires_on=args.expires,
        )
    except InvalidException as error:
        _error(str(error))
        return EXIT_USAGE
    same = next(
        (
            e
            for e in store.exceptions(account_id)
            if (e.check_id, e.scope) == (exception.check_id, exception.scope)
            and e.active(now)
        ),
        None,
    )
    if same is not None:
        _error(
            f"exception {same.id} already covers {same.check_id}, {same.scope} "
            f"(reason: {same.reason.splitlines()[0] if same.reason else ''}). "
            f"Remove it first (cloud-checkup exceptions remove {same.id}) to record "
            "it again with a new reason or expiry."
        )
        return EXIT_USAGE
    _warn_about_unknowns(store, account_id, args)
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


def _warn_about_unknowns(
    store: Store, account_id: str, args: argparse.Namespace
) -> None:
    """Warn of an account or resource the history has not seen: likely a typo.

    Either may still be right (an account scanned elsewhere, a resource created
    later), so the exception is recorded anyway.
    """
    if account_id not in {a.id for a in store.accounts()}:
        _warning(
            f"account {account_id} has never been scanned on this computer; "
            "recording the exception anyway (check the account id)."
        )
        return
    if args.resource is None and args.tag is None:
        return
    what = f"resource {args.resource}" if args.resource else f"tag {args.tag}"
    latest = _latest_result(store, account_id, args.check)
    if latest is None:
        _warning(
            f"no scan of account {account_id} has checked {args.check} yet, so "
            f"{what} could not be confirmed; recording anyway."
        )
        return
    scan, result = latest
    if args.resource is not None:
        seen = args.resource in {f.resource_id for f in result.findings}
    else:
        seen = any(parse_tag(args.tag) in f.tags for f in result.findings)
    if not seen:
        carried = "among" if args.resource else "carried by any of"
        _warning(
            f"{what} was not {carried} the resources of {args.check} "
            f"in the latest scan ({scan.scan_id[:SHORT_ID]}, "
            f"{_when(scan.started_at)[:10]}); recording anyway: the "
            "exception applies once a scan finds it."
        )


def _latest_result(
    store: Store, account_id: str, check_id: str
) -> tuple[ScanSummary, ItemResult] | None:
    """The account's newest scan that checked the item, and its result there."""
    for summary in store.scans(account_id):
        results = store.load_scan(summary.scan_id).results
        found = next((r for r in results if r.check_id == check_id), None)
        if found is not None:
            return summary, found
    return None


def _exceptions_remove(store: Store, args: argparse.Namespace) -> int:
    if not store.remove_exception(args.exception_id):
        _error(f"no exception {args.exception_id} (see: cloud-checkup exceptions list)")
        return EXIT_USAGE
    print(f"Exception {args.exception_id} removed.")
    return EXIT_OK


def _when(moment: datetime) -> str:
    """A stored time as ``2026-12-04 10:00``, in UTC (naive ones are UTC already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M}"


def _error(message: str) -> None:
    print(f"cloud-checkup: {message}", file=sys.stderr)


def _warning(message: str) -> None:
    print(f"cloud-checkup: warning: {message}", file=sys.stderr)
