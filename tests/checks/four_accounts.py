"""The four accounts every item is tried on: well configured, badly configured,
without resources, and with its reads denied.

A test module builds the four datasets once, scans each once for all its items, and
gets the test that checks every item's status on each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from harness import base_dataset, scan_dataset

from cloud_checkup.app.model import ItemResult, ScanResult
from cloud_checkup.checks import Status

# What each account must give every item.
EXPECTED = {
    "good": Status.PASS,
    "bad": Status.FAIL,
    "empty": Status.NOT_APPLICABLE,
    "denied": Status.NOT_CHECKED,
}


class FourAccounts:
    """The four accounts of ``items``, in ``region``; ``deny`` lists the RAM actions
    the denied account may not call (it holds the good account's data)."""

    def __init__(
        self,
        items: Iterable[str],
        *,
        good: Mapping[str, Any],
        bad: Mapping[str, Any],
        empty: Mapping[str, Any],
        deny: Iterable[str],
        region: str,
    ):
        self.items = list(items)
        regions = (region,)
        self._datasets = {
            "good": base_dataset(good, regions=regions),
            "bad": base_dataset(bad, regions=regions),
            "empty": base_dataset(empty, regions=regions),
            "denied": base_dataset(good, regions=regions, deny=deny),
        }
        self._scans: dict[str, ScanResult] = {}

    def scan(self, account: str) -> ScanResult:
        """The scan of one account, made the first time it is asked for."""
        if account not in self._scans:
            self._scans[account] = scan_dataset(self._datasets[account], self.items)
        return self._scans[account]

    def result(self, account: str, check_id: str) -> ItemResult:
        return self.scan(account).result(check_id)

    def status_test(self):
        """A test of every item on every account: pass, fail, not applicable and
        not checked, a passing item showing its findings and an unreadable one
        saying why."""

        @pytest.mark.parametrize("check_id", self.items)
        @pytest.mark.parametrize("account", list(EXPECTED))
        def test_each_item_on_the_four_accounts(account, check_id):
            result = self.result(account, check_id)
            assert result.status is EXPECTED[account], (result.reason, result.findings)
            if account == "good":
                assert result.findings
            if account == "denied":
                assert result.reason

        return test_each_item_on_the_four_accounts
