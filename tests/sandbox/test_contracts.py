"""Contract tests: what the sandbox answers parses with Alibaba's own response models.

The demo account and a generated account are scanned through the sandbox over HTTP by
the real app; every answer the app received is kept and, for each action the app calls,
parsed with the response model of Alibaba's per-product SDK (``from_map``). Nothing the
dataset holds may be lost on the way back (``to_map``): a lost field is a field name or
nesting the real API does not have. OSS answers (XML) go through the OSS SDK's models.
The SDK packages are test-only dependencies.
"""

from __future__ import annotations

import importlib
import json
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from functools import cache
from typing import Any

import pytest
from harness import APP_ACTIONS, capture_scan

from cloud_checkup.app.cloud import endpoints
from cloud_checkup.app.runner import demo_dataset_path
from cloud_checkup.sandbox import oss
from cloud_checkup.sandbox.generate import generate

# Where a response model is not named <Action>ResponseBody.
MODEL_NAMES = {
    ("eas", "DescribeService"): "Service",
    ("sls", "GetLogStore"): "Logstore",
}

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
def answers() -> dict[tuple[str, str], list[tuple[str, Any]]]:
    merged: dict[tuple[str, str], list[tuple[str, Any]]] = defaultdict(list)
    sources = {
        "demo account": demo_dataset_path(),
        "generated account": generate(regions=3, resources=400, seed=7),
    }
    for source, dataset in sources.items():
        for key, bodies in capture_scan(dataset).answers.items():
            merged[key].extend((source, body) for body in bodies)
    return merged


@cache
def _model(product: str, action: str):
    spec = endpoints.product(product)
    package = (
        f"alibabacloud_{spec.code.replace('-', '_')}{spec.version.replace('-', '')}"
    )
    try:
        models = importlib.import_module(f"{package}.models")
    except ImportError:
        return None
    return getattr(models, MODEL_NAMES.get((product, action), f"{action}ResponseBody"))


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
    model = _model(product, action)
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
    model = _model("ecs", "DescribeSecurityGroupAttribute")
    body = {"SecurityGroupId": "sg-1", "Permisions": {"Permission": []}}
    assert lost_fields(body, model().from_map(body).to_map()) == [".Permisions"]


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
