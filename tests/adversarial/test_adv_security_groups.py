"""Security group rules in odd but legal shapes, and answers that hold no rules.

A rule that opens a port to the Internet must be found whichever field, family,
case or range spelling carries it; an answer without the rule list proves nothing.
"""

from __future__ import annotations

import pytest
from data import REGION, rule, scan, security_groups

from cloud_checkup.checks import Status
from cloud_checkup.checks._security_group import internet_exposures, port_range

SSH = "ecs-security-group-no-public-remote-admin"
ALL_PORTS = "ecs-security-group-no-all-ports-open"


def _status(check_id: str, *rules: dict) -> Status:
    return scan(check_id, security_groups({"sg-odd": list(rules)})).status


@pytest.mark.parametrize(
    "opening",
    [
        pytest.param(rule("22/22", source="::/0"), id="ipv6-in-the-ipv4-field"),
        pytest.param(rule("22/22", ipv6_source="0::0/0"), id="ipv6-long-form"),
        pytest.param(rule("22/22", ipv6_source="::/0"), id="ipv6"),
        pytest.param(rule("3389/22", source="0.0.0.0/0"), id="reversed-range"),
        pytest.param(rule("abc", source="0.0.0.0/0"), id="unreadable-range"),
        pytest.param(rule("22", source="0.0.0.0/0"), id="single-port"),
        pytest.param(rule(" 22/22 ", source=" 0.0.0.0/0 "), id="padded"),
        pytest.param(
            rule("-1/-1", protocol="all", source="0.0.0.0/0"), id="all-lowercase"
        ),
        pytest.param(
            rule("22/22", protocol="Tcp", source="0.0.0.0/0", policy="ACCEPT"),
            id="mixed-case",
        ),
        pytest.param(rule("22/22", source="0.0.0.0/0", priority=""), id="no-priority"),
    ],
)
def test_ssh_open_to_the_internet_fails_however_it_is_spelt(opening):
    assert _status(SSH, opening) is Status.FAIL


@pytest.mark.parametrize(
    "closed",
    [
        pytest.param(rule("22/22", ipv6_source="::/1"), id="half-of-ipv6"),
        pytest.param(rule("22/22", source="0.0.0.0/32"), id="one-address"),
        pytest.param(rule("22/22", protocol="UDP", source="0.0.0.0/0"), id="udp"),
    ],
)
def test_ssh_not_open_to_the_whole_internet_passes(closed):
    assert _status(SSH, closed) is Status.PASS


def test_a_drop_rule_in_the_other_field_family_still_shuts_the_port():
    rules = [
        rule("22/22", ipv6_source="::/0", priority="2"),
        rule("-1/-1", protocol="ALL", source="::/0", policy="Drop", priority="1"),
    ]
    assert internet_exposures(rules, [22]) == []


def test_every_port_open_to_ipv6_through_the_ipv4_field_fails():
    assert _status(ALL_PORTS, rule("1/65535", source="::/0")) is Status.FAIL


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22/22", (22, 22)), ("80/22", (22, 80)), ("-1/-1", (1, 65535)), ("", (1, 65535))],
)
def test_port_ranges(text, expected):
    assert port_range(text) == expected


def test_an_answer_without_the_rule_list_is_not_checked_not_passed():
    data = security_groups({"sg-hollow": []})
    answer = data["ecs"][REGION]["DescribeSecurityGroupAttribute"]["responses"]
    answer["sg-hollow"] = {"SecurityGroupId": "sg-hollow", "RegionId": REGION}
    result = scan(SSH, data)
    assert result.status is Status.NOT_CHECKED
    assert "not in the answer" in result.findings[0].detail


def test_a_rule_list_that_is_a_lone_object_is_read():
    data = security_groups({"sg-lone": []})
    answer = data["ecs"][REGION]["DescribeSecurityGroupAttribute"]["responses"]
    answer["sg-lone"]["Permissions"] = {"Permission": rule("22/22", source="0.0.0.0/0")}
    assert scan(SSH, data).status is Status.FAIL


def test_an_empty_rule_list_in_any_empty_spelling_passes():
    data = security_groups({"sg-null": [], "sg-blank": []})
    answers = data["ecs"][REGION]["DescribeSecurityGroupAttribute"]["responses"]
    answers["sg-null"]["Permissions"] = {"Permission": None}
    answers["sg-blank"]["Permissions"] = ""
    assert scan(SSH, data).status is Status.PASS
