"""A user's second checkup: one finding fixed, one accepted, and the change reported.

Runs the command line as a user would, on a copy of the demo account whose password
policy has been fixed between the scans, with one security group failure accepted as
an exception in between. The JSON and the HTML report of the second scan must say
exactly that: one item fixed, one excepted, and the score's change.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cloud_checkup.app.runner import demo_dataset_path

FIXED_ITEM = "ram-password-policy-strength"
ACCEPTED_ITEM = "ecs-security-group-no-public-remote-admin"
ACCEPTED_RESOURCE = "sg-bp1shopops"
REASON = "Ops bastion; SSH is limited by the host firewall until the VPN is ready"


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cloud_checkup.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def account(tmp_path, monkeypatch):
    import os

    dataset = tmp_path / "demo-copy"
    shutil.copytree(demo_dataset_path(), dataset)
    env = dict(os.environ, CLOUD_CHECKUP_DATA_DIR=str(tmp_path / "history"))
    return dataset, env


def fix_password_policy(dataset: Path) -> None:
    ram = dataset / "services" / "ram.yaml"
    text = ram.read_text(encoding="utf-8")
    for weak, strong in (
        ("MinimumPasswordLength: 8", "MinimumPasswordLength: 14"),
        ("RequireSymbols: false", "RequireSymbols: true"),
    ):
        assert weak in text, f"the demo's password policy changed: {weak!r} is gone"
        text = text.replace(weak, strong, 1)
    ram.write_text(text, encoding="utf-8")


def test_a_second_scan_shows_one_fixed_one_excepted_and_the_score_change(
    account, tmp_path
):
    dataset, env = account
    first = cli(
        "scan", "--sandbox", str(dataset), "--json", str(tmp_path / "a.json"), env=env
    )
    assert first.returncode == 0, first.stderr
    before = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    statuses = {r["check_id"]: r["status"] for r in before["results"]}
    assert statuses[FIXED_ITEM] == "fail" and statuses[ACCEPTED_ITEM] == "fail"

    added = cli(
        "exceptions",
        "add",
        "--check",
        ACCEPTED_ITEM,
        "--resource",
        ACCEPTED_RESOURCE,
        "--reason",
        REASON,
        env=env,
    )
    assert added.returncode == 0, added.stderr
    fix_password_policy(dataset)
    second = cli(
        "scan",
        "--sandbox",
        str(dataset),
        "--json",
        str(tmp_path / "b.json"),
        "--html",
        str(tmp_path / "b.html"),
        env=env,
    )
    assert second.returncode == 0, second.stderr

    after = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    results = {r["check_id"]: r for r in after["results"]}
    changes = {
        check_id: r["change"]["kind"]
        for check_id, r in results.items()
        if r.get("change") and r["change"]["kind"] != "unchanged"
    }
    assert changes == {FIXED_ITEM: "fixed", ACCEPTED_ITEM: "excepted"}
    assert results[FIXED_ITEM]["status"] == "pass"
    accepted = results[ACCEPTED_ITEM]
    assert accepted["status"] == "excepted"
    assert accepted["exceptions"][0]["reason"] == REASON
    assert accepted["exceptions"][0]["covers"] == f"resource {ACCEPTED_RESOURCE}"
    assert after["score"]["value"] > before["score"]["value"]
    delta = after["score"]["value"] - before["score"]["value"]
    assert f"{delta:+d} since" in second.stderr

    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "Changes since the previous scan" in html
    assert "Accepted risks" in html and REASON in html
    assert html.count('id="item-') == len(after["results"])
