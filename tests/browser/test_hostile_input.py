"""Hostile text from the cloud, through the sandbox and engine into the report.

Resource names, tags, descriptions and security group rule descriptions are whatever
the account's users typed. Every payload here would, if the report let it, set
``window.__pwned``, change the page title or open a dialog; the test proves that none
does, with the page's Content-Security-Policy on and with it bypassed (so escaping
alone is proven), and that every resource is still shown with its text intact.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import base_dataset

from cloud_checkup.checks.base import Status
from cloud_checkup.reports import export_html
from cloud_checkup.reports.html_export import CELL_TEXT_LIMIT

PWN = "window.__pwned=1;document.title='PWNED'"
HOSTILE = [
    f"<script>{PWN}</script>",
    f"<SCRIPT SRC=data:text/javascript,{PWN}></SCRIPT>",
    f'<img src=x onerror="{PWN}">',
    f"<svg onload={PWN}>",
    f"<svg><script>{PWN}</script></svg>",
    f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}">',
    f'<body onload="{PWN}">',
    f'"><script>{PWN}</script>',
    f"'><img src=x onerror={PWN}>",
    f'" onmouseover="{PWN}" x="',
    f"' autofocus onfocus='{PWN}' x='",
    f"javascript:{PWN}",
    f'<a href="javascript:{PWN}">click me</a>',
    f'<iframe src="javascript:{PWN}"></iframe>',
    f'<iframe srcdoc="<script>parent.{PWN}</script>"></iframe>',
    f'<object data="data:text/html,<script>{PWN}</script>"></object>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    f'<div style="width: expression({PWN})">css expression</div>',
    f"<style>@import 'https://evil.example/x.css';</style>{PWN}",
    f"</textarea><script>{PWN}</script>",
    f"</script><script>{PWN}</script>",
    f"</title><script>{PWN}</script>",
    f"<!--<script>{PWN}</script>-->",
    f"<![CDATA[<script>{PWN}</script>]]>",
    f"<details open ontoggle={PWN}>",
    f"<input autofocus onfocus={PWN}>",
    f"<<script>{PWN}//<</script>",
    f"&lt;script&gt;{PWN}&lt;/script&gt;",
    f"{{{{constructor.constructor('{PWN}')()}}}}",
    f"<form action=javascript:{PWN}><button>go</button></form>",
    "<b>unclosed <i>broken <table><tr><td>html",
    "\u202egnp.exe\u202c ordinary-name \u2067rtl isolate",
    "مجموعة أمان الإنتاج",
    "生产环境-数据库安全组 🔥💥 ✅",
    "tabs\tand\nnew\r\nlines\x0bvertical\x0cform\x1bescape\x7fdel",
    "nul\x00in\x00the\x00middle",
    "emoji 👩‍💻🏳️‍🌈 and zero\u200bwidth\ufeffjoiners",
    "A" * 5000 + f"<script>{PWN}</script>",
    "very-long-name-without-any-space-" * 200,
]
# The checks whose findings carry a resource's name or its data into the report.
CHECKS = [
    "ecs-security-group-no-public-remote-admin",
    "ecs-instance-release-protection",
    "ecs-disk-encrypted",
]


def _tags(text: str) -> dict[str, list[dict[str, str]]]:
    return {"Tag": [{"TagKey": text[:128], "TagValue": text}]}


def _security_groups() -> tuple[list[dict], dict[str, dict]]:
    groups, attributes = [], {}
    for index, text in enumerate(HOSTILE):
        group_id = f"sg-hostile{index:02d}"
        groups.append(
            {
                "SecurityGroupId": group_id,
                "SecurityGroupName": text,
                "Description": text,
                "VpcId": "vpc-hostile",
                "SecurityGroupType": "normal",
                "ServiceManaged": False,
                "Tags": _tags(text),
            }
        )
        rule = {
            "Direction": "ingress",
            "IpProtocol": "TCP",
            "PortRange": "22/22",
            "SourceCidrIp": "0.0.0.0/0",
            "Policy": "Accept",
            "Priority": "1",
            "Description": text,
        }
        attributes[group_id] = {
            "SecurityGroupId": group_id,
            "SecurityGroupName": text,
            "Description": text,
            "Permissions": {"Permission": [rule]},
        }
    return groups, attributes


def _instances_and_disks() -> tuple[list[dict], list[dict]]:
    instances, disks = [], []
    for index, text in enumerate(HOSTILE):
        instances.append(
            {
                "InstanceId": f"i-hostile{index:02d}",
                "InstanceName": text,
                "HostName": text,
                "Description": text,
                "RegionId": "cn-hangzhou",
                "Status": "Running",
                "InstanceChargeType": "PostPaid",
                "DeletionProtection": False,
                "Tags": _tags(text),
            }
        )
        disks.append(
            {
                "DiskId": f"d-hostile{index:02d}",
                "DiskName": text,
                "Description": text,
                "RegionId": "cn-hangzhou",
                # The disk type goes into the finding's detail, not only its name.
                "Type": text,
                "Encrypted": False,
                "Tags": _tags(text),
            }
        )
    return instances, disks


def hostile_dataset() -> dict:
    groups, attributes = _security_groups()
    instances, disks = _instances_and_disks()
    ecs = {
        "DescribeSecurityGroups": {"SecurityGroups": {"SecurityGroup": groups}},
        "DescribeSecurityGroupAttribute": {
            "by": "SecurityGroupId",
            "responses": attributes,
        },
        "DescribeInstances": {"Instances": {"Instance": instances}},
        "DescribeDisks": {"Disks": {"Disk": disks}},
    }
    return base_dataset({"ecs": {"cn-hangzhou": ecs}}, regions=["cn-hangzhou"])


@pytest.fixture(scope="module")
def hostile_scan(scan_in_thread):
    return scan_in_thread(hostile_dataset(), CHECKS)


@pytest.fixture(scope="module")
def hostile_report(hostile_scan, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile-report.html"
    export_html(hostile_scan, path)
    return path


@pytest.fixture(scope="module")
def hostile_page(open_report, hostile_report):
    """The hostile report as loaded, for tests that only look at it."""
    return open_report(hostile_report).page


# The invisible characters among the payloads, which the report shows by code point.
INVISIBLE = "\x00\x0b\x0c\x1b\x7f\u200b\u202c\u202e\u2067\ufeff"


def _as_shown(text: str) -> str:
    """``text`` as the report should show it: invisible characters made visible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as HTML reads it
    return "".join(f"[U+{ord(c):04X}]" if c in INVISIBLE else c for c in text)


def test_the_dataset_holds_enough_hostile_strings():
    assert len(HOSTILE) >= 30
    assert len(set(HOSTILE)) == len(HOSTILE)


def test_every_hostile_resource_fails_in_the_scan(hostile_scan):
    for check_id in CHECKS:
        result = hostile_scan.result(check_id)
        assert result.status is Status.FAIL, (check_id, result.reason)
        names = [f.name for f in result.findings if f.status is Status.FAIL]
        assert sorted(names) == sorted(HOSTILE)


@pytest.mark.parametrize("csp", ["enforced", "bypassed"])
def test_no_script_from_the_data_runs(open_report, hostile_report, csp):
    visit = open_report(hostile_report, bypass_csp=csp == "bypassed")
    page = visit.page
    title = page.title()
    page.mouse.move(400, 400)
    page.keyboard.press("Tab")
    page.fill("#filter-text", "hostile")
    page.wait_for_timeout(100)  # let any timer or event a payload set up fire

    assert page.evaluate("window.__pwned") is None
    assert title.startswith("Cloud Health Checkup: test-account")
    assert page.title() == title
    assert visit.dialogs == []
    assert visit.requests == [hostile_report.resolve().as_uri()]
    assert page.url == hostile_report.resolve().as_uri()
    assert page.evaluate("document.baseURI") == page.url


def test_no_markup_from_the_data_reaches_the_page(hostile_page):
    page = hostile_page
    tags = page.evaluate("Array.from(document.querySelectorAll('*'), e => e.localName)")
    handlers = page.evaluate(
        """Array.from(document.querySelectorAll('*')).flatMap(
             e => Array.from(e.attributes, a => a.name)
           ).filter(name => name.startsWith('on'))"""
    )
    hrefs = page.eval_on_selector_all("[href]", "es => es.map(e => e.href)")

    for tag in ("iframe", "object", "img", "math", "form", "base", "link"):
        assert tag not in tags
    # The report's own: one script, one stylesheet, the search box, the Reset button.
    assert tags.count("script") == tags.count("style") == tags.count("input") == 1
    assert tags.count("button") == 1
    assert handlers == []
    assert not [h for h in hrefs if not re.match(r"(https://|file:///.*#)", h)]


def test_every_hostile_resource_is_shown_with_its_text(hostile_page):
    page = hostile_page
    rows = page.eval_on_selector_all(
        "table.resources tbody tr",
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))",
    )
    by_id = {cells[0]: cells for cells in rows}

    for index, text in enumerate(HOSTILE):
        expected = _as_shown(text[:CELL_TEXT_LIMIT]).strip()
        if len(text) > CELL_TEXT_LIMIT:  # cut, and the cut said
            cut = len(text) - CELL_TEXT_LIMIT
            expected += f"… ({cut:,} more characters; "
        for prefix in ("sg", "i", "d"):
            cells = by_id[f"{prefix}-hostile{index:02d}"]
            assert cells[1].startswith(expected), (prefix, index)
            assert not set(cells[1]) & set(INVISIBLE), (prefix, index)
        # The disk's type is part of the finding's detail.
        detail = by_id[f"d-hostile{index:02d}"][3]
        assert detail.startswith(_as_shown(text[:CELL_TEXT_LIMIT]).strip()), index
    assert len(rows) == 3 * len(HOSTILE)
    for check_id in CHECKS:
        assert page.is_visible(f"#item-{check_id} table.resources")


def test_a_right_to_left_override_cannot_disguise_a_name(hostile_page):
    spoof = next(t for t in HOSTILE if t.startswith("\u202e"))
    cells = hostile_page.eval_on_selector_all(
        "table.resources td", "cells => cells.map(c => c.innerText)"
    )

    assert cells.count(_as_shown(spoof)) == 3
    assert "[U+202E]gnp.exe[U+202C]" in _as_shown(spoof)


def test_long_hostile_text_does_not_widen_the_page(hostile_page):
    overflow = hostile_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert overflow <= 0


def test_the_detector_notices_a_payload_that_is_not_escaped(open_report, tmp_path):
    # The same checks on a page that pastes the data in raw: they must see it run.
    raw = tmp_path / "raw.html"
    raw.write_text(
        f"<!DOCTYPE html><title>raw</title>{HOSTILE[2]}{HOSTILE[0]}", encoding="utf-8"
    )

    visit = open_report(raw)

    assert visit.page.evaluate("window.__pwned") == 1
    assert visit.page.title() == "PWNED"
