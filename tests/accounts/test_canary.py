"""A canary secret through profile, test connection, full scan and every export.

Afterwards no file the app wrote, no log record and no console output may hold it.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import io
import logging
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from cloud_checkup import cli_profiles, reports
from cloud_checkup.app.credential_sources import profile_target
from cloud_checkup.app.profiles import ProfileStore
from cloud_checkup.app.runner import ScanJob, ScanRequest, demo_dataset_path
from cloud_checkup.checks import Package
from cloud_checkup.sandbox import Identity, SandboxThread, load_dataset

SECRET_CANARY = "CanarySecret-7d1f0b9e-do-not-leak"
TOKEN_CANARY = "CanaryToken-4a6c2e85-do-not-leak"
KEY_ID = "STS.CanaryAuditorKey"


def canary_dataset():
    demo = load_dataset(demo_dataset_path())
    (auditor,) = demo.identities.values()
    identity = Identity(
        access_key_id=KEY_ID,
        access_key_secret=SECRET_CANARY,
        arn=auditor.arn,
        security_token=TOKEN_CANARY,
    )
    return dataclasses.replace(demo, identities={KEY_ID: identity})


def profiles_command(*argv: str, stdin: str = "") -> int:
    parser = argparse.ArgumentParser()
    cli_profiles.add_parser(parser.add_subparsers(dest="command"))
    saved, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        return cli_profiles.run(parser.parse_args(["profiles", *argv]))
    finally:
        sys.stdin = saved


@pytest.fixture
def everything_logged(tmp_path: Path):
    """Every log record of every logger, at DEBUG, also into a file to search."""
    handler = logging.FileHandler(tmp_path / "app.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield tmp_path / "app.log"
    root.removeHandler(handler)
    root.setLevel(previous)
    handler.close()


def test_no_secret_leaks_from_a_full_scan_and_its_exports(
    tmp_path, private_home, everything_logged, caplog, capfd, keyring_entries
):
    caplog.set_level(logging.DEBUG)
    exports = tmp_path / "exports"
    exports.mkdir()

    with SandboxThread(canary_dataset()) as sandbox:
        added = profiles_command(
            "add", "canary", "--type", "sts", "--access-key-id", KEY_ID,
            "--sandbox-url", sandbox.url, "--secret-stdin",
            stdin=f"{SECRET_CANARY}\n{TOKEN_CANARY}\n",
        )  # fmt: skip
        assert added == 0
        assert profiles_command("list", "--format", "json") == 0
        assert profiles_command("test", "canary") == 0
        scan = asyncio.run(_scan_profile("canary"))
        reports.export_json(scan, exports / "report.json")
        reports.export_csv(scan, exports / "report.csv")
        reports.export_html(scan, exports / "report.html")
        signed = [r for r in sandbox.requests if r.signature_valid]

    # The scan really ran on the canary credential, and it was stored where it belongs.
    assert len(signed) > 20 and scan.results
    assert sorted(keyring_entries.values()) == sorted([SECRET_CANARY, TOKEN_CANARY])

    forms = _forms(SECRET_CANARY) | _forms(TOKEN_CANARY)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {
        "profiles.json", "report.json", "report.csv", "report.html", "app.log",
    }  # fmt: skip
    for path in written:
        content = path.read_bytes()
        for form in forms:
            assert form.encode() not in content, f"{path} holds a secret"

    console = capfd.readouterr()
    logged = caplog.text + "".join(repr(r.args) for r in caplog.records)
    assert caplog.records, "the scan logged nothing; the search would prove nothing"
    for text in (console.out, console.err, logged):
        for form in forms:
            assert form not in text


async def _scan_profile(name: str):
    store = ProfileStore()
    target = await profile_target(await store.get(name), store)
    request = ScanRequest(packages=frozenset({Package.STANDARD, Package.AI}))
    return await ScanJob(target, request).run()


def _forms(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), secret.encode().hex()}
