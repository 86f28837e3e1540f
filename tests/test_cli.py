"""The command line's contract (PRODUCT.md): outputs, exit codes and the AI package."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import subprocess
import sys

import pytest
import yaml
from harness import base_dataset

from cloud_checkup.app.cloud import CloudClient
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.endpoints import ram_action
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.app.engine import Scanner, ScanRequest
from cloud_checkup.app.runner import demo_dataset_path
from cloud_checkup.checks import Category, Package, catalogue
from cloud_checkup.sandbox import Sandbox, load_dataset


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, CLOUD_CHECKUP_DATA_DIR=str(tmp_path / "history"))


def cli(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "cloud_checkup.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_scan_demo_prints_a_result_with_items_in_all_five_categories(env):
    done = cli("scan", "--demo", "--ai", "--json", "-", env=env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # progress goes to stderr, never into the JSON
    assert result["format"] == "cloud-checkup-result/1"
    assert {"id", "alias", "identity"} <= set(result["account"])
    assert {r["category"] for r in result["results"]} == {c.value for c in Category}
    statuses = {r["status"] for r in result["results"]}
    assert {"pass", "fail"} <= statuses
    for failing in (r for r in result["results"] if r["status"] == "fail"):
        assert any(res["status"] == "fail" for res in failing["resources"]), failing
    assert 0 <= result["score"]["value"] <= 100 and result["score"]["tier"]


def test_scan_failures_exit_non_zero_with_words_not_tracebacks(env, tmp_path):
    missing = cli("scan", "--sandbox", str(tmp_path / "nope.yaml"), env=env)
    assert missing.returncode != 0 and "no such dataset" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: [unclosed\n", encoding="utf-8")
    bad = cli("scan", "--sandbox", str(broken), env=env)
    assert bad.returncode != 0 and "broken.yaml" in bad.stderr
    unknown = cli("scan", "--demo", "--checks", "no-such-item", env=env)
    assert unknown.returncode != 0 and "no-such-item" in unknown.stderr
    region = cli("scan", "--demo", "--regions", "xx-nowhere-1", env=env)
    assert region.returncode != 0 and "xx-nowhere-1" in region.stderr
    for done in (missing, bad, unknown, region):
        assert "Traceback" not in done.stderr


def test_ai_items_the_allowance_does_not_cover_are_reported_not_checked(env):
    # The demo account's data served as any other dataset: the demo itself can
    # never be billed and so never asks.
    account = ("--sandbox", str(demo_dataset_path()))
    ai_ids = {c.id for c in catalogue().values() if c.package is Package.AI}
    unclaimed = cli("scan", *account, "--ai", "--json", "-", env=env)
    assert unclaimed.returncode == 0, unclaimed.stderr
    results = json.loads(unclaimed.stdout)["results"]
    left_out = {r["check_id"]: r for r in results if r["check_id"] in ai_ids}
    assert set(left_out) == ai_ids  # in the report, not only on stderr
    for result in left_out.values():
        assert result["status"] == "not_checked"
        assert "has not been claimed" in result["reason"]
        assert f"ai-allowance claim --sandbox {account[1]}" in result["reason"]
        assert "--accept-ai-charges" in result["reason"]
    assert f"ai-allowance claim --sandbox {account[1]}" in unclaimed.stderr

    claimed = cli("ai-allowance", "claim", *account, env=env)
    assert claimed.returncode == 0 and "1000 of 1000" in claimed.stdout
    covered = cli("scan", *account, "--ai", "--json", "-", env=env)
    statuses = {
        r["status"]
        for r in json.loads(covered.stdout)["results"]
        if r["check_id"] in ai_ids
    }
    assert "not_checked" not in statuses
    # What the scan said it would use is what the allowance was charged.
    estimated = int(re.search(r"AI package: (\d+) AI scans? ", covered.stderr)[1])
    shown = cli("ai-allowance", "show", *account, env=env)
    assert f"{1000 - estimated} of 1000 free AI scans left" in shown.stdout
    assert f"({estimated} used)" in shown.stdout


def test_an_ai_item_named_without_ai_is_refused_in_one_line_naming_ai(env):
    done = cli("scan", "--demo", "--checks", "pai-dsw-no-internet-access", env=env)
    assert done.returncode == 2
    assert "--ai" in done.stderr and "pai-dsw-no-internet-access" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_ai_item_named_with_ai_goes_through_the_allowance(env):
    account = ("--sandbox", str(demo_dataset_path()))
    item = "pai-dsw-no-internet-access"
    done = cli("scan", *account, "--ai", "--checks", item, "--json", "-", env=env)
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)["results"]
    assert result["check_id"] == item and result["status"] == "not_checked"
    assert "AI package: 1 AI scan (1 AI item," in done.stderr


def test_ai_without_cspm_says_why_and_how_to_turn_it_on(env, tmp_path):
    dataset = base_dataset(
        {
            "sas": {
                "global": {
                    "DescribeVersionConfig": {"PostPayModuleSwitch": '{"CSPM":0}'}
                }
            }
        }
    )
    path = tmp_path / "no-cspm.yaml"
    path.write_text(yaml.safe_dump(dataset), encoding="utf-8")
    done = cli("scan", "--sandbox", str(path), "--ai", env=env)
    assert done.returncode != 0
    assert "CSPM" in done.stderr and "basic fee" in done.stderr


def test_policy_is_valid_ram_json_of_reads_covering_every_action_a_full_scan_calls(env):
    done = cli("policy", "--ai", env=env)
    policy = json.loads(done.stdout)
    [statement] = policy["Statement"]
    assert policy["Version"] == "1" and statement["Effect"] == "Allow"
    granted = set(statement["Action"])

    async def received():
        loaded = load_dataset(demo_dataset_path())
        sandbox = Sandbox(loaded, host="127.0.0.1", port=0)
        await sandbox.start()
        try:
            identity = next(iter(loaded.identities.values()))
            credential = Credential(identity.access_key_id, identity.access_key_secret)
            async with Transport(Destination.sandbox(sandbox.url)) as transport:
                cloud = CloudClient(StaticCredentials(credential), transport)
                await Scanner(cloud).run(ScanRequest(packages=frozenset(Package)))
            return {ram_action(r.product, r.action) for r in sandbox.requests}, sandbox
        finally:
            await sandbox.stop()

    called, sandbox = asyncio.run(received())
    assert all(r.signature_valid and r.read_only for r in sandbox.requests)
    assert called <= granted, called - granted


def test_conflicting_or_unwritable_outputs_are_refused_before_scanning(env, tmp_path):
    both = cli("scan", "--demo", "--json", "-", "--html", "-", env=env)
    assert both.returncode == 2 and "standard output" in both.stderr
    same = tmp_path / "r.out"
    twice = cli("scan", "--demo", "--json", str(same), "--html", str(same), env=env)
    assert twice.returncode == 2 and "its own file" in twice.stderr
    folder = cli("scan", "--demo", "--json", str(tmp_path), env=env)
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    nowhere = cli("scan", "--demo", "--json", str(tmp_path / "no" / "r.json"), env=env)
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    (tmp_path / "notes.txt").write_text("")
    under_a_file = cli(
        "scan", "--demo", "--json", str(tmp_path / "notes.txt" / "r"), env=env
    )
    assert "notes.txt is a file, not a folder" in under_a_file.stderr
    missing = cli("scan", "--sandbox", str(tmp_path / "gone.json"), env=env)
    assert "gone.json: no such dataset file or folder" in missing.stderr
    for done in (both, twice, folder, nowhere, under_a_file):
        assert "Scanning" not in done.stderr  # refused before any API call


def test_a_closed_pipe_is_not_a_traceback(env):
    done = subprocess.run(
        f"{sys.executable} -m cloud_checkup.cli checks list --format json | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_the_sandbox_checks_its_dataset_and_port_before_saying_it_serves(env, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: nope\n", encoding="utf-8")
    refused = cli("sandbox", "--dataset", str(bad), "--port", "0", env=env)
    assert refused.returncode == 2 and "Serving" not in refused.stderr
    assert "bad.yaml" in refused.stderr
    wrong_port = cli("sandbox", "--port", "70000", env=env)
    assert wrong_port.returncode == 2 and "0 to 65535" in wrong_port.stderr


def test_sandbox_generate_writes_a_dataset_a_scan_can_read(env, tmp_path):
    out = tmp_path / "big.json"
    made = cli(
        "sandbox",
        "generate",
        "--regions",
        "2",
        "--resources",
        "40",
        "-o",
        str(out),
        env=env,
    )
    assert made.returncode == 0, made.stderr
    scanned = cli("scan", "--sandbox", str(out), "--json", "-", "--no-history", env=env)
    assert scanned.returncode == 0, scanned.stderr
    assert len(json.loads(scanned.stdout)["regions"]) == 2


def test_sandbox_serves_with_faults_and_stops_on_interrupt(env):
    import signal

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cloud_checkup.cli",
            "sandbox",
            "--port",
            "0",
            "--faults",
            "seed=3;latency=0.01",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = server.stderr.readline()
        assert "Serving" in line and "http://127.0.0.1:" in line
        assert not line.rstrip().endswith(":0 (Ctrl+C to stop)")
        # A newcomer can add a profile without opening the dataset for the key id.
        assert "accepts the AccessKey ID(s) LTAI5tDemoAuditor0001" in (
            server.stderr.readline()
        )
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0


def test_a_port_in_use_is_said_in_words(env):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = cli("sandbox", "--port", str(port), env=env)

    assert done.returncode == 1, done.stderr
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use." in done.stderr
    assert "('127.0.0.1'" not in done.stderr


def test_a_scan_is_compared_only_with_a_scan_of_the_same_packages(env):
    with_ai = cli("scan", "--demo", "--ai", env=env)
    assert with_ai.returncode == 0, with_ai.stderr
    standard = cli("scan", "--demo", env=env)
    assert "since" not in standard.stderr  # nothing comparable: no score change
    again = cli("scan", "--demo", env=env)
    assert "Unchanged since" in again.stderr or "+0 since" in again.stderr


def test_an_interrupted_scan_says_what_was_kept_and_reads_as_interrupted(env, tmp_path):
    import signal

    big = tmp_path / "big.json"
    made = cli(
        "sandbox",
        "generate",
        "--regions",
        "5",
        "--resources",
        "3000",
        "-o",
        str(big),
        env=env,
    )
    assert made.returncode == 0, made.stderr
    scan = subprocess.Popen(
        [sys.executable, "-m", "cloud_checkup.cli", "scan", "--sandbox", str(big)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert "Scanning" in scan.stderr.readline()  # recorded before it is printed
    scan.send_signal(signal.SIGINT)
    said = scan.stderr.read()

    assert scan.wait(timeout=60) == 130, said
    [kept] = json.loads(cli("history", "list", "--format", "json", env=env).stdout)
    assert kept["status"] == "interrupted"
    assert f"kept in the history as scan {kept['scan_id'][:8]}" in said
    assert "cannot be resumed: run it again" in said and "Traceback" not in said
    shown = cli("history", "show", kept["scan_id"], "--json", "-", env=env)
    document = json.loads(shown.stdout)
    assert document["cancelled"] is True and document["not_reached"]
    assert document["score"]["coverage"] < 1


def test_an_unwritable_report_folder_is_refused_before_scanning_in_words(env):
    # Root may write where the mode bits say no; sysfs refuses new files to anyone.
    done = cli("scan", "--demo", "--json", "/sys/x.json", env=env)

    assert done.returncode == 2, done.stderr
    assert "Scanning" not in done.stderr
    assert "cannot write in the folder /sys" in done.stderr
    assert "Errno" not in done.stderr and ".partial" not in done.stderr


def test_a_report_that_fails_after_the_scan_says_how_to_export_it_again(
    tmp_path, monkeypatch, capsys
):
    import argparse

    from cloud_checkup import cli as cli_module
    from cloud_checkup import reports
    from cloud_checkup.app.model import Account, ScanResult

    def refused(scan, target, previous=None):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".r.partial"))

    monkeypatch.setitem(reports.EXPORTERS, "json", refused)
    scan = ScanResult(
        "0123456789abcdef", Account("1", None, ""), None, None, [], [], []
    )
    args = argparse.Namespace(json=str(tmp_path / "r.json"), csv=None, html=None)

    assert cli_module._write_reports(scan, args, kept=True) == 1

    said = capsys.readouterr().err
    assert "could not write the JSON report" in said and "permission denied" in said
    assert "Errno" not in said and ".partial" not in said
    assert "cloud-checkup history show 01234567 --json FILE" in said


def test_every_option_and_argument_of_every_command_says_what_it_is_for():
    from cloud_checkup.cli import build_parser

    def unexplained(parser, path):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from unexplained(sub, f"{path} {name}")
            elif not isinstance(action, argparse._HelpAction) and not action.help:
                yield f"{path} {'/'.join(action.option_strings) or action.dest}"

    assert list(unexplained(build_parser(), "cloud-checkup")) == []


def test_a_cli_scan_applies_the_retention_rule_of_the_settings(env, tmp_path):
    config = tmp_path / "config"
    (config / "cloud-checkup").mkdir(parents=True)
    (config / "cloud-checkup" / "preferences.json").write_text(
        json.dumps(
            {
                "format": "cloud-checkup-preferences/1",
                "retention": {"keep": "last", "count": 1},
            }
        )
    )
    env = dict(env, XDG_CONFIG_HOME=str(config))
    assert cli("scan", "--demo", env=env).returncode == 0

    second = cli("scan", "--demo", env=env)

    assert "Removed 1 older scan from the history" in second.stderr
    listed = json.loads(cli("history", "list", "--format", "json", env=env).stdout)
    assert len(listed) == 1


RESUMED_ITEMS = ("ram-password-policy-strength", "root-account-mfa-enabled")


def _interrupted_demo_scan(env, monkeypatch):
    """A demo scan of RESUMED_ITEMS whose CLI died after recording the first."""
    from cloud_checkup.app.events import ItemFinished, ScanStarted
    from cloud_checkup.app.runner import ScanJob, ScanRequest, demo_target
    from cloud_checkup.app.store import Recorder, Store

    monkeypatch.setenv("CLOUD_CHECKUP_DATA_DIR", env["CLOUD_CHECKUP_DATA_DIR"])
    request = ScanRequest(check_ids=frozenset(RESUMED_ITEMS))
    finished = asyncio.run(ScanJob(demo_target(), request).run())
    with Store() as store:
        recorder = Recorder(store, request, target=demo_target().name)
        recorder(
            ScanStarted(
                finished.scan_id,
                {},
                tuple(finished.regions),
                finished.account,
                finished.started_at,
            )
        )
        recorder(ItemFinished(finished.results[0]))
        recorder.interrupted()
        [interrupted] = store.interrupted_scans()
    return interrupted


def test_an_interrupted_scan_of_the_demo_is_finished_with_resume(env, monkeypatch):
    from cloud_checkup.app.store import Store

    interrupted = _interrupted_demo_scan(env, monkeypatch)
    refused = cli("scan", "--resume", interrupted.scan_id[:8], "--ai", env=env)
    assert refused.returncode == 2 and "leave out --ai" in refused.stderr
    done = cli("scan", "--resume", interrupted.scan_id[:8], "--json", "-", env=env)

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {r["check_id"] for r in report["results"]} == set(RESUMED_ITEMS)
    with Store() as store:
        assert store.interrupted_scans() == []
        assert [s.scan_id for s in store.scans()] == [interrupted.scan_id]
    again = cli("scan", "--resume", interrupted.scan_id[:8], env=env)
    assert again.returncode == 1 and "no interrupted scan" in again.stderr


def test_resuming_a_scan_of_some_items_names_no_change_of_score(env, monkeypatch):
    # As for --checks itself: the score of two items is not the account's score.
    assert cli("scan", "--demo", env=env).returncode == 0
    interrupted = _interrupted_demo_scan(env, monkeypatch)

    done = cli("scan", "--resume", interrupted.scan_id[:8], env=env)

    assert done.returncode == 0, done.stderr
    summary = done.stderr.splitlines()[-1]
    assert summary.startswith("Health score") and "since" not in summary


def test_resuming_an_empty_scan_id_says_no_such_scan(env):
    # Not taken for no --resume at all, which asked for a profile named None.
    result = cli("scan", "--resume", "", env=env)
    assert result.returncode == 1
    assert "no interrupted scan" in result.stderr and "None" not in result.stderr
