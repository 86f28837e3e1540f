"""The scan's progress lines: categories as they complete, then the summary."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from cloud_checkup.app.events import (
    CategoryProgress,
    ItemFinished,
    ScanFinished,
    ScanStarted,
)
from cloud_checkup.app.model import Account, ItemResult, ScanResult, Score
from cloud_checkup.checks.base import Category, Severity, Status
from cloud_checkup.cli import _Progress

ACCOUNT = Account("1790345612348765", "demo-shop", "acs:ram::1790345612348765:user/a")
T0 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def progress() -> tuple[_Progress, io.StringIO]:
    stream = io.StringIO()
    return _Progress(stream), stream


def scan(*statuses: Status, api_calls: int = 1) -> ScanResult:
    return ScanResult(
        scan_id="s",
        account=ACCOUNT,
        started_at=T0,
        finished_at=T0,
        packages=["standard"],
        regions=["cn-hangzhou"],
        results=[ItemResult(f"item-{i}", s) for i, s in enumerate(statuses)],
        score=Score(70, "Fair", {}, {}),
        api_calls=api_calls,
    )


def test_one_item_in_one_region_is_said_in_the_singular():
    observer, stream = progress()

    observer(ScanStarted("s", {Category.IDENTITY: 1}, ("cn-hangzhou",)))
    observer(ScanStarted("s", {Category.IDENTITY: 2, Category.AI: 3}, ("a", "b")))

    assert stream.getvalue().splitlines() == [
        "Scanning 1 item in 1 region ...",
        "Scanning 5 items in 2 regions ...",
    ]


def test_failures_in_a_category_line_go_high_medium_low():
    observer, stream = progress()
    failed = {Severity.LOW: 4, Severity.MEDIUM: 6, Severity.HIGH: 4}

    observer(CategoryProgress(Category.IDENTITY, 19, 19, failed))

    assert stream.getvalue() == (
        "  Identity and access security: 19/19 items, failed: 4 high, 6 medium, 4 low\n"
    )


def test_a_category_prints_once_when_complete_and_the_end_adds_only_the_summary():
    observer, stream = progress()
    done = CategoryProgress(Category.STABILITY, 1, 1, {Severity.MEDIUM: 0})

    observer(CategoryProgress(Category.STABILITY, 0, 1))
    observer(done)
    observer(done)
    result = scan(Status.FAIL, Status.PASS, Status.NOT_APPLICABLE, Status.PASS)
    observer(ItemFinished(result.results[0]))
    observer(ScanFinished(result))
    observer.summary(result)

    lines = stream.getvalue().splitlines()
    assert lines[0].endswith(": 1/1 item")  # no severity counted 0
    assert lines[1:] == [
        "Health score 70 (Fair) for account 1790345612348765: 1 failing, 2 passing, "
        "1 not applicable; 1 API call."
    ]
