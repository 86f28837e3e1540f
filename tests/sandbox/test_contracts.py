"""Contract tests: what the sandbox answers parses with Alibaba's own response models,
and what the items read is in those models.

The demo account and a generated account are scanned through the sandbox over HTTP by
the real app; every answer the app received is kept and, for each action the app calls,
parsed with the response model of Alibaba's per-product SDK (``from_map``). Nothing the
dataset holds may be lost on the way back (``to_map``): a lost field is a field name or
nesting the real API does not have. OSS answers (XML) go through the OSS SDK's models.
The SDK packages are test-only dependencies.

The items' reads are watched during those scans: a field an item reads that the
model of its collection's action does not have is a field the real API never
returns, which test data written by hand can hide (the item then judges every real
resource on a value that is never there).
"""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from types import SimpleNamespace
from typing import Any

import pytest
from field_reads import FieldReads
from harness import APP_ACTIONS, Capture, capture_scan
from sdk_models import record_model, response_model, unknown_field

from cloud_checkup.app.collections import DetailCollection, all_collections
from cloud_checkup.app.runner import demo_dataset_path
from cloud_checkup.checks import catalogue
from cloud_checkup.checks.base import Record
from cloud_checkup.sandbox import oss
from cloud_checkup.sandbox.generate import generate

# Fields the API reference documents that the installed SDK model does not know yet.
# Each row names the page that documents it; nothing else may be lost.
DOCUMENTED_EXTRA_FIELDS: dict[tuple[str, str], dict[str, str]] = {
    ("rds", "DescribeDBInstanceIPArrayList"): {
        "WhitelistNetworkType": "help.aliyun.com, RDS DescribeDBInstanceIPArrayList "
        "response example",
    },
    ("ram", "GetPasswordPolicy"): {
        "MinimumPasswordDifferentCharacter": "help.aliyun.com, ram GetPasswordPolicy",
        "PasswordNotContainUserName": "help.aliyun.com, ram GetPasswordPolicy",
        "InitialPasswordAge": "help.aliyun.com, ims GetPasswordPolicy",
        "HardExpire": "help.aliyun.com, ram GetPasswordPolicy (the SDK: HardExpiry)",
    },
}


# Actions whose per-product SDK has no response model: checked against the shape in
# the API reference instead (list path, and fields every item carries).
REFERENCE_SHAPES = {
    ("ess", "DescribeScalingGroups"): (
        "ScalingGroups.ScalingGroup",
        {"ScalingGroupId", "ScalingGroupName", "LifecycleState"},
        {"TotalCount", "PageNumber", "PageSize"},
    ),
}


@pytest.fixture(scope="module")
def scans() -> tuple[dict[str, Capture], FieldReads]:
    """Each account's scan, and the fields the items read during them."""
    reads = FieldReads()
    watched = reads.watch(catalogue())
    sources = {
        "demo account": demo_dataset_path(),
        "generated account": generate(regions=3, resources=400, seed=7),
    }
    captures = {
        source: capture_scan(dataset, catalogue=watched)
        for source, dataset in sources.items()
    }
    return captures, reads


@pytest.fixture(scope="module")
def answers(scans) -> dict[tuple[str, str], list[tuple[str, Any]]]:
    captures, _ = scans
    merged: dict[tuple[str, str], list[tuple[str, Any]]] = defaultdict(list)
    for source, capture in captures.items():
        for key, bodies in capture.answers.items():
            merged[key].extend((source, body) for body in bodies)
    return merged


def lost_fields(sent: Any, parsed: Any, path: str = "") -> list[str]:
    """Paths of ``sent`` that are missing or changed in ``parsed``."""
    if isinstance(sent, dict) and isinstance(parsed, dict):
        lost = []
        for key, value in sent.items():
            if value is None:
                continue  # to_map drops None: absent and null read the same
            if key not in parsed:
                lost.append(f"{path}.{key}")
            else:
                lost += lost_fields(value, parsed[key], f"{path}.{key}")
        return lost
    if isinstance(sent, list) and isinstance(parsed, list) and len(sent) == len(parsed):
        return [
            loss
            for index, (a, b) in enumerate(zip(sent, parsed, strict=True))
            for loss in lost_fields(a, b, f"{path}[{index}]")
        ]
    return [] if sent == parsed else [f"{path} ({sent!r} came back as {parsed!r})"]


def _documented(product: str, action: str, loss: str) -> bool:
    extra = DOCUMENTED_EXTRA_FIELDS.get((product, action), {})
    return loss.rsplit(".", 1)[-1] in extra


def _sdk_cases() -> list:
    cases = []
    for pair in APP_ACTIONS:
        if pair[0] == "oss" or pair in REFERENCE_SHAPES:
            continue
        cases.append(pytest.param(*pair, id=":".join(pair)))
    return cases


@pytest.mark.parametrize(("product", "action"), _sdk_cases())
def test_answer_round_trips_through_the_sdk_model(answers, product, action):
    received = answers.get((product, action))
    if not received:
        pytest.skip(
            f"no {product} {action} answer to check: neither the demo account nor "
            "the generated account holds one"
        )
    model = response_model(product, action)
    assert model is not None, f"no SDK response model for {product} {action}"
    problems = []
    for source, body in received:
        if not hasattr(model(), "request_id") and isinstance(body, dict):
            # ROA models (cs, eas) carry the request id in a header, not the body.
            body = {k: v for k, v in body.items() if k != "RequestId"}
        parsed = model().from_map(body).to_map()
        lost = [
            loss
            for loss in lost_fields(body, parsed)
            if not _documented(product, action, loss)
        ]
        problems += [f"{source}: {loss}" for loss in lost]
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize(("product", "action"), sorted(REFERENCE_SHAPES))
def test_answer_has_the_api_reference_shape(answers, product, action):
    received = answers.get((product, action))
    if not received:
        pytest.skip(f"no {product} {action} answer in the demo or generated account")
    path, item_fields, paging_fields = REFERENCE_SHAPES[(product, action)]
    for source, body in received:
        assert paging_fields <= body.keys(), source
        node = body
        for key in path.split("."):
            node = node[key]
        assert isinstance(node, list), f"{source}: {path} is not a list"
        for item in node:
            assert item_fields <= item.keys(), f"{source}: {item}"


def test_the_generated_account_answers_every_list_the_benchmark_needs(answers):
    # The benchmark's figures are only meaningful if the big account has data for
    # the collections that dominate the calls.
    for key in [
        ("ecs", "DescribeInstances"),
        ("ecs", "DescribeSecurityGroupAttribute"),
        ("rds", "DescribeDBInstanceAttribute"),
        ("ram", "ListAccessKeys"),
        ("oss", "GetBucketInfo"),
    ]:
        assert any(src == "generated account" for src, _ in answers[key]), key


def test_lost_fields_finds_a_renamed_field():
    model = response_model("ecs", "DescribeSecurityGroupAttribute")
    body = {"SecurityGroupId": "sg-1", "Permisions": {"Permission": []}}
    assert lost_fields(body, model().from_map(body).to_map()) == [".Permisions"]


# --- what the items read ------------------------------------------------------------


def _read_cases() -> list:
    """Every collection whose action has an SDK response model."""
    return [
        pytest.param(name, id=name)
        for name, spec in sorted(all_collections().items())
        if spec.product != "oss" and (spec.product, spec.action) not in REFERENCE_SHAPES
    ]


def _added_by_the_collector(spec) -> set[str]:
    """Fields a record has that the answer does not: each item of a per-resource
    list carries its resource's id, and bare names become ``{id_field: name}``."""
    if isinstance(spec, DetailCollection) and spec.is_list:
        return {spec.param, spec.id_field or spec.param}
    return set()


@pytest.mark.parametrize("collection", _read_cases())
def test_items_read_only_fields_the_sdk_model_has(scans, collection):
    _, reads = scans
    spec = all_collections()[collection]
    model = record_model(spec.product, spec.action, spec.items)
    added = _added_by_the_collector(spec)
    unknown = sorted(
        f"{check_id} reads {field}"
        for check_id, path in reads.by_collection.get(collection, ())
        if path[0] not in added
        and (field := unknown_field(model, path)) is not None
        and not _documented(spec.product, spec.action, field)
    )
    assert not unknown, "\n".join(unknown)


def test_a_field_the_model_lacks_is_unknown():
    # pai-eas-service-autoscaling once read AutoscalerEnabled from ListServices,
    # which the SDK's Service model does not have: every real service failed.
    services = record_model("eas", "ListServices", "Services")
    assert unknown_field(services, ("AutoscalerEnabled",)) == "AutoscalerEnabled"
    assert unknown_field(services, ("ServiceName",)) is None
    rules = record_model("ecs", "DescribeSecurityGroupAttribute", None)
    assert unknown_field(rules, ("Permissions", "Permission", "PortRange")) is None
    assert (
        unknown_field(rules, ("Permissions", "Permission", "Port"))
        == "Permissions.Permission.Port"
    )


def test_a_free_form_map_takes_any_key():
    quotas = record_model("quotas", "ListProductQuotas", "Quotas")
    assert unknown_field(quotas, ("Dimensions", "regionId")) is None
    assert unknown_field(quotas, ("Dimensionz", "regionId")) == "Dimensionz"


def test_reads_are_noted_through_nested_parts_and_lists_even_when_absent():
    reads = FieldReads()

    def evaluate(inventory):
        for group in inventory.records("ecs.security_group_rules"):
            for rule in group["Permissions"]["Permission"]:
                rule.get("PortRange")
                rule.get("NotThere")
        return []

    item = dataclasses.replace(next(iter(catalogue().values())), evaluate=evaluate)
    record = Record({"Permissions": {"Permission": [{"PortRange": "22/22"}]}}, None)
    inventory = SimpleNamespace(records=lambda name: [record], now=None, account_id="")
    reads.watch({"item": item})["item"].evaluate(inventory)
    assert reads.by_collection["ecs.security_group_rules"] == {
        (item.id, ("Permissions",)),
        (item.id, ("Permissions", "Permission")),
        (item.id, ("Permissions", "Permission", "PortRange")),
        (item.id, ("Permissions", "Permission", "NotThere")),
    }


# --- OSS: XML through the OSS SDK's models -----------------------------------------

OSS_MODELS = {
    "ListBuckets": "ListBucketsResult",
    "GetBucketInfo": "GetBucketInfoResult",
}


def _oss_model_paths(model: type, prefix: str = "") -> set[str]:
    """Every element path the OSS SDK model reads, e.g. ``Buckets/Bucket/Name``."""
    from alibabacloud_oss_v2 import models

    paths = set()
    for meta in getattr(model, "_attribute_map", {}).values():
        if meta.get("tag") != "xml":
            continue
        path = f"{prefix}{meta['rename']}"
        kind = meta.get("type", "str").strip("[]")
        nested = getattr(models, kind, None)
        if isinstance(nested, type) and hasattr(nested, "_attribute_map"):
            paths |= _oss_model_paths(nested, f"{path}/")
        else:
            paths.add(path)
    return paths


def _xml_leaf_paths(element: ElementTree.Element, prefix: str = "") -> set[str]:
    children = list(element)
    if not children:
        return {prefix.rstrip("/")}
    return {
        path
        for child in children
        for path in _xml_leaf_paths(child, f"{prefix}{child.tag}/")
    }


@pytest.mark.parametrize("action", sorted(OSS_MODELS))
def test_oss_answer_parses_with_the_oss_sdk_model(answers, action):
    from alibabacloud_oss_v2 import models, serde

    received = answers.get(("oss", action))
    assert received, f"no OSS {action} answer was captured"
    model = getattr(models, OSS_MODELS[action])
    known = _oss_model_paths(model)
    for source, body in received:
        xml, _ = oss.render(action, body)
        result = model()
        serde.deserialize_xml(xml, result)  # raises on a wrong type or root
        root = ElementTree.fromstring(xml)
        unknown = _xml_leaf_paths(root) - known - {""}
        assert not unknown, f"{source}: {sorted(unknown)} unknown to the OSS SDK"


def test_oss_bucket_policy_is_a_policy_document(answers):
    # No SDK model: the API reference's shape is a JSON policy with Version and
    # Statement, each statement with Effect and Action.
    for _source, body in answers.get(("oss", "GetBucketPolicy"), []):
        document = json.loads(body) if isinstance(body, str) else body
        assert document["Version"] == "1"
        for statement in document["Statement"]:
            assert statement["Effect"] in ("Allow", "Deny") and "Action" in statement
