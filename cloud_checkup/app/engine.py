"""The scan: plan -> collect once -> evaluate pure checks -> score.

Collections are fetched concurrently, each once however many checks read it; a check
is evaluated as soon as everything it reads has arrived, so progress is live. A
collection that cannot be read makes exactly the checks that need it ``not_checked``,
with the reason; the rest of the scan goes on.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from cloud_checkup import __version__
from cloud_checkup.checks import catalogue as default_catalogue
from cloud_checkup.checks.applicability import not_applicable_reason
from cloud_checkup.checks.base import (
    Category,
    Check,
    DetailError,
    Package,
    Record,
    Severity,
    Status,
)

from .cloud import CloudClient, CloudError
from .cloud.endpoints import ram_action
from .collect import CollectionResult, Collector, as_list, dig
from .collections import DetailCollection, ListCollection, Scope, all_collections
from .connection import credential_message
from .events import (
    Activity,
    CategoryProgress,
    ItemFinished,
    ScanEvent,
    ScanFinished,
    ScanStarted,
)
from .garbage import spaced_collections
from .model import Account, ItemResult, ScanResult
from .score import compute_score

log = logging.getLogger(__name__)


class ScanError(Exception):
    """The scan could not run at all; the message says why in the user's words."""


@dataclass(frozen=True)
class ScanRequest:
    """What to scan: packages, optionally only some items and regions.

    Attributes:
        withheld: selected items not to run, each with why (an AI item the free
            allowance does not cover): they are reported not checked with that
            reason, so that the report still lists every selected item.
    """

    packages: frozenset[Package] = frozenset({Package.STANDARD})
    check_ids: frozenset[str] | None = None
    regions: tuple[str, ...] | None = None
    withheld: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Resume:
    """An interrupted scan to continue: its id, start and the items it finished."""

    scan_id: str
    started_at: datetime
    completed: tuple[ItemResult, ...]


def select_checks(request: ScanRequest, catalogue: Mapping[str, Check]) -> list[Check]:
    if request.check_ids is not None:
        unknown = sorted(request.check_ids - catalogue.keys())
        if unknown:
            raise ScanError(f"Unknown check items: {', '.join(unknown)}")
        return [catalogue[i] for i in catalogue if i in request.check_ids]
    return [c for c in catalogue.values() if c.package in request.packages]


def _refuse_ai_items_outside_the_package(
    checks: Iterable[Check], packages: frozenset[Package]
) -> None:
    """AI items run only with the AI package: its prerequisite, estimate and allowance
    apply to them, and the allowance ledger counts only scans of that package.

    Raises:
        ScanError: an AI item was selected without the AI package.
    """
    if Package.AI in packages:
        return
    ai_items = [item.id for item in checks if item.package is Package.AI]
    if ai_items:
        raise ScanError(f"AI items run only with the AI package: {', '.join(ai_items)}")


def needed_collections(checks: Iterable[Check]) -> list[str]:
    """The collections the checks read, with the parents of per-resource ones."""
    known = all_collections()
    needed: dict[str, None] = {}

    def add(name: str) -> None:
        if name not in known:
            raise ScanError(f"No collection named {name!r} is defined")
        spec = known[name]
        if isinstance(spec, DetailCollection):
            add(spec.parent)
        needed[name] = None

    for item in checks:
        for name in item.needs:
            add(name)
    return list(needed)


def start_order(names: Iterable[str]) -> tuple[list[str], list[str]]:
    """``names`` in two waves, in the order their first calls go out.

    The first wave is the account-wide lists that per-resource reads wait for (OSS
    buckets, RAM users): their chains are the scan's longest, so they go alone, and
    their answers are taken in and their reads sent before every region's lists
    arrive. The second wave, which starts once the first is listed, is the rest: the
    regional lists that reads wait for first, every collection after its parent.
    """
    specs = all_collections()
    names = list(names)
    parents = {
        spec.parent
        for spec in (specs[name] for name in names)
        if isinstance(spec, DetailCollection)
    }

    def leads(name: str) -> bool:
        spec = specs[name]
        return (
            name in parents
            and isinstance(spec, ListCollection)
            and spec.scope is Scope.GLOBAL
        )

    first = [name for name in names if leads(name)]
    rest = [name for name in names if not leads(name)]
    return first, sorted(rest, key=lambda name: name not in parents)


def required_actions(checks: Iterable[Check]) -> list[str]:
    """The RAM actions (``product:Action``) the given checks need, sorted."""
    known = all_collections()
    actions = {"sts:GetCallerIdentity", "ecs:DescribeRegions"}
    for name in needed_collections(checks):
        spec = known[name]
        actions.update(ram_action(spec.product, action) for action in spec.actions)
        actions.update(spec.also_authorized)
    return sorted(actions)


async def list_regions(
    cloud: CloudClient, wanted: tuple[str, ...] | None = None
) -> list[str]:
    """The account's regions from ``DescribeRegions``, optionally only ``wanted``.

    Raises:
        ScanError: the regions cannot be listed, or a wanted one does not exist.
    """
    try:
        body = await cloud.call("ecs", "DescribeRegions")
    except CloudError as error:
        if error.is_permission:
            raise ScanError(
                f"Could not list the account's regions ({error.code}): the identity "
                "needs the ecs:DescribeRegions permission."
            ) from error
        raise ScanError(f"Could not list the account's regions: {error}") from error
    available = [str(r["RegionId"]) for r in as_list(dig(body, "Regions.Region"))]
    if not wanted:
        return available
    unknown = [r for r in wanted if r not in available]
    if unknown:
        raise ScanError(
            f"Unknown region(s): {', '.join(unknown)}. "
            f"Available: {', '.join(available)}"
        )
    return [r for r in available if r in wanted]


class ScanInventory:
    """The collected data one check may read: only the collections it declared."""

    def __init__(
        self,
        collections: Mapping[str, CollectionResult],
        allowed: Iterable[str],
        *,
        now: datetime,
        account_id: str,
        regions: list[str],
    ):
        self._collections = collections
        self._allowed = set(allowed)
        self.now = now
        self.account_id = account_id
        self._regions = regions

    def _get(self, name: str) -> CollectionResult:
        if name not in self._allowed:
            raise KeyError(f"collection {name!r} is not in the check's needs")
        return self._collections[name]

    def records(self, collection: str) -> list[Record]:
        return self._get(collection).records

    def details(self, collection: str) -> Mapping[str, Record]:
        return self._get(collection).details

    def detail_errors(self, collection: str) -> Mapping[str, DetailError]:
        return self._get(collection).detail_errors

    def regions(self) -> list[str]:
        return list(self._regions)


class Scanner:
    """Runs one scan through a ``CloudClient``.

    Args:
        clock: returns the current time; checks see it as ``inventory.now``.
        judge: applied to each item's result, with the scan it belongs to, before it
            is reported (the recorded exceptions turn covered failures into
            ``excepted``).
    """

    def __init__(
        self,
        cloud: CloudClient,
        *,
        catalogue: Mapping[str, Check] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        judge: Callable[[ItemResult, ScanResult], ItemResult] = lambda r, scan: r,
    ):
        self._cloud = cloud
        self._catalogue = catalogue if catalogue is not None else default_catalogue()
        self._clock = clock
        self._judge = judge
        self._work: asyncio.Task | None = None
        self._cancel_requested = False

    def cancel(self) -> None:
        """Stop promptly; ``run`` returns what was finished, marked cancelled."""
        self._cancel_requested = True
        if self._work is not None:
            self._work.cancel()

    async def run(
        self,
        request: ScanRequest,
        on_event: Callable[[ScanEvent], None] = lambda event: None,
        *,
        resume: Resume | None = None,
    ) -> ScanResult:
        """Scan, reporting progress through ``on_event``.

        With ``resume``, the items it completed are kept and only the others run.

        Raises:
            ScanError: the account could not be identified or its regions listed.
        """
        checks = select_checks(request, self._catalogue)
        _refuse_ai_items_outside_the_package(checks, request.packages)
        completed = list(resume.completed) if resume else []
        done_ids = {result.check_id for result in completed}
        remaining = [item for item in checks if item.id not in done_ids]
        withheld = dict(request.withheld)
        collections = needed_collections(i for i in remaining if i.id not in withheld)
        account, regions = await self._account_and_regions(request.regions)

        scan = ScanResult(
            scan_id=resume.scan_id if resume else uuid.uuid4().hex,
            account=account,
            started_at=resume.started_at if resume else self._clock(),
            finished_at=None,
            packages=sorted(p.value for p in request.packages),
            regions=regions,
            results=completed,
            tool_version=__version__,
        )
        totals = {c: sum(1 for i in checks if i.category is c) for c in Category}
        on_event(
            ScanStarted(
                scan.scan_id, totals, tuple(regions), scan.account, scan.started_at
            )
        )

        self._work = asyncio.create_task(
            self._collect_and_evaluate(
                scan, remaining, withheld, collections, totals, on_event
            )
        )
        if self._cancel_requested:
            self._work.cancel()
        try:
            with spaced_collections:
                await self._work
        except asyncio.CancelledError:
            if not self._cancel_requested:
                raise
            scan.cancelled = True
            scan.not_reached = tuple(c.id for c in checks if scan.result(c.id) is None)
            log.info(
                "scan %s cancelled after %d items", scan.scan_id, len(scan.results)
            )

        scan.finished_at = self._clock()
        scan.api_calls = self._cloud.calls
        scan.score = compute_score(scan.results, self._catalogue, planned=len(checks))
        on_event(ScanFinished(scan))
        return scan

    async def _account_and_regions(
        self, wanted_regions: tuple[str, ...] | None
    ) -> tuple[Account, list[str]]:
        """Who the credentials are, the account's alias and its regions, asked at once.

        Credentials that do not work fail all three; the identity's error is the one
        the user sees.
        """
        identity = asyncio.ensure_future(self._cloud.call("sts", "GetCallerIdentity"))
        alias = asyncio.ensure_future(self._alias())
        regions = asyncio.ensure_future(list_regions(self._cloud, wanted_regions))
        asked = (identity, alias, regions)
        try:
            try:
                caller = await identity
            except CloudError as error:
                raise ScanError(
                    credential_message(error, self._cloud.destination)
                ) from error
            account = Account(
                id=str(caller.get("AccountId", "")),
                alias=await alias,
                identity=str(caller.get("Arn", "")),
            )
            return account, await regions
        except BaseException:
            for task in asked:
                task.cancel()
            # Waited for, so that no call of a scan that failed outlives it.
            await asyncio.gather(*asked, return_exceptions=True)
            raise

    async def _alias(self) -> str | None:
        try:
            body = await self._cloud.call("ram", "GetAccountAlias")
        except CloudError as error:
            log.info("account alias not readable: %s", error.code)
            return None
        return body.get("AccountAlias") or None

    async def _collect_and_evaluate(
        self,
        scan: ScanResult,
        checks: list[Check],
        withheld: Mapping[str, str],
        collections: list[str],
        totals: dict[Category, int],
        on_event: Callable[[ScanEvent], None],
    ) -> None:
        collector = Collector(
            self._cloud, scan.regions, lambda message: on_event(Activity(message))
        )
        fetched = self._start_collections(collector, collections)
        done = dict.fromkeys(Category, 0)
        failed: dict[Category, dict[Severity, int]] = {c: {} for c in Category}

        def count(result: ItemResult) -> Category:
            item = self._catalogue[result.check_id]
            done[item.category] += 1
            if result.status is Status.FAIL:
                counts = failed[item.category]
                counts[item.severity] = counts.get(item.severity, 0) + 1
            return item.category

        for result in scan.results:  # items finished before a resume
            count(result)
        for category in Category:
            if done[category]:
                on_event(
                    CategoryProgress(
                        category,
                        done[category],
                        totals[category],
                        dict(failed[category]),
                    )
                )

        async def evaluate(item: Check) -> None:
            if item.id in withheld:
                result = ItemResult(item.id, Status.NOT_CHECKED, withheld[item.id])
            else:
                results = {n: await _outcome(n, fetched[n]) for n in item.needs}
                result = self._judge(self._evaluate(item, results, scan), scan)
            scan.results.append(result)
            count(result)
            on_event(ItemFinished(result))
            on_event(
                CategoryProgress(
                    item.category,
                    done[item.category],
                    totals[item.category],
                    dict(failed[item.category]),
                )
            )

        tasks = [asyncio.ensure_future(evaluate(item)) for item in checks]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in [*tasks, *fetched.values()]:
                task.cancel()

    def _start_collections(
        self, collector: Collector, names: list[str]
    ) -> dict[str, asyncio.Task]:
        specs = all_collections()
        first, rest = start_order(names)
        tasks: dict[str, asyncio.Task] = {
            name: asyncio.ensure_future(collector.fetch_list(specs[name]))
            for name in first
        }
        leads = list(tasks.values())
        for name in rest:  # parents come before their details
            spec = specs[name]
            if isinstance(spec, DetailCollection):
                tasks[name] = asyncio.ensure_future(
                    self._details_after_parent(collector, spec, tasks[spec.parent])
                )
            else:
                tasks[name] = asyncio.ensure_future(
                    self._list_after(collector, spec, leads)
                )
        return tasks

    @staticmethod
    async def _list_after(
        collector: Collector, spec: ListCollection, leads: list[asyncio.Task]
    ) -> CollectionResult:
        if leads:
            await asyncio.wait(leads)
        return await collector.fetch_list(spec)

    @staticmethod
    async def _details_after_parent(
        collector: Collector, spec: DetailCollection, parent: asyncio.Task
    ) -> CollectionResult:
        return await collector.fetch_details(spec, await asyncio.shield(parent))

    def _evaluate(
        self, item: Check, results: dict[str, CollectionResult], scan: ScanResult
    ) -> ItemResult:
        unreadable = [r for r in results.values() if not r.ok]
        if unreadable:
            missing = tuple(sorted({a for r in unreadable for a in r.missing_actions}))
            reason = "; ".join(dict.fromkeys(r.error or "" for r in unreadable))
            return ItemResult(item.id, Status.NOT_CHECKED, reason, [], missing)

        inventory = ScanInventory(
            results,
            item.needs,
            now=scan.started_at,
            account_id=scan.account.id,
            regions=scan.regions,
        )
        try:
            findings = list(item.evaluate(inventory))
        except Exception as error:  # a bug in one check must not stop the scan
            log.exception("check %s failed to evaluate", item.id)
            return ItemResult(
                item.id, Status.NOT_CHECKED, f"internal error in this check: {error!r}"
            )
        status = _item_status(findings)
        reason = _reason(findings)
        if status is Status.NOT_APPLICABLE:
            reason = not_applicable_reason(item, findings)
        return ItemResult(item.id, status, reason, findings)


async def _outcome(name: str, task: asyncio.Task) -> CollectionResult:
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        raise
    except Exception as error:  # a bug while collecting must not stop the scan
        log.exception("collecting %s failed", name)
        return CollectionResult(name, error=f"internal error while reading: {error!r}")


def _item_status(findings: list) -> Status:
    statuses = {f.status for f in findings}
    if not findings:
        return Status.NOT_APPLICABLE
    if Status.FAIL in statuses:
        return Status.FAIL
    if Status.NOT_CHECKED in statuses:
        return Status.NOT_CHECKED
    if statuses <= {Status.NOT_APPLICABLE}:
        return Status.NOT_APPLICABLE
    return Status.PASS


def _reason(findings: list) -> str | None:
    unknown = [f for f in findings if f.status is Status.NOT_CHECKED]
    if not unknown or any(f.status is Status.FAIL for f in findings):
        return None
    return f"{len(unknown)} resource(s) could not be read: {unknown[0].detail}"
