"""How long exporting a large scan takes, and how big each report file gets.

Builds a scan of 10,000 resource findings (by default) over the whole check
catalogue, exports it as HTML, JSON and CSV, and prints the best time of a few runs
and the file size of each format. Run it with ``python benchmarks/export_benchmark.py``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cloud_checkup.app.model import Account, ItemResult, ScanResult
from cloud_checkup.app.score import compute_score
from cloud_checkup.checks import catalogue
from cloud_checkup.checks.base import Check, Finding, Status
from cloud_checkup.reports import export_csv, export_html, export_json

REGIONS = ("cn-hangzhou", "cn-shanghai", "cn-beijing", "ap-southeast-1", "eu-central-1")
STARTED = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
# By default one resource in four fails, as in an account that has grown unchecked.
FAILING_EVERY = 4


def build_scan(findings: int, failing_every: int = FAILING_EVERY) -> ScanResult:
    """A finished scan of every catalogue item, ``findings`` verdicts in all."""
    checks = catalogue()
    per_item, extra = divmod(findings, len(checks))
    results = [
        _item(check, per_item + (index < extra), failing_every)
        for index, check in enumerate(checks.values())
    ]
    return ScanResult(
        scan_id="benchmark",
        account=Account("1234567890123456", "benchmark", "acs:ram::1:user/audit"),
        started_at=STARTED,
        finished_at=STARTED + timedelta(minutes=9),
        packages=["ai", "standard"],
        regions=list(REGIONS),
        results=results,
        score=compute_score(results, checks),
        api_calls=findings // 10,
        tool_version="benchmark",
    )


def _item(check: Check, count: int, failing_every: int) -> ItemResult:
    findings = [_finding(check, n, failing_every) for n in range(count)]
    failed = any(f.status is Status.FAIL for f in findings)
    return ItemResult(check.id, Status.FAIL if failed else Status.PASS, None, findings)


def _finding(check: Check, number: int, failing_every: int) -> Finding:
    prefix = check.id.split("-")[0]
    resource_id = f"{prefix}-bp1{number:07d}"
    region = REGIONS[number % len(REGIONS)]
    name = f"生产-{prefix}-{number}" if number % 3 else f"prod-{prefix}-web-{number}"
    if number % failing_every == 0:
        detail = f"{check.title}: not met for this resource (rule {number % 17})"
        return Finding.failed(resource_id, detail, region=region, name=name)
    return Finding.passed(resource_id, "Compliant", region=region, name=name)


def measure(export: Callable[[ScanResult, Path], None], scan, path, runs) -> float:
    """The best wall-clock time of ``runs`` exports, in seconds."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        export(scan, path)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--failing-every",
        type=int,
        default=FAILING_EVERY,
        help="one finding in N fails (1: every finding fails)",
    )
    args = parser.parse_args()

    scan = build_scan(args.findings, args.failing_every)
    failing = sum(len(r.failed) for r in scan.results)
    print(
        f"{args.findings} findings ({failing} failing) in {len(scan.results)} items,"
        f" best of {args.runs} runs"
    )
    exporters = {"html": export_html, "json": export_json, "csv": export_csv}
    with tempfile.TemporaryDirectory() as folder:
        for suffix, export in exporters.items():
            path = Path(folder) / f"report.{suffix}"
            seconds = measure(export, scan, path, args.runs)
            size = path.stat().st_size
            print(f"  {suffix:<5} {seconds:6.2f} s  {size / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
