"""The result JSON keeps its contract fields and tells the same story as the scan."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from cloud_checkup.app.model import Account
from cloud_checkup.app.score import FORMULA
from cloud_checkup.reports import export_json, to_json


def _by_id(document):
    return {r["check_id"]: r for r in document["results"]}


def test_contract_fields_and_values(scan, catalogue):
    document = to_json(scan, catalogue=catalogue)

    assert document["format"] == "cloud-checkup-result/1"
    assert document["account"] == {
        "id": "1234567890123456",
        "alias": "demo-shop",
        "identity": "acs:ram::1234567890123456:user/audit",
    }
    assert document["started_at"] == "2026-12-04T10:00:00Z"
    assert document["finished_at"] == "2026-12-04T10:02:13Z"
    assert document["packages"] == ["standard"]
    assert document["score"]["value"] == scan.score.value
    assert document["score"]["tier"] == scan.score.tier
    assert set(document["score"]["categories"]) == {
        "identity",
        "infrastructure",
        "resilience",
        "stability",
        "ai",
    }
    assert document["score"]["categories"]["ai"] is None
    for result in document["results"]:
        assert {
            "check_id",
            "title",
            "category",
            "severity",
            "status",
            "reason",
            "resources",
        } <= set(result)
        for resource in result["resources"]:
            assert {"id", "region", "status", "detail"} <= set(resource)


def test_results_carry_findings_metadata_and_reasons(scan, catalogue):
    results = _by_id(to_json(scan, catalogue=catalogue))

    sg = results["ecs-sg-no-open-admin-ports"]
    assert (sg["title"], sg["category"], sg["severity"], sg["status"]) == (
        "Title of ecs-sg-no-open-admin-ports",
        "infrastructure",
        "high",
        "fail",
    )
    assert [(r["id"], r["region"], r["status"]) for r in sg["resources"]] == [
        ("sg-bp1open22", "cn-hangzhou", "fail"),
        ("sg-bp2open3389", "ap-southeast-1", "fail"),
        ("sg-bp3chinese", None, "fail"),
        ("sg-bp4closed", None, "pass"),
    ]
    assert sg["resources"][2]["name"] == "生产-数据库"
    assert sg["remediation"]["console_path"][-1] == "Security Groups"
    assert sg["top10"] == 2

    mfa = results["ram-user-mfa"]
    assert mfa["status"] == "not_checked"
    assert mfa["reason"] == "Permission denied: ram:ListUsers"
    assert mfa["missing_actions"] == ["ram:ListUsers", "ram:GetLoginProfile"]
    assert results["rds-multi-zone"]["resources"] == []
    assert results["oss-bucket-no-public-read"]["status"] == "excepted"


def test_check_missing_from_catalogue_still_exports(scan, catalogue):
    legacy = _by_id(to_json(scan, catalogue=catalogue))["legacy-removed-check"]

    assert legacy["title"] == "legacy-removed-check"
    assert legacy["category"] is None
    assert legacy["severity"] is None
    assert legacy["in_catalogue"] is False
    assert legacy["resources"][0]["id"] == "i-legacy1"


def test_exports_with_an_empty_catalogue(scan):
    document = to_json(replace(scan, score=None), catalogue={})

    assert [r["title"] for r in document["results"]] == [
        r["check_id"] for r in document["results"]
    ]
    assert document["score"]["value"] == 100


def test_missing_score_is_computed_with_the_formula(scan, catalogue):
    document = to_json(replace(scan, score=None), catalogue=catalogue)

    assert document["score"]["value"] == scan.score.value
    assert document["score"]["formula"] == FORMULA


def test_high_severity_failures_come_first_in_their_category(scan, catalogue):
    results = to_json(scan, catalogue=catalogue)["results"]
    infrastructure = [
        r["check_id"] for r in results if r["category"] == "infrastructure"
    ]

    assert infrastructure == ["ecs-sg-no-open-admin-ports", "oss-bucket-no-public-read"]
    assert results[-1]["check_id"] == "legacy-removed-check"


def test_top10_lists_ranked_checks_with_this_account_status(scan, catalogue):
    top10 = to_json(scan, catalogue=catalogue)["top10"]

    assert [(e["rank"], e["check_id"], e["status"]) for e in top10] == [
        (1, "ram-root-no-accesskey", "pass"),
        (2, "ecs-sg-no-open-admin-ports", "fail"),
        (3, "ram-user-mfa", "not_checked"),
        (4, "actiontrail-multi-region", None),
    ]
    assert top10[1]["failing_resources"] == 3


def test_changes_since_previous_scan(scan, previous, catalogue):
    document = to_json(scan, catalogue=catalogue, previous=previous)
    results = _by_id(document)

    assert results["ram-root-no-accesskey"]["change"]["kind"] == "fixed"
    assert results["slb-health-check"]["change"]["kind"] == "new"
    assert results["oss-bucket-no-public-read"]["change"]["kind"] == "excepted"
    assert results["ram-user-mfa"]["change"]["kind"] == "not_compared"
    sg = results["ecs-sg-no-open-admin-ports"]["change"]
    assert sg["kind"] == "unchanged"
    assert [r["id"] for r in sg["new_resources"]] == ["sg-bp2open3389", "sg-bp3chinese"]
    assert sg["fixed_resources"] == [{"id": "sg-gone", "region": "cn-hangzhou"}]
    assert document["previous"]["scan_id"] == "scan-1"
    assert [e["change"] for e in document["top10"][:2]] == ["fixed", "unchanged"]


def test_previous_scan_of_another_account_is_refused(scan, previous, catalogue):
    other = replace(previous, account=Account("999", None, "acs:ram::999:root"))

    with pytest.raises(ValueError, match="account 999"):
        to_json(scan, catalogue=catalogue, previous=other)


def test_naive_and_offset_times_are_written_in_utc(scan, catalogue):
    beijing = timezone(timedelta(hours=8))
    shifted = replace(
        scan,
        started_at=datetime(2026, 12, 4, 18, 0, tzinfo=beijing),
        finished_at=datetime(2026, 12, 4, 10, 5),
    )
    document = to_json(shifted, catalogue=catalogue)

    assert document["started_at"] == "2026-12-04T10:00:00Z"
    assert document["finished_at"] == "2026-12-04T10:05:00Z"
    assert document["duration_seconds"] == 300


def test_unfinished_scan_exports(scan, catalogue):
    document = to_json(
        replace(scan, finished_at=None, cancelled=True), catalogue=catalogue
    )

    assert document["finished_at"] is None
    assert document["cancelled"] is True


def test_export_to_path_and_stream_write_the_same_document(scan, catalogue, tmp_path):
    path = tmp_path / "result.json"
    stream = io.StringIO()

    export_json(scan, path, catalogue=catalogue)
    export_json(scan, stream, catalogue=catalogue)

    assert not stream.closed
    written = path.read_text(encoding="utf-8")
    assert json.loads(written) == json.loads(stream.getvalue())
    assert json.loads(written) == to_json(scan, catalogue=catalogue)
    assert "生产-数据库" in written
    assert list(tmp_path.iterdir()) == [path]
