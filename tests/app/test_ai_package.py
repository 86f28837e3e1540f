"""The AI package's prerequisite (CSPM pay-as-you-go) and its AI scan estimate."""

from __future__ import annotations

import asyncio

import pytest
from harness import base_dataset

from cloud_checkup.app.ai_package import ai_scans_used
from cloud_checkup.app.engine import ScanRequest
from cloud_checkup.app.runner import SandboxTarget, ai_preflight
from cloud_checkup.checks import Package, catalogue


def _preflight(tmp_path, services, deny=()):
    import yaml

    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(base_dataset(services, deny=deny)), encoding="utf-8")
    request = ScanRequest(packages=frozenset({Package.STANDARD}))
    return asyncio.run(ai_preflight(SandboxTarget(path), request))


def _sas(switch):
    config = {"Version": 3, "RequestId": "x"}
    if switch is not None:
        config["PostPayModuleSwitch"] = switch
    return {"sas": {"global": {"DescribeVersionConfig": config}}}


def test_the_ai_package_is_available_when_cspm_pay_as_you_go_is_on(tmp_path):
    # The switches arrive as a JSON object inside a string.
    preflight = _preflight(tmp_path, _sas('{"VUL":1,"CSPM":1}'))
    assert preflight.status.available
    assert preflight.estimate is not None
    assert preflight.estimate.items == sum(
        1 for c in catalogue().values() if c.package is Package.AI
    )


@pytest.mark.parametrize("switch", ['{"VUL":1,"CSPM":0}', None, ""])
def test_the_ai_package_is_unavailable_when_cspm_is_off_or_never_set(tmp_path, switch):
    preflight = _preflight(tmp_path, _sas(switch))
    assert not preflight.status.available
    assert "CSPM" in preflight.status.reason
    assert "basic fee" in preflight.status.how_to_enable
    assert preflight.estimate is None


def test_unreadable_security_center_settings_say_which_permission(tmp_path):
    preflight = _preflight(
        tmp_path, _sas('{"CSPM":1}'), deny=["yundun-sas:DescribeVersionConfig"]
    )
    assert not preflight.status.available
    assert "yundun-sas:DescribeVersionConfig" in preflight.status.reason


def test_a_switch_value_that_is_not_json_is_not_taken_for_on(tmp_path):
    preflight = _preflight(tmp_path, _sas("{CSPM:1"))
    assert not preflight.status.available


def test_ai_scans_used_counts_one_per_ai_item_per_asset_evaluated():
    from datetime import UTC, datetime

    from cloud_checkup.app.model import Account, ItemResult, ScanResult
    from cloud_checkup.checks.base import Finding, Status

    items = list(catalogue().values())
    ai = [c.id for c in items if c.package is Package.AI][:2]
    standard = next(c.id for c in items if c.package is Package.STANDARD)
    results = [
        ItemResult(
            ai[0],
            Status.FAIL,
            findings=[
                Finding.failed("dsw-1", "open"),
                Finding.passed("dsw-2"),
                Finding.unknown("dsw-3", "could not read"),
            ],
        ),
        ItemResult(ai[1], Status.PASS, findings=[Finding.passed("eas-1")]),
        ItemResult(standard, Status.FAIL, findings=[Finding.failed("sg-1", "x")] * 5),
    ]
    scan = ScanResult(
        "s",
        Account("1", None, "arn"),
        datetime.now(UTC),
        None,
        ["standard", "ai"],
        ["cn-hangzhou"],
        results,
    )
    # Two assets evaluated by the first AI item, one by the second; the unreadable
    # asset and the standard item cost no AI scans.
    assert ai_scans_used(scan, catalogue()) == 3


def test_the_estimate_is_what_the_demo_scan_counts_item_by_item():
    from cloud_checkup.app.runner import ScanJob, demo_target

    request = ScanRequest(packages=frozenset(Package))
    estimate = asyncio.run(ai_preflight(demo_target(), request)).estimate
    scan = asyncio.run(ScanJob(demo_target(), request).run())

    ai_items = [c for c in catalogue().values() if c.package is Package.AI]
    assert list(estimate.scans_by_item) == [c.id for c in ai_items]
    judged = {
        r.check_id: len({f.resource_id for f in r.findings})
        for r in scan.results
        if r.check_id in estimate.scans_by_item
    }
    assert estimate.scans_by_item == judged
    assert estimate.scans == ai_scans_used(scan, catalogue()) > 0
    # An item scans only the assets of its kind, not every AI asset.
    assert estimate.scans < estimate.assets * estimate.items


def test_an_item_is_estimated_on_the_assets_it_judges_only(tmp_path):
    # Two ECS instances, one with a GPU: the GPU items judge one asset each.
    instances = [
        {"InstanceId": "i-gpu", "GPUAmount": 1, "InstanceChargeType": "PostPaid"},
        {"InstanceId": "i-web", "GPUAmount": 0, "InstanceChargeType": "PostPaid"},
    ]
    services = _sas('{"CSPM":1}')
    services["ecs"] = {
        "cn-hangzhou": {
            "DescribeInstances": {
                "Instances": {"Instance": instances},
                "TotalCount": 2,
            }
        }
    }
    estimate = _preflight(tmp_path, services).estimate
    gpu_items = [i for i in estimate.scans_by_item if i.startswith("ecs-gpu-")]
    assert gpu_items
    assert all(estimate.scans_by_item[i] == 1 for i in gpu_items)
