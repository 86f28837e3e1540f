"""The scan benchmark's yardsticks: the fewest calls a scan needs, the least time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from harness import scan_dataset

from cloud_checkup.sandbox import load_dataset
from cloud_checkup.sandbox.generate import generate
from cloud_checkup.sandbox.paging import PAGING

_PATH = Path(__file__).parent.parent / "benchmarks" / "scan_benchmark.py"
_SPEC = importlib.util.spec_from_file_location("scan_benchmark", _PATH)
benchmark = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("scan_benchmark", benchmark)
_SPEC.loader.exec_module(benchmark)


def test_a_clean_scan_makes_exactly_the_calls_the_plan_counts():
    # Counting a region that does not offer a product, or a resource two regional
    # endpoints both answer with, would flatter the scan's ratio.
    data = generate(3, 400, 7)
    needs = benchmark.plan(load_dataset(data), latency=0.0)
    assert scan_dataset(data).api_calls == needs.minimum_calls


def test_a_window_s_worth_more_waits_a_whole_window_after_the_answers():
    # The gateway counts a call somewhere between its sending and its answer: a
    # client that never exceeds a quota sends the next window's worth a window after
    # the answers to the last, so each further window costs a window and a round trip.
    assert benchmark._rate_time("ram", "GetUser", 100, 0.05) == pytest.approx(0.05)
    assert benchmark._rate_time("ram", "GetUser", 101, 0.05) == pytest.approx(1.1)
    assert benchmark._rate_time("ram", "GetUser", 400, 0.05) == pytest.approx(3.2)


def test_pages_by_number_go_together_after_the_first_and_tokens_in_turn():
    by_number = _list("vpc", "DescribeVpcs")
    by_token = _list("ram", "ListUsers")
    assert benchmark._list_time(by_number, 5, 0.05) == pytest.approx(0.1)
    assert benchmark._list_time(by_number, 1, 0.05) == pytest.approx(0.05)
    assert benchmark._list_time(by_token, 5, 0.05) == pytest.approx(0.25)


def _list(product: str, action: str):
    assert (product, action) in PAGING
    return next(
        spec
        for spec in benchmark.all_collections().values()
        if isinstance(spec, benchmark.ListCollection)
        and (spec.product, spec.action) == (product, action)
    )
