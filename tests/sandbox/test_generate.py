"""The generator of large accounts, and ``cloud-checkup sandbox generate``."""

from __future__ import annotations

import argparse
import json

import pytest
from harness import APP_ACTIONS, capture_scan

from cloud_checkup.app.collect import dig
from cloud_checkup.app.collections import ListCollection, all_collections
from cloud_checkup.checks import Status
from cloud_checkup.sandbox import load_dataset
from cloud_checkup.sandbox.cli import add_faults_argument, add_generate_parser
from cloud_checkup.sandbox.generate import GLOBAL_SHARES, REGIONAL_SHARES, generate


def _count(dataset, product, action) -> int:
    total = 0
    for actions in dataset["services"][product].values():
        body = actions.get(action)
        if body is None:
            continue
        node = body
        for key in {
            "DescribeInstances": ("Instances", "Instance"),
            "DescribeDisks": ("Disks", "Disk"),
            "DescribeDBInstances": ("Items", "DBInstance"),
        }.get(action, ()):
            node = node[key]
        total += len(node)
    return total


def test_same_arguments_same_account():
    assert generate(3, 400, seed=5) == generate(3, 400, seed=5)
    assert generate(3, 400, seed=5) != generate(3, 400, seed=6)


def test_proportions_and_regions():
    dataset = generate(regions=4, resources=1000, seed=1)
    assert len(dataset["regions"]) == 4 == len(set(dataset["regions"]))
    instances = _count(dataset, "ecs", "DescribeInstances")
    disks = _count(dataset, "ecs", "DescribeDisks")
    assert instances == 250 and disks == 350
    assert _count(dataset, "rds", "DescribeDBInstances") == 40
    rules = [
        len(group["Permissions"]["Permission"])
        for region in dataset["services"]["ecs"].values()
        for group in region["DescribeSecurityGroupAttribute"]["responses"].values()
    ]
    assert min(rules) >= 20 and max(rules) <= 60
    load_dataset(dataset)  # valid in the dataset format


def test_ids_are_unique_across_regions():
    dataset = generate(regions=3, resources=300, seed=2)
    ids = [
        instance["InstanceId"]
        for region in dataset["services"]["ecs"].values()
        for instance in region["DescribeInstances"]["Instances"]["Instance"]
    ]
    assert len(ids) == len(set(ids)) == 75


def test_more_regions_than_known_names():
    assert len(set(generate(regions=30, resources=30)["regions"])) == 30


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cloud-checkup sandbox")
    add_faults_argument(parser)
    add_generate_parser(parser.add_subparsers(dest="command"))
    return parser


def test_generate_command_writes_a_loadable_file(tmp_path):
    out = tmp_path / "big.json"
    args = _parser().parse_args(
        [
            "generate",
            "--regions",
            "2",
            "--resources",
            "50",
            "--seed",
            "4",
            "-o",
            str(out),
        ]
    )
    assert args.handler(args) == 0
    written = json.loads(out.read_text())
    assert written == generate(2, 50, 4)
    assert load_dataset(out).regions == tuple(written["regions"])


def test_faults_flag_parses_the_spec():
    args = _parser().parse_args(["--faults", "seed=3;ecs:*@drop=0.5"])
    assert args.faults.seed == 3 and args.faults.rules[0].drop == 0.5


def test_every_generated_list_longer_than_a_page_is_paged():
    # A list the sandbox does not page comes back whole for every page number; a
    # client that pages by PageNumber without TotalCount then never stops.
    from cloud_checkup.sandbox.paging import PAGING

    dataset = generate(regions=1, resources=2000, seed=1)
    for product, regions in dataset["services"].items():
        for actions in regions.values():
            for action, entry in actions.items():
                if isinstance(entry, dict) and "responses" not in entry:
                    lists = [v for v in _lists(entry) if len(v) > 10]
                    assert not lists or (product, action) in PAGING, (product, action)


def _lists(node):
    if isinstance(node, list):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _lists(value)


def test_the_shares_make_up_the_whole_budget_and_each_kind_appears():
    shares = [*REGIONAL_SHARES.values(), *GLOBAL_SHARES.values()]
    assert sum(shares) == pytest.approx(1)
    # Small enough for the scan below, large enough to hold one of every kind.
    assert round(min(shares) * 400) >= 1


# --- a generated account answers every action the app calls ------------------------


@pytest.fixture(scope="module")
def generated_scan():
    """A full scan of a small generated account: 3 regions (Beijing serves Model
    Studio), 400 resources, at least one of each kind."""
    return capture_scan(generate(regions=3, resources=400, seed=1))


def test_no_action_the_app_calls_is_missing_from_a_generated_account(generated_scan):
    missing = sorted(
        {
            (r.product, r.action)
            for r in generated_scan.requests
            if r.error_code == "InvalidApi.NotFound"
        }
    )
    assert not missing, f"the generated account does not answer {missing}"


def test_every_action_the_app_calls_is_answered(generated_scan):
    unanswered = [pair for pair in APP_ACTIONS if pair not in generated_scan.answers]
    assert not unanswered, f"never answered successfully: {unanswered}"


def test_every_list_the_app_reads_holds_resources_somewhere(generated_scan):
    # An empty list is an answer, but then nothing that reads it is exercised.
    empty = sorted(
        spec.name
        for spec in all_collections().values()
        if isinstance(spec, ListCollection)
        and spec.items is not None
        and not any(
            dig(body, spec.items)
            for body in generated_scan.answers.get((spec.product, spec.action), ())
            if isinstance(body, dict)
        )
    )
    assert not empty, f"always empty in the generated account: {empty}"


def test_every_item_is_judged(generated_scan):
    # No item is left out on purpose: each finds resources to judge, and reads
    # them all.
    unjudged = {
        result.check_id: f"{result.status.value}: {result.reason}"
        for result in generated_scan.result.results
        if result.status in (Status.NOT_CHECKED, Status.NOT_APPLICABLE)
    }
    assert not unjudged, "\n".join(f"{k}: {v}" for k, v in sorted(unjudged.items()))
