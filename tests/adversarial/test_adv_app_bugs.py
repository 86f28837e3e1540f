"""Bugs found in ``cloud_checkup/app`` (collector, store, score, CLI), for its owner.

Each test names the input, the wrong behaviour and the proposed fix. They fail until
``app/`` is fixed (the score case is fixed already and stays as a guard); the checks
and the sandbox are not at fault.
"""

from __future__ import annotations

import json

import pytest
from data import (
    REGION,
    ecs_instances,
    instance,
    oss_buckets,
    ram_users,
    scan,
    user_policies,
)
from harness import base_dataset

from cloud_checkup.app.model import ItemResult
from cloud_checkup.app.score import compute_score
from cloud_checkup.app.store import Store, StoreError
from cloud_checkup.checks import Status, catalogue

IMDS = "ecs-instance-metadata-imdsv2"
USER_ADMIN = "ram-user-no-administrator-access"
BUCKET_PUBLIC = "oss-bucket-not-public"


# --- collector: an answer without its list is not an empty list ----------------------


def test_a_list_answer_without_its_list_is_not_checked_not_empty():
    # DescribeInstances always carries Instances.Instance (empty or not). Today the
    # collector reads a body without it as "no instances" and the item is
    # not_applicable. Proposed: in collect._items, when the first segment of the
    # items path is missing from a list body, raise CloudError("Response.NoList").
    hollow = {"ecs": {REGION: {"DescribeInstances": {"RequestId": "hollow"}}}}
    assert scan(IMDS, hollow).status is Status.NOT_CHECKED


def test_a_detail_answer_without_its_part_is_not_checked_not_empty():
    # ListPoliciesForUser always carries Policies. Today collect._fetch_detail turns
    # a missing ``items`` path into an empty record and the user passes with "no
    # policies". Proposed: return DetailError(key, "Response.NoItems", ...) instead.
    policies = user_policies({"alice": [("AdministratorAccess", "System")]})
    policies["ram"]["global"]["ListPoliciesForUser"]["responses"]["alice"] = {
        "RequestId": "hollow"
    }
    assert scan(USER_ADMIN, ram_users("alice"), policies).status is Status.NOT_CHECKED


def test_an_oss_bucket_info_without_the_bucket_is_not_checked_not_private():
    # Same collector gap for XML: <BucketInfo/> without <Bucket> becomes {} and the
    # bucket passes as private.
    buckets = oss_buckets({"shop-static": {"AccessControlList": {"Grant": "public"}}})
    answers = buckets["oss"]["global"]["GetBucketInfo"]["responses"]
    answers["shop-static"] = {"BucketInfo": {"Owner": {"ID": "1"}}}
    assert scan(BUCKET_PUBLIC, buckets).status is Status.NOT_CHECKED


def test_a_listed_item_that_is_not_an_object_is_a_clear_not_checked():
    # Instances.Instance: [1] makes Record.get raise TypeError inside fetch_list:
    # "internal error while reading" and a logged traceback per item. Proposed: in
    # Collector._fetch_region, refuse non-mapping items with a CloudError naming
    # the action ("listed an item that is not an object").
    data = ecs_instances(instance("i-good"))
    data["ecs"][REGION]["DescribeInstances"]["Instances"]["Instance"].append(1)
    result = scan(IMDS, data)
    assert result.status is Status.NOT_CHECKED
    assert "internal error" not in (result.reason or "")


# --- score: nothing read is no score ---------------------------------------------


def test_a_scan_that_read_nothing_is_not_rated_excellent():
    # Every item not_checked (a key without permissions) scored 100 "Excellent";
    # score.py now rates it "Incomplete". Kept as a guard.
    results = [
        ItemResult(item, Status.NOT_CHECKED, "permission denied", [])
        for item in catalogue()
    ]
    score = compute_score(results, catalogue())
    assert score.tier != "Excellent"


# --- store: an unusable folder is a StoreError, and an intact file is not "damaged" ---


def test_a_data_folder_that_is_a_file_is_a_store_error(tmp_path):
    # Store.__init__ calls mkdir outside any try: FileExistsError escapes and the CLI
    # prints a traceback. Proposed: wrap the mkdir and raise StoreError naming it.
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError):
        Store(blocker / "history.sqlite3")


def test_an_intact_history_that_cannot_be_opened_for_writing_is_not_called_damaged(
    tmp_path,
):
    # A read-only folder makes SQLite fail to open its -wal/-shm files. _open takes any
    # sqlite3.DatabaseError for damage, copies the file as "damaged" (the copy itself
    # then fails: IsADirectoryError/PermissionError escapes) and tells the user to
    # move an intact history away. A -wal that is a folder stands in for the
    # read-only folder, which root (the test runner) could still write.
    # Proposed: open with "file:...?mode=ro" first and run quick_check there; only a
    # failing check is damage, anything else is "cannot be written" (StoreError).
    path = tmp_path / "history.sqlite3"
    with Store(path):
        pass
    for side in ("-wal", "-shm"):
        side_file = path.with_name(path.name + side)
        if side_file.exists():
            side_file.unlink()
        side_file.mkdir()
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert "damaged" not in str(raised.value)
    assert not list(tmp_path.glob("*.damaged-*"))


def test_a_scan_with_an_unusable_history_folder_still_completes(tmp_path, monkeypatch):
    # The brief: a scan with the store unwritable still completes. Today the CLI
    # stops with a traceback (or exit 1) before scanning. Proposed: _history() yields
    # None (or a no-op store) after printing the StoreError, and the scan runs
    # without history.
    from cloud_checkup.cli import main

    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLOUD_CHECKUP_DATA_DIR", str(blocker))
    dataset = tmp_path / "account.json"
    dataset.write_text(json.dumps(base_dataset({})))
    report = tmp_path / "result.json"
    code = main(
        ["scan", "--sandbox", str(dataset), "--checks", IMDS, "--json", str(report)]
    )
    assert code == 0
    assert json.loads(report.read_text())["results"][0]["check_id"] == IMDS


# --- engine: unreachable regions are not a permission problem ------------------------


def test_regions_unreachable_is_not_reported_as_a_missing_permission():
    # engine.list_regions says "The identity needs the ecs:DescribeRegions
    # permission" for every CloudError, a dropped connection included, which sends
    # the user to fix RAM policies that are fine. Proposed: use _failure_reason-like
    # wording by kind (permission, throttled, network: "could not reach ...").
    import asyncio

    from harness import ACCESS_KEY_ID, ACCESS_KEY_SECRET, FAST_RETRY

    from cloud_checkup.app.cloud import CloudClient
    from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
    from cloud_checkup.app.cloud.transport import Destination, Transport
    from cloud_checkup.app.engine import ScanError, Scanner, ScanRequest
    from cloud_checkup.sandbox import Sandbox, load_dataset
    from cloud_checkup.sandbox.faults import FaultRule, Faults

    async def run() -> str:
        faults = Faults([FaultRule(match="ecs:DescribeRegions", drop=1.0)])
        sandbox = Sandbox(load_dataset(base_dataset({})), faults=faults)
        await sandbox.start()
        try:
            credential = Credential(ACCESS_KEY_ID, ACCESS_KEY_SECRET, None)
            destination = Destination.sandbox(sandbox.url)
            async with Transport(destination) as transport:
                cloud = CloudClient(
                    StaticCredentials(credential), transport, retry=FAST_RETRY
                )
                with pytest.raises(ScanError) as raised:
                    await Scanner(cloud).run(ScanRequest())
                return str(raised.value)
        finally:
            await sandbox.stop()

    assert "permission" not in asyncio.run(run())
