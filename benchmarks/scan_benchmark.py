"""Scan a generated account through the sandbox, with latency and Alibaba's rate limits.

Prints the wall time, the API calls made, the fewest calls the checks need, the lower
bound on time that the rate limits and latency imply, and the app's peak memory. The
sandbox runs in a child process so that the memory figure is the app's alone.

    python benchmarks/scan_benchmark.py --regions 20 --resources 10000 --latency 0.05

The minimum calls: every list at Alibaba's largest page size (one call when it does not
page) in each region that offers the product, one call per resource for each
per-resource read (a resource that several regional endpoints answer with, once), and
the scan's own three (GetCallerIdentity, GetAccountAlias, DescribeRegions).

The lower bound on time is the least any client could take that never exceeds a quota,
however many calls it keeps in flight: the slowest chain of one list's pages followed
by its per-resource reads, a regional list starting after DescribeRegions and a global
one at once. Every call takes the latency. Pages by page number take two round trips
(the first tells the count, the others go together), pages by token or marker one
each. Each (product, region, action) is allowed ``calls`` per ``window`` in fixed
windows whose start the client cannot see, and the gateway counts a call at a moment
between its sending and its answer that the client cannot see either; so a call may
go on a place of the quota only a whole window after the answer to the place's last
call, or two could share a window: n calls take (ceil(n / calls) - 1) windows and
round trips, and one round trip more. A client that knew where the gateway's windows
start, or when it counted each call, could save time by luck of timing; none can know.

The clock starts when the scan does, as in the app, whose check catalogue is loaded
when it starts: importing the 177 check items is not part of a scan.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import multiprocessing
import resource
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

from cloud_checkup.app.cloud import CloudClient, endpoints
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.app.collect import as_list, dig
from cloud_checkup.app.collections import (
    DetailCollection,
    ListCollection,
    Scope,
    all_collections,
)
from cloud_checkup.app.engine import (
    Scanner,
    ScanRequest,
    needed_collections,
    select_checks,
)
from cloud_checkup.checks import Package, catalogue
from cloud_checkup.sandbox import Sandbox, load_dataset
from cloud_checkup.sandbox.actions import KIND_FILTERS, find_entry
from cloud_checkup.sandbox.dataset import GLOBAL, Dataset
from cloud_checkup.sandbox.faults import FaultRule, Faults
from cloud_checkup.sandbox.generate import ACCESS_KEY_ID, ACCESS_KEY_SECRET, generate
from cloud_checkup.sandbox.limits import limit_for
from cloud_checkup.sandbox.paging import PAGE_NUMBER, PAGING
from cloud_checkup.sandbox.server import settle_for_serving

PACKAGES = frozenset({Package.STANDARD, Package.AI})
ENGINE_CALLS = 3


@dataclass(frozen=True)
class Plan:
    """What the checks need from one account: calls, and the time they must take."""

    minimum_calls: int
    lower_bound: float


def _records(dataset: Dataset, spec: ListCollection, region: str) -> list:
    entry = find_entry(dataset, spec.product, region, spec.action)
    if not isinstance(entry, dict) or "$error" in entry or "responses" in entry:
        return []
    rule = PAGING.get((spec.product, spec.action))
    path = ".".join(rule.items) if rule else spec.items
    return as_list(dig(entry, path)) if path else [entry]


def _regions(dataset: Dataset, spec: ListCollection) -> list[str]:
    """Where the scan must read ``spec``: as the collector, only where it is offered."""
    if spec.scope is not Scope.REGIONAL:
        return [GLOBAL]
    if spec.product == "oss":
        return list(dataset.regions)
    offered = endpoints.product(spec.product).offered_in
    return [region for region in dataset.regions if offered(region)]


def _rate_time(product: str, action: str, calls: int, latency: float) -> float:
    """The least time ``calls`` calls of one action in one region can take: every
    window's worth after the first goes a window after the answers to the one before."""
    if calls == 0:
        return 0.0
    limit = limit_for(product, action)
    if limit is None:
        return latency
    waits = math.ceil(calls / limit.calls) - 1
    return waits * (limit.window + latency) + latency


def _list_time(spec: ListCollection, pages: int, latency: float) -> float:
    """The least time one list's pages take: by page number, every page after the
    first can be asked at once; a token or marker is known only from the page before."""
    rule = PAGING.get((spec.product, spec.action))
    by_number = rule is not None and rule.style == PAGE_NUMBER
    in_sequence = min(pages, 2) if by_number else pages
    return max(
        in_sequence * latency, _rate_time(spec.product, spec.action, pages, latency)
    )


def plan(dataset: Dataset, latency: float) -> Plan:
    """The fewest calls the checks need and the least time they can take."""
    checks = select_checks(ScanRequest(packages=PACKAGES), catalogue())
    specs = all_collections()
    names = needed_collections(checks)
    calls = ENGINE_CALLS
    parents: dict[tuple[str, str], list] = {}
    chains: dict[tuple[str, str], float] = {}
    for spec in (specs[n] for n in names):
        if not isinstance(spec, ListCollection):
            continue
        seen: set = set()
        for region in _regions(dataset, spec):
            records = _records(dataset, spec, region)
            listed: list = []
            took = 0.0
            # Each kind an action lists only when asked is a list of its own, read
            # after the one before.
            for variant in spec.variants:
                of_kind = _of_kind(spec, records, variant)
                pages = _page_count(spec, len(of_kind))
                calls += pages
                took += _list_time(spec, pages, latency)
                listed += of_kind
            # The same resource answered by several regional endpoints is read once.
            parents[(spec.name, region)] = _unseen(listed, spec.id_field, seen)
            chains[(spec.name, region)] = took
    details = _detail_calls(dataset, specs, names, parents)
    calls += sum(count for _, _, count in details)
    per_action: dict[tuple[str, str, str], int] = defaultdict(int)
    for spec, region, count in details:
        per_action[(spec.product, region, spec.action)] += count
    for spec, region, _ in details:
        count = per_action[(spec.product, region, spec.action)]
        took = _rate_time(spec.product, spec.action, count, latency)
        chains[(spec.name, region)] = chains[(spec.parent, region)] + took
    # Every regional list waits for DescribeRegions; a global one needs nothing first.
    slowest = max(
        (took + (latency if region != GLOBAL else 0.0))
        for (_, region), took in chains.items()
    )
    return Plan(calls, max(latency, slowest))


def _unseen(records: list, id_field: str | None, seen: set) -> list:
    if id_field is None:
        return records
    fresh = [r for r in records if r.get(id_field) is None or r[id_field] not in seen]
    seen.update(r[id_field] for r in fresh if r.get(id_field) is not None)
    return fresh


def _of_kind(spec: ListCollection, records: list, variant: dict) -> list:
    """The records one variant of a list is answered with (MongoDB lists replica
    sets unless asked for sharded clusters)."""
    rule = KIND_FILTERS.get((spec.product, spec.action))
    if rule is None:
        return records
    param, field, default = rule
    wanted = str(variant.get(param) or default).lower()
    return [r for r in records if str(r.get(field) or default).lower() == wanted]


def _page_count(spec, items: int) -> int:
    rule = PAGING.get((spec.product, spec.action))
    return max(1, math.ceil(items / rule.maximum)) if rule else 1


def _detail_calls(
    dataset: Dataset,
    specs: dict,
    names: list[str],
    parents: dict[tuple[str, str], list],
) -> list[tuple[DetailCollection, str, int]]:
    """(collection, region, calls) of every per-resource collection the checks need.

    A list per resource (each Log Service project's logstores) takes its pages per
    resource, and its items become the resources later reads (each logstore's
    settings) are made for.
    """
    found = []
    for spec in (specs[n] for n in names):
        if not isinstance(spec, DetailCollection):
            continue
        for (parent, region), records in list(parents.items()):
            if parent != spec.parent:
                continue
            keyed = [
                r
                for r in records
                if r.get(spec.parent_field) not in (None, "") and spec.reads(r)
            ]
            if spec.is_batched:
                found.append((spec, region, _batch_calls(dataset, spec, region, keyed)))
                continue
            if not spec.is_list:
                found.append((spec, region, len(keyed)))
                continue
            children = [
                item | {spec.param: r[spec.parent_field]}
                for r in keyed
                for item in _items_of(dataset, spec, region, r[spec.parent_field])
            ]
            pages = sum(
                _page_count(spec, len(_items_of(dataset, spec, region, key)))
                for key in (r[spec.parent_field] for r in keyed)
            )
            found.append((spec, region, pages))
            parents[(spec.name, region)] = children
    return found


def _batch_calls(
    dataset: Dataset, spec: DetailCollection, region: str, keyed: list
) -> int:
    """The pages of ``spec.batch`` resources a call: each batch takes one call, and
    one more for every page its answer runs over."""
    calls = 0
    for start in range(0, len(keyed), spec.batch):
        batch = keyed[start : start + spec.batch]
        answered = sum(
            len(_items_of(dataset, spec, region, r[spec.parent_field])) for r in batch
        )
        calls += _page_count(spec, answered)
    return calls


def _items_of(dataset: Dataset, spec: DetailCollection, region: str, key: str):
    """The items one resource's list holds, as the collector will make them."""
    entry = find_entry(dataset, spec.product, region, spec.action)
    body = entry.get("responses", {}).get(key) if isinstance(entry, dict) else None
    if not isinstance(body, dict) or "$error" in body:
        return []
    items = as_list(dig(body, spec.items)) if spec.items else [body]
    return [{spec.id_field: i} if isinstance(i, str) else i for i in items]


def _serve(regions: int, resources: int, seed: int, latency: float, pipe) -> None:
    """The sandbox's process: serve until told to stop, then report what it saw."""

    async def run() -> None:
        faults = Faults([FaultRule(latency=latency)], seed=seed, rate_limits=True)
        dataset = load_dataset(generate(regions, resources, seed))
        sandbox = Sandbox(dataset, faults=faults, keep_records=False)
        settle_for_serving()
        await sandbox.start()
        # The plan is computed here so that the app's process never holds the
        # dataset: its peak memory is then the scan's alone.
        pipe.send((sandbox.url, plan(dataset, latency)))
        await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
        pipe.send(
            {"requests": sum(sandbox.counts.values()), "throttled": faults.throttled}
        )
        await sandbox.stop()

    logging.getLogger("cloud_checkup.sandbox").setLevel(logging.WARNING)
    asyncio.run(run())


async def _scan(url: str) -> tuple[int, float]:
    credential = Credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET, None)
    async with Transport(Destination.sandbox(url)) as transport:
        cloud = CloudClient(StaticCredentials(credential), transport)
        scanner = Scanner(cloud)  # loads the check catalogue, as the app's start does
        started = time.monotonic()
        result = await scanner.run(ScanRequest(packages=PACKAGES))
        elapsed = time.monotonic() - started
    not_checked = [
        r.check_id for r in result.results if r.status.value == "not_checked"
    ]
    print(f"items: {len(result.results)}, not checked: {len(not_checked)}")
    return result.api_calls, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args(argv)

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(
        target=_serve,
        args=(args.regions, args.resources, args.seed, args.latency, theirs),
    )
    child.start()
    try:
        url, needs = ours.recv()
        calls, wall = asyncio.run(_scan(url))
        ours.send("stop")
        seen = ours.recv()
    finally:
        child.join(timeout=30)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(
        f"account: {args.regions} regions, {args.resources} resources, "
        f"seed {args.seed}, latency {args.latency * 1000:.0f} ms, rate limits on"
    )
    print(f"wall time: {wall:.2f} s")
    print(
        f"API calls made: {calls} (sandbox saw {seen['requests']}, "
        f"{seen['throttled']} throttled)"
    )
    print(
        f"minimum calls the checks need: {needs.minimum_calls} "
        f"(ratio {calls / needs.minimum_calls:.3f}, target <= 1.05)"
    )
    print(
        f"lower bound on time: {needs.lower_bound:.2f} s "
        f"(ratio {wall / needs.lower_bound:.2f}, target <= 1.25)"
    )
    print(f"peak memory (app process): {peak_mb:.0f} MB (target < 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
