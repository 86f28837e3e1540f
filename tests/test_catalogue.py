"""Meta-tests over the whole catalogue: every item complete, read-only, reachable."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cloud_checkup.app.catalogue import catalogue_document, catalogue_markdown
from cloud_checkup.app.cloud import endpoints
from cloud_checkup.app.cloud.readonly import is_read
from cloud_checkup.app.collections import DetailCollection, all_collections
from cloud_checkup.checks import Category, Package, Severity, catalogue

ITEMS = list(catalogue().values())
IDS = [item.id for item in ITEMS]
ROOT = Path(__file__).resolve().parent.parent


def by_id(items):
    return pytest.mark.parametrize("item", items, ids=[i.id for i in items])


def test_ids_are_unique_and_kebab_case():
    assert len(set(IDS)) == len(IDS)
    for check_id in IDS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", check_id), check_id


@by_id(ITEMS)
def test_every_item_has_complete_metadata(item):
    assert item.title and item.title[0].isupper() and not item.title.endswith(".")
    assert isinstance(item.category, Category) and isinstance(item.severity, Severity)
    assert len(item.description) > 20 and len(item.risk) > 20
    remediation = item.remediation
    assert remediation.steps and all(step.strip() for step in remediation.steps)
    assert len(remediation.console_path) >= 2
    assert remediation.doc_url.startswith(
        ("https://www.alibabacloud.com/help/", "https://help.aliyun.com/")
    ), remediation.doc_url
    if remediation.command is not None:
        assert remediation.command.startswith("aliyun ")
    assert item.references, "name the CIS recommendation or Cloud Config rule"
    assert item.needs


@by_id(ITEMS)
def test_titles_state_the_passing_case(item):
    # "RAM users have MFA", not "RAM users without MFA" or a question.
    assert not item.title.lower().startswith(("check ", "ensure ", "verify ", "is "))
    assert "?" not in item.title


@by_id(ITEMS)
def test_ai_items_are_exactly_the_ai_package(item):
    assert (item.package is Package.AI) == (item.category is Category.AI)


@by_id(ITEMS)
def test_every_item_needs_only_known_collections_and_read_actions(item):
    known = all_collections()
    for name in item.needs:
        assert name in known, f"{item.id} needs unknown collection {name}"
    for collection in (known[name] for name in item.needs):
        for action in collection.actions:
            assert is_read(collection.product, action), f"{item.id} needs {action}"


@by_id(ITEMS)
def test_evaluate_is_a_pure_function_of_the_inventory(item):
    parameters = inspect.signature(item.evaluate).parameters
    assert len(parameters) == 1
    source = inspect.getsource(inspect.getmodule(item.evaluate))
    for forbidden in ("datetime.now(", "time.time(", "open(", "requests.", "aiohttp"):
        assert forbidden not in source, f"{item.id} uses {forbidden}"


def test_every_collection_names_a_product_with_an_endpoint():
    for collection in all_collections().values():
        if collection.product != "oss":
            endpoints.product(collection.product)
        if isinstance(collection, DetailCollection):
            assert collection.parent in all_collections(), collection.name


def test_top10_ranks_are_distinct_and_within_one_to_ten():
    ranks = [item.top10 for item in ITEMS if item.top10 is not None]
    assert len(ranks) == len(set(ranks))
    assert all(1 <= rank <= 10 for rank in ranks)


def test_the_catalogue_meets_the_product_counts():
    counts = Counter(item.category for item in ITEMS)
    standard = sum(n for category, n in counts.items() if category is not Category.AI)
    assert len(ITEMS) >= 120, counts
    assert standard >= 85, counts
    for category in (
        Category.IDENTITY,
        Category.INFRASTRUCTURE,
        Category.RESILIENCE,
        Category.STABILITY,
    ):
        assert counts[category] >= 15, (category, counts[category])
    assert counts[Category.AI] >= 35
    assert sorted(item.top10 for item in ITEMS if item.top10) == list(range(1, 11))


def test_the_catalogue_document_has_every_item_with_its_actions():
    document = catalogue_document(catalogue())
    assert document["count"] == len(ITEMS)
    first = document["checks"][0]
    assert {"id", "title", "severity", "remediation", "required_actions"} <= set(first)


def test_checks_list_json_prints_the_catalogue():
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "cloud_checkup.cli",
            "checks",
            "list",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f'"count": {len(ITEMS)}' in output


def test_docs_catalogue_is_generated_from_the_metadata():
    on_disk = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert on_disk.strip() == catalogue_markdown(catalogue()).strip(), (
        "docs/catalogue.md is stale: regenerate it with "
        "'cloud-checkup checks list --format markdown > docs/catalogue.md'"
    )
