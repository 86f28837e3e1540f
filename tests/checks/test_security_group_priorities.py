"""A security group rule whose Priority cannot be read never makes a group pass.

A Drop rule without a readable priority could shut an Accept or not: the port it
covers is neither open nor closed for sure, so the group is not checked (unless
another port is surely open, which fails it). Each of the three security group items
meets the same rules on the port it judges.
"""

from __future__ import annotations

from typing import Any

import pytest
from data import rule, scan, security_groups

from cloud_checkup.checks import Status

INTERNET = "0.0.0.0/0"
# Each item with a port range it judges, and another it judges too.
ITEMS = {
    "ecs-security-group-no-public-remote-admin": ("22/22", "3389/3389"),
    "ecs-security-group-no-public-database-ports": ("3306/3306", "6379/6379"),
    "ecs-security-group-no-all-ports-open": ("1/65535", "-1/-1"),
}
UNREADABLE: list[Any] = [None, "", "abc", "0"]


def _rule(ports: str, policy: str, priority: Any, *, ipv6: bool = False) -> dict:
    """A TCP rule from the IPv4 (or IPv6) Internet; ``priority`` None leaves the
    field out."""
    sources = {"ipv6_source": "::/0"} if ipv6 else {"source": INTERNET}
    built = rule(ports, policy=policy, priority=str(priority), **sources)
    if priority is None:
        del built["Priority"]
    else:
        built["Priority"] = priority
    return built


def _finding(check_id: str, *rules: dict[str, Any]):
    (finding,) = scan(check_id, security_groups({"sg-web": list(rules)})).findings
    return finding


@pytest.mark.parametrize("priority", UNREADABLE)
@pytest.mark.parametrize("check_id", ITEMS)
def test_a_drop_rule_without_a_readable_priority_does_not_shut_an_accept(
    check_id, priority
):
    ports, _ = ITEMS[check_id]
    finding = _finding(
        check_id, _rule(ports, "Accept", "5"), _rule(ports, "Drop", priority)
    )
    assert finding.status is Status.NOT_CHECKED, finding.detail
    assert "Priority" in finding.detail


@pytest.mark.parametrize("check_id", ITEMS)
def test_a_port_surely_open_fails_beside_a_doubtful_one(check_id):
    doubtful, open_port = ITEMS[check_id]
    finding = _finding(
        check_id,
        _rule(doubtful, "Accept", "5"),
        _rule(doubtful, "Drop", "abc"),
        _rule(open_port, "Accept", "1", ipv6=True),
    )
    assert finding.status is Status.FAIL, finding.detail


@pytest.mark.parametrize("check_id", ITEMS)
def test_an_accept_without_a_readable_priority_is_shut_by_a_first_drop(check_id):
    ports, _ = ITEMS[check_id]
    # Priority 1 comes first, and a Drop wins at the same priority: closed whatever
    # the Accept's real priority.
    finding = _finding(check_id, _rule(ports, "Accept", ""), _rule(ports, "Drop", "1"))
    assert finding.status is Status.PASS, finding.detail


@pytest.mark.parametrize("check_id", ITEMS)
def test_an_accept_without_a_readable_priority_may_come_before_a_later_drop(check_id):
    ports, _ = ITEMS[check_id]
    finding = _finding(
        check_id, _rule(ports, "Accept", "abc"), _rule(ports, "Drop", "50")
    )
    assert finding.status is Status.NOT_CHECKED, finding.detail


@pytest.mark.parametrize("check_id", ITEMS)
def test_readable_priorities_still_decide(check_id):
    ports, _ = ITEMS[check_id]
    shut = _finding(check_id, _rule(ports, "Accept", "5"), _rule(ports, "Drop", "2"))
    assert shut.status is Status.PASS, shut.detail
    open_ = _finding(check_id, _rule(ports, "Accept", "2"), _rule(ports, "Drop", "5"))
    assert open_.status is Status.FAIL, open_.detail
