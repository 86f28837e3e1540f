"""Comparing scans: new, fixed, unchanged and excepted failures, the score change."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime

from store_support import STANDARD, fail, item, ok, record_scan, scan_of

from cloud_checkup.app.compare import ResourceChange, compare
from cloud_checkup.app.exceptions import apply_exceptions, new_exception
from cloud_checkup.app.model import Score
from cloud_checkup.app.runner import SandboxTarget, demo_dataset_path
from cloud_checkup.app.score import compute_score
from cloud_checkup.checks import catalogue
from cloud_checkup.checks.base import Category, Status


def test_changes_per_item():
    previous = scan_of(
        item("a", fail("r1")),
        item("b", fail("r2")),
        item("c", fail("r3")),
        item("d", fail("r4")),
        item("e", ok("r5")),
        scan_id="old",
    )
    current = scan_of(
        item("a", fail("r1")),
        item("b", ok("r2")),
        item("c", fail("r3"), status=Status.EXCEPTED),
        item("e", fail("r5")),
        scan_id="new",
    )

    changes = compare(current, previous).items

    assert changes.new == ("e",)
    assert changes.fixed == ("b",)
    assert changes.unchanged == ("a",)
    assert changes.excepted == ("c",)
    assert changes.unverified == ("d",)  # not in this scan: nothing known


def test_changes_per_resource():
    previous = scan_of(item("a", fail("r1"), fail("r2"), fail("r3"), fail("r4")))
    current = scan_of(
        item(
            "a",
            fail("r1"),
            ok("r2"),
            fail("r5"),
            type(ok("x"))("r3", Status.EXCEPTED, "accepted"),
        )
    )

    changes = compare(current, previous).resources

    assert [c.resource_id for c in changes.unchanged] == ["r1"]
    assert [c.resource_id for c in changes.new] == ["r5"]
    # r2 passes now; r4 is gone from a fully read item (deleted or fixed).
    assert sorted(c.resource_id for c in changes.fixed) == ["r2", "r4"]
    assert changes.excepted == (ResourceChange("a", "r3", detail="bad"),)


def test_a_failure_on_an_unreadable_item_is_not_counted_fixed():
    previous = scan_of(item("a", fail("r1")))
    current = scan_of(item("a", status=Status.NOT_CHECKED))

    comparison = compare(current, previous)

    assert comparison.items.unverified == ("a",)
    assert [c.resource_id for c in comparison.resources.unverified] == ["r1"]
    assert comparison.resources.fixed == ()


def test_a_failure_the_previous_scan_did_not_check_is_not_new():
    previous = scan_of(item("a", status=Status.NOT_CHECKED), item("b", ok("r9")))
    current = scan_of(
        item("a", fail("r1")), item("b", fail("r9")), item("c", fail("r2"))
    )

    comparison = compare(current, previous)

    # "a" could not be checked then, "c" was not run: neither failure is known new.
    assert comparison.items.not_compared == ("a", "c")
    assert comparison.items.new == ("b",)
    not_compared = comparison.resources.not_compared
    assert sorted(c.resource_id for c in not_compared) == ["r1", "r2"]
    assert [c.resource_id for c in comparison.resources.new] == ["r9"]


def test_score_change_overall_and_per_category():
    def score(value, identity):
        return Score(value, "x", {Category.IDENTITY: identity, Category.AI: None}, {})

    comparison = compare(scan_of(score=score(80, 70)), scan_of(score=score(72, 75)))

    assert comparison.score_change == 8
    assert comparison.category_changes == {Category.IDENTITY: -5}


def test_no_score_change_is_named_against_a_scan_that_stopped_early():
    # An interrupted or cancelled scan's score rests on the items it finished: the
    # History page may still compare it, item by item, but not by score.
    def score(value):
        return Score(value, "x", {Category.IDENTITY: value}, {})

    full = scan_of(score=score(50))
    stopped = dataclasses.replace(scan_of(score=score(90)), cancelled=True)

    for current, previous in ((full, stopped), (stopped, full)):
        comparison = compare(current, previous)
        assert comparison.score_change is None
        assert comparison.category_changes == {}


def test_previous_scan_and_score_history_follow_the_account(store):
    for hours in (0, 2, 1):
        score = Score(hours, "x", {}, {})
        scan = scan_of(scan_id=f"at-{hours}", hours=hours, score=score)
        store.start_scan(
            scan.scan_id, started_at=scan.started_at, request=STANDARD, planned=[]
        )
        store.finish_scan(scan)

    latest = store.load_scan("at-2")

    assert store.previous_scan(latest).scan_id == "at-1"
    assert store.previous_scan(store.load_scan("at-0")) is None
    assert [p.value for p in store.score_history(latest.account.id)] == [0, 1, 2]


def test_second_demo_scan_with_one_fix_and_one_exception(store, tmp_path):
    """Done-when of the history feature, on the store: one fixed, one excepted."""
    first, _ = record_scan(store)
    dataset = shutil.copytree(demo_dataset_path(), tmp_path / "demo-copy")
    slb = dataset / "services" / "slb.yaml"
    text = slb.read_text(encoding="utf-8")
    broken = 'SlaveZoneId: "", NetworkType: vpc, VpcId: vpc-bp1shop0vpc, VSwitchId: v'
    assert text.count(broken) == 1
    slb.write_text(text.replace(broken, broken.replace('""', "cn-hangzhou-h")))
    exception = new_exception(
        first.account.id,
        "ecs-security-group-no-public-remote-admin",
        "Jump host, SSH only from the office VPN",
        now=datetime.now(UTC),
        resource_id="sg-bp1shopops",
    )

    second, _ = record_scan(store, SandboxTarget(dataset))
    second.results = apply_exceptions(second.results, [exception], second.started_at)
    second.score = compute_score(second.results, catalogue())
    comparison = compare(second, store.previous_scan(second))

    assert comparison.items.fixed == ("slb-instance-multi-zone",)
    assert comparison.items.excepted == ("ecs-security-group-no-public-remote-admin",)
    assert comparison.items.new == ()
    assert [c.resource_id for c in comparison.resources.fixed] == ["lb-bp1shopadmin"]
    assert comparison.score_change > 0
