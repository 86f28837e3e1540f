"""The ``cloud-checkup`` command: the window, headless scans, catalogue, sandbox."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from cloud_checkup import __version__, cli_profiles, cli_store, cli_words
from cloud_checkup.checks import Category, Package, catalogue
from cloud_checkup.checks.base import CATEGORY_NAMES
from cloud_checkup.sandbox import cli as sandbox_cli

EXIT_OK = 0
EXIT_SCAN_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl+C


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cloud-checkup",
        description="A read-only health checkup of an Alibaba Cloud account. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log more (-vv: debug)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation (Qt, keyring, a demo scan) and exit",
    )
    # Opens the window, runs the demo checkup in it and closes: for packaging tests.
    parser.add_argument(
        "--self-test-window", action="store_true", help=argparse.SUPPRESS
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = commands.add_parser("scan", help="run a checkup without a window")
    target = scan.add_mutually_exclusive_group(required=True)
    target.add_argument("--profile", metavar="NAME", help="scan an account profile")
    target.add_argument(
        "--demo", action="store_true", help="scan the bundled demo account"
    )
    target.add_argument(
        "--sandbox", metavar="DATASET", type=Path, help="scan a sandbox dataset file"
    )
    target.add_argument(
        "--resume",
        metavar="SCAN_ID",
        help="finish an interrupted scan (of the demo or a profile): its account, "
        "items and regions are the ones it started with",
    )
    scan.add_argument("--ai", action="store_true", help="add the AI security package")
    scan.add_argument(
        "--accept-ai-charges",
        action="store_true",
        help="with --ai: scan every AI item even past the free allowance "
        "(Security Center may bill the AI scans past it)",
    )
    scan.add_argument("--checks", metavar="ID,...", type=_csv, help="only these items")
    scan.add_argument(
        "--regions", metavar="R,...", type=_csv, help="only these regions"
    )
    for fmt in ("json", "html", "csv"):
        scan.add_argument(
            f"--{fmt}",
            metavar="FILE",
            help=f"write the {fmt.upper()} report ('-': stdout)",
        )
    scan.add_argument(
        "--no-history",
        action="store_true",
        help="do not keep this scan in the local history (exceptions still apply)",
    )

    checks = commands.add_parser("checks", help="the check catalogue")
    checks_commands = checks.add_subparsers(dest="checks_command", metavar="COMMAND")
    listing = checks_commands.add_parser("list", help="list every check item")
    listing.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text for reading (default), json for tools, markdown for docs",
    )

    sandbox = commands.add_parser(
        "sandbox", help="serve the local Alibaba Cloud API sandbox until stopped"
    )
    sandbox.add_argument(
        "--dataset",
        type=Path,
        help="dataset file or folder (default: the demo account)",
    )
    sandbox.add_argument(
        "--port", type=_port, default=8080, help="port on 127.0.0.1 (0: any free one)"
    )
    sandbox_cli.add_faults_argument(sandbox)
    sandbox_commands = sandbox.add_subparsers(dest="sandbox_command", metavar="COMMAND")
    sandbox_cli.add_generate_parser(sandbox_commands)

    cli_profiles.add_parser(commands)
    cli_store.add_parsers(commands)

    allowance = commands.add_parser(
        "ai-allowance", help="the free allowance of 1,000 AI scans of an account"
    )
    allowance.add_argument(
        "action",
        choices=("show", "claim"),
        help="show: what is left and until when; claim: start the 3-month allowance",
    )
    allowance_target = allowance.add_mutually_exclusive_group(required=True)
    allowance_target.add_argument(
        "--profile", metavar="NAME", help="the account of this saved profile"
    )
    allowance_target.add_argument(
        "--demo", action="store_true", help="the built-in demo account"
    )
    allowance_target.add_argument(
        "--sandbox",
        metavar="DATASET",
        type=Path,
        help="the account of this sandbox dataset",
    )

    policy = commands.add_parser(
        "policy", help="print the least-privilege RAM policy the checks need"
    )
    policy.add_argument("--ai", action="store_true", help="include the AI package")
    policy.add_argument(
        "--checks", metavar="ID,...", type=_csv, help="only these items"
    )
    return parser


def _csv(value: str) -> tuple[str, ...]:
    items = tuple(part.strip() for part in value.split(",") if part.strip())
    if not items:
        raise argparse.ArgumentTypeError("expected a comma-separated list")
    return items


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`cloud-checkup history list | head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    if args.self_test or args.self_test_window:
        from cloud_checkup import selftest

        if args.self_test_window:
            return selftest.run_window_self_test()
        return selftest.run_self_test()
    if args.command is None:
        return _open_window()
    handlers = {
        **cli_store.HANDLERS,
        "profiles": cli_profiles.run,
        "scan": _scan,
        "checks": _checks,
        "sandbox": _sandbox,
        "policy": _policy,
        "ai-allowance": _ai_allowance,
    }
    return handlers[args.command](args)


def _open_window() -> int:
    if not _has_display():
        print(
            "cloud-checkup: no display to open the window on. Run a checkup without a "
            "window instead, for example:\n"
            "  cloud-checkup scan --demo --html report.html --json report.json",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from cloud_checkup.ui.main import main as open_window

    return open_window()


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def _configure_logging(verbosity: int) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _scan(args: argparse.Namespace) -> int:
    from cloud_checkup.app.runner import ScanError, ScanJob, ScanRequest

    problem = (
        _check_outputs(args) or _ai_items_without_ai(args) or _resume_conflicts(args)
    )
    if problem:
        print(f"cloud-checkup: {problem}", file=sys.stderr)
        return EXIT_USAGE
    packages = {Package.STANDARD} | ({Package.AI} if args.ai else set())
    progress = _Progress(sys.stderr)
    # The job, once made: an interrupt or a failed report says what it kept.
    jobs: list[ScanJob] = []

    async def scan(store):
        resume = None
        if args.resume is not None:
            target, request, resume = await _resumed(store, args.resume)
        else:
            target, default_regions = await _target(args)
            request = ScanRequest(
                packages=frozenset(packages),
                check_ids=frozenset(args.checks) if args.checks else None,
                regions=args.regions or default_regions,
            )
            if args.ai:
                request = await _fit_ai_package(target, request, store, args)
        job = ScanJob(
            target,
            request,
            on_event=progress,
            store=store,
            record=not args.no_history,
            resume=resume,
        )
        jobs.append(job)
        result = await job.run()
        previous = store.previous_scan(result) if store else None
        return result, previous, request.check_ids is not None

    try:
        with _history(args) as store:
            try:
                result, previous, some_items = asyncio.run(scan(store))
            except KeyboardInterrupt:
                print(_interrupted(store, _kept_as(jobs), args), file=sys.stderr)
                return EXIT_INTERRUPTED
            if store is not None and _kept_as(jobs) is not None:
                _apply_retention(store)
    except ScanError as error:
        print(f"cloud-checkup: the scan could not run: {error}", file=sys.stderr)
        return EXIT_SCAN_FAILED
    # A scan of some items (--checks, or resuming such a scan) has a score of those
    # items only: no change to speak of.
    progress.summary(result, None if some_items else previous)
    return _write_reports(result, args, previous, kept=_kept_as(jobs) is not None)


def _resume_conflicts(args: argparse.Namespace) -> str | None:
    """Options a resumed scan cannot take: it keeps the ones it started with."""
    if args.resume is None:
        return None
    given = [
        option
        for option, value in (
            ("--ai", args.ai),
            ("--accept-ai-charges", args.accept_ai_charges),
            ("--checks", args.checks),
            ("--regions", args.regions),
            ("--no-history", args.no_history),
        )
        if value
    ]
    if not given:
        return None
    return (
        f"--resume keeps the items and regions the scan started with; leave out "
        f"{', '.join(given)}"
    )


async def _resumed(store, wanted: str):
    """The target, request and resume state that finish interrupted scan ``wanted``
    (its id or the start of it), as the window's "Resume" does.

    Raises:
        ScanError: no such interrupted scan, or its account cannot be reached again.
    """
    from cloud_checkup.app.credential_sources import profile_target
    from cloud_checkup.app.profiles import ProfileError, ProfileStore
    from cloud_checkup.app.runner import (
        DEMO_NAME,
        ScanError,
        demo_target,
        resume_from_store,
    )
    from cloud_checkup.app.secrets import KeyringUnavailable

    if store is None:
        raise ScanError("the history could not be opened, so no scan can be resumed")
    prefix = wanted.strip().lower()
    matches = [
        s.scan_id
        for s in store.interrupted_scans()
        if prefix and s.scan_id.lower().startswith(prefix)
    ]
    if len(matches) != 1:
        which = "no interrupted scan" if not matches else "several interrupted scans"
        raise ScanError(
            f"{which} with an id starting {wanted} (see: cloud-checkup history list)"
        )
    request, resume, name = resume_from_store(store, matches[0])
    if name == DEMO_NAME:
        return demo_target(), request, resume
    profiles = ProfileStore()
    try:
        profile = await profiles.get(name or "")
        return await profile_target(profile, profiles), request, resume
    except (ProfileError, KeyringUnavailable) as error:
        raise ScanError(
            f"scan {matches[0][: cli_store.SHORT_ID]} scanned {name!r}, which is "
            f"neither the demo nor a saved profile now ({error})"
        ) from error


def _apply_retention(store) -> None:
    """Delete what the retention rule of the app's Settings lets go, as the window
    does after each scan it records."""
    from cloud_checkup.app.preferences import PreferencesFile

    rule = PreferencesFile().load().retention
    gone = store.prune(rule)
    if gone:
        removed = cli_words.counted(len(gone), "older scan")
        print(
            f"Removed {removed} from the history, as the retention rule in Settings "
            "asks.",
            file=sys.stderr,
        )


def _kept_as(jobs: list) -> str | None:
    """The id the history keeps the scan under; None when it keeps none."""
    recorder = jobs[0].recorder if jobs else None
    if recorder is None or recorder.error is not None:
        return None
    return recorder.scan_id


def _interrupted(store, scan_id: str | None, args: argparse.Namespace) -> str:
    """What an interrupted scan left behind, and how to finish it."""
    if scan_id is None:
        why = "--no-history" if args.no_history else "no history to keep it in"
        return f"cloud-checkup: interrupted; nothing of the scan was kept ({why})."
    plan = store.resume_plan(scan_id)
    done = len(plan.completed)
    planned = done + len(plan.remaining)
    short = scan_id[: cli_store.SHORT_ID]
    if args.sandbox:
        finish = "A scan of a dataset file cannot be resumed: run it again."
    else:
        finish = (
            f"To finish it: cloud-checkup scan --resume {short} (or open the "
            "desktop app, which offers to resume it)."
        )
    return (
        f"cloud-checkup: interrupted after {done} of "
        f"{cli_words.counted(planned, 'item')}. The {done} finished are kept in the "
        f"history as scan {short}, marked interrupted (see: cloud-checkup history "
        f"show {short}).\n{finish}"
    )


async def _fit_ai_package(target, request, store, args):
    """The request, withholding the AI items the allowance does not cover, unless
    charges are accepted; withheld items are reported not checked, with why.

    Raises:
        ScanError: the AI package cannot run for this account (CSPM is off).
    """
    from cloud_checkup.app.allowance import (
        AllowanceLedger,
        left_out_reason,
        plan_ai_scans,
    )
    from cloud_checkup.app.runner import ScanError, ai_preflight

    preflight = await ai_preflight(target, request)
    status = preflight.status
    if not status.available:
        raise ScanError(
            f"the AI package cannot run for this account: {status.reason} "
            f"{status.how_to_enable} See {status.help_url} (or scan without --ai)."
        )
    estimate = preflight.estimate
    if args.demo:
        # The demo account is served by the sandbox: nothing there is ever billed.
        print(
            f"AI package: {_ai_scans_words(estimate)}; the demo account is a sandbox, "
            "so they are never billed and no allowance is needed.",
            file=sys.stderr,
        )
        return request
    allowance = (
        AllowanceLedger(store).allowance(preflight.account_id) if store else None
    )
    now = datetime.now(UTC)
    remaining = allowance.remaining(now) if allowance else 0
    costs = estimate.scans_by_item
    plan = plan_ai_scans(costs, costs, remaining, args.accept_ai_charges)
    print(
        f"AI package: {_ai_scans_words(estimate)}; {remaining} left in the free "
        "allowance.",
        file=sys.stderr,
    )
    if plan.beyond_allowance:
        print(
            f"  {plan.beyond_allowance} AI scans go past the allowance and may be "
            "billed by Security Center (--accept-ai-charges).",
            file=sys.stderr,
        )
    if not plan.left_out:
        return request
    steps = _next_steps(args)
    left_out = sum(costs[item] for item in plan.left_out)
    print(
        f"  Left out ({cli_words.counted(len(plan.left_out), 'AI item')}, reported "
        "as not checked): "
        f"{', '.join(plan.left_out)}.\n  "
        + left_out_reason(allowance, now, left_out, steps, what="them"),
        file=sys.stderr,
    )
    withheld = tuple(
        (item, left_out_reason(allowance, now, costs[item], steps))
        for item in plan.left_out
    )
    return dataclasses.replace(request, withheld=withheld)


def _account_flag(args: argparse.Namespace) -> str:
    """The option naming the account of ``args``, to repeat in a suggested command."""
    if args.profile:
        return f"--profile {args.profile}"
    return f"--sandbox {args.sandbox}" if args.sandbox else "--demo"


def _ai_scans_words(estimate) -> str:
    """The AI scans a run makes, and what they are: the same count the ledger keeps."""
    scans = cli_words.counted(estimate.scans, "AI scan")
    items = cli_words.counted(estimate.items, "AI item")
    assets = cli_words.counted(estimate.assets, "AI asset")
    return f"{scans} ({items}, each on the AI assets of its kind; {assets} in all)"


def _next_steps(args: argparse.Namespace):
    """How to claim the allowance or accept charges, for the account just scanned."""
    from cloud_checkup.app.allowance import NextSteps

    return NextSteps(
        claim=f"claim it with 'cloud-checkup ai-allowance claim {_account_flag(args)}'",
        consent="scan again with --accept-ai-charges (Security Center may bill the "
        "AI scans past the allowance)",
    )


def _ai_allowance(args: argparse.Namespace) -> int:
    from cloud_checkup.app.allowance import AllowanceError, AllowanceLedger
    from cloud_checkup.app.runner import ScanError, identify_account
    from cloud_checkup.app.store import Store, StoreError

    async def account_id() -> str:
        args.no_history = True
        target, _ = await _target(args)
        async with target.session() as cloud:
            return await identify_account(cloud)

    try:
        account = asyncio.run(account_id())
        with Store() as store:
            ledger = AllowanceLedger(store)
            if args.action == "claim":
                ledger.claim(account)
            allowance = ledger.allowance(account)
    except (ScanError, StoreError, AllowanceError) as error:
        print(f"cloud-checkup: {error}", file=sys.stderr)
        return EXIT_SCAN_FAILED
    if allowance is None:
        print(
            f"Account {account} has not claimed its free allowance of AI scans. "
            f"Claim it with: cloud-checkup ai-allowance claim {_account_flag(args)}"
        )
        return EXIT_OK
    now = datetime.now(UTC)
    print(
        f"Account {account}: {allowance.remaining(now)} of {allowance.granted} free AI "
        f"scans left ({allowance.used} used), valid until "
        f"{allowance.expires_at:%Y-%m-%d}."
    )
    return EXIT_OK


@contextlib.contextmanager
def _history(args: argparse.Namespace):
    """The local history store: exceptions, the AI ledger and the scan's record.

    A history that cannot be opened does not stop the scan: it runs without one, and
    the user is told what is missing.
    """
    from cloud_checkup.app.store import Store, StoreError

    try:
        store = Store()
    except StoreError as error:
        print(
            f"cloud-checkup: {error}\nScanning without the history: this scan will "
            "not be kept, and recorded exceptions are not applied.",
            file=sys.stderr,
        )
        yield None
        return
    with store:
        yield store


async def _target(args: argparse.Namespace):
    """The scan target the arguments name, and the regions it scans by default."""
    from cloud_checkup.app.credential_sources import profile_target
    from cloud_checkup.app.profiles import ProfileError, ProfileStore
    from cloud_checkup.app.runner import SandboxTarget, ScanError, demo_target
    from cloud_checkup.app.secrets import KeyringUnavailable

    if args.demo:
        return demo_target(), None
    if args.sandbox:
        if not args.sandbox.exists():
            raise ScanError(f"{args.sandbox}: no such dataset file or folder")
        return SandboxTarget(args.sandbox), None
    store = ProfileStore()
    try:
        profile = await store.get(args.profile)
        return await profile_target(profile, store), tuple(profile.regions) or None
    except (ProfileError, KeyringUnavailable) as error:
        raise ScanError(str(error)) from error


def _write_reports(scan, args: argparse.Namespace, previous=None, *, kept) -> int:
    for fmt in ("json", "csv", "html"):
        destination = getattr(args, fmt)
        if destination is None:
            continue
        try:
            cli_store.write_report(fmt, scan, destination, previous)
        except OSError as error:
            again = (
                "The scan is kept in the history; write the report again with: "
                f"cloud-checkup history show {scan.scan_id[: cli_store.SHORT_ID]} "
                f"--{fmt} FILE"
                if kept
                else "The scan was not kept in the history: run it again."
            )
            print(
                f"cloud-checkup: {cli_store.unwritten(fmt, destination, error)}. "
                f"{again}",
                file=sys.stderr,
            )
            return EXIT_SCAN_FAILED
    return EXIT_OK


class _Progress:
    """Scan events as short lines on stderr: one per category as it completes.

    After the scan, ``summary`` adds the health score; nothing else is printed.
    """

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._completed: set[Category] = set()

    def __call__(self, event) -> None:
        from cloud_checkup.app.events import CategoryProgress, ScanStarted
        from cloud_checkup.cli_words import counted

        if isinstance(event, ScanStarted):
            items = counted(sum(event.totals.values()), "item")
            regions = counted(len(event.regions), "region")
            self._print(f"Scanning {items} in {regions} ...")
        elif isinstance(event, CategoryProgress) and self._newly_complete(event):
            self._print(self._category_line(event))

    def _newly_complete(self, event) -> bool:
        # Once per category, so that no event repeated late adds to the end.
        if event.done < event.total or event.category in self._completed:
            return False
        self._completed.add(event.category)
        return True

    @staticmethod
    def _category_line(event) -> str:
        from cloud_checkup.cli_words import counted

        failed = ", ".join(
            f"{n} {severity.value}"
            for severity, n in sorted(event.failed.items(), key=lambda f: f[0].rank)
            if n
        )
        return (
            f"  {CATEGORY_NAMES[event.category]}: {event.done}/"
            f"{counted(event.total, 'item')}"
            + (f", failed: {failed}" if failed else "")
        )

    def summary(self, scan, previous=None) -> None:
        from cloud_checkup.app.connection import root_account_warning
        from cloud_checkup.cli_words import counted, status_tally

        if scan.account.identity.endswith(":root"):
            self._print(f"Warning: {root_account_warning('Account')}")
        if scan.cancelled:
            self._print("The scan was cancelled; the report holds what it finished.")
        counts: dict[str, int] = {}
        for result in scan.results:
            counts[result.status.value] = counts.get(result.status.value, 0) + 1
        score = scan.score
        change = ""
        if previous is not None and previous.score is not None:
            delta = score.value - previous.score.value
            when = previous.started_at.astimezone(UTC)
            change = f", {delta:+d} since {when:%Y-%m-%d %H:%M} UTC"
        self._print(
            f"Health score {score.value} ({score.tier}{change}) for account "
            f"{scan.account.id}: {status_tally(counts)}; "
            f"{counted(scan.api_calls, 'API call')}."
        )
        if score.coverage < 1:
            missing = any(r.missing_actions for r in scan.results)
            why = (
                "and the permissions they need"
                if missing
                else "and why each could not be read"
            )
            self._print(
                f"The score rests on {score.coverage:.0%} of the applicable items; "
                f"the report lists the items not checked {why}."
            )

    def _print(self, line: str) -> None:
        print(line, file=self._stream, flush=True)


def _checks(args: argparse.Namespace) -> int:
    if args.checks_command is None:
        return cli_words.missing_command("checks", ["list"])
    items = catalogue()
    if args.format == "json":
        from cloud_checkup.app.catalogue import catalogue_document

        json.dump(catalogue_document(items), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    if args.format == "markdown":
        from cloud_checkup.app.catalogue import catalogue_markdown

        print(catalogue_markdown(items))
        return EXIT_OK
    for category in Category:
        members = [c for c in items.values() if c.category is category]
        print(f"{CATEGORY_NAMES[category]} ({len(members)})")
        for item in members:
            print(f"  {item.id:<48} {item.severity.value:<7} {item.title}")
    return EXIT_OK


def _policy(args: argparse.Namespace) -> int:
    from cloud_checkup.app.engine import ScanError, ScanRequest, select_checks
    from cloud_checkup.app.policy import ram_policy

    packages = {Package.STANDARD} | ({Package.AI} if args.ai else set())
    request = ScanRequest(
        packages=frozenset(packages),
        check_ids=frozenset(args.checks) if args.checks else None,
    )
    try:
        checks = select_checks(request, catalogue())
    except ScanError as error:
        print(f"cloud-checkup: {error}", file=sys.stderr)
        return EXIT_USAGE
    json.dump(ram_policy(checks), sys.stdout, indent=2)
    print()
    return EXIT_OK


def _sandbox(args: argparse.Namespace) -> int:
    if getattr(args, "sandbox_command", None) == "generate":
        return args.handler(args)
    from cloud_checkup.app.runner import demo_dataset_path
    from cloud_checkup.sandbox import DatasetError, Sandbox, load_dataset

    path = args.dataset or demo_dataset_path()
    try:
        dataset = load_dataset(path)
    except DatasetError as error:
        print(f"cloud-checkup: {error}", file=sys.stderr)
        return EXIT_USAGE

    async def serve() -> None:
        sandbox = Sandbox(dataset, "127.0.0.1", args.port, faults=args.faults)
        await sandbox.start()
        print(f"Serving {path} on {sandbox.url} (Ctrl+C to stop)", file=sys.stderr)
        keys = ", ".join(dataset.identities)
        print(
            f"It accepts the AccessKey ID(s) {keys}; each secret is in the dataset's "
            "identities.",
            file=sys.stderr,
        )
        try:
            await asyncio.Event().wait()
        finally:
            await sandbox.stop()

    try:
        asyncio.run(serve())
    except OSError as error:
        why = os.strerror(error.errno) if error.errno else str(error)
        print(
            f"cloud-checkup: cannot listen on 127.0.0.1:{args.port}: {why}. "
            "Choose another port with --port (0 picks a free one).",
            file=sys.stderr,
        )
        return EXIT_SCAN_FAILED
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535")
    return port


def _ai_items_without_ai(args: argparse.Namespace) -> str | None:
    """AI items only run through the AI package's gate: estimate, allowance, consent."""
    if args.ai or not args.checks:
        return None
    items = catalogue()
    ai_items = [i for i in args.checks if i in items and items[i].package is Package.AI]
    if not ai_items:
        return None
    return (
        f"{', '.join(ai_items)}: AI items run only with --ai, which counts their AI "
        "scans against the free allowance first; add --ai."
    )


def _check_outputs(args: argparse.Namespace) -> str | None:
    """Why the report destinations cannot work, found before a long scan starts."""
    from cloud_checkup import reports

    chosen = {fmt: getattr(args, fmt) for fmt in ("json", "html", "csv")}
    chosen = {fmt: dest for fmt, dest in chosen.items() if dest is not None}
    if sum(1 for dest in chosen.values() if dest == "-") > 1:
        return "only one report can go to standard output ('-')"
    files = [Path(dest).resolve() for dest in chosen.values() if dest != "-"]
    if len(files) != len(set(files)):
        return "each report needs its own file"
    for path in files:
        problem = reports.unwritable(path)
        if problem:
            return problem
    return None


if __name__ == "__main__":
    sys.exit(main())
