"""Dataset loading: files, folders, and messages that name the file and the path."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml
from sandbox_client import Client, make_dataset

from cloud_checkup.app.cloud import CloudClient
from cloud_checkup.app.cloud.credentials import Credential, StaticCredentials
from cloud_checkup.app.cloud.transport import Destination, Transport
from cloud_checkup.sandbox import DatasetError, Sandbox, SandboxThread, load_dataset

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "sandbox-example.yaml"


def write(tmp_path: Path, data, name: str = "dataset.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data) if name.endswith("ml") else json.dumps(data))
    return path


def error_for(tmp_path: Path, data) -> DatasetError:
    path = write(tmp_path, data)
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert str(path) in str(caught.value)
    return caught.value


def test_documented_example_loads_and_serves():
    dataset = load_dataset(EXAMPLE)
    assert dataset.account_alias == "demo-shop"
    with SandboxThread(dataset) as sandbox:
        client = Client(sandbox.url, ("LTAI-sandbox-auditor", "sandbox-secret"))
        reply = client.v3("ecs.cn-hangzhou.aliyuncs.com", "DescribeSecurityGroups")
        assert len(reply.json()["SecurityGroups"]["SecurityGroup"]) == 2
    logstore = asyncio.run(_read_example_logstore(dataset))
    assert logstore == {"logstoreName": "access", "ttl": 30}


async def _read_example_logstore(dataset) -> dict:
    """The example's SLS logstore, read by the app's own client."""
    sandbox = Sandbox(dataset)
    await sandbox.start()
    try:
        credential = Credential("LTAI-sandbox-auditor", "sandbox-secret", None)
        async with Transport(Destination.sandbox(sandbox.url)) as transport:
            cloud = CloudClient(StaticCredentials(credential), transport)
            return await cloud.sls(
                "GetLogStore",
                "cn-hangzhou",
                path="/logstores/access",
                project="shop-logs",
            )
    finally:
        await sandbox.stop()


def test_json_file_and_mapping_load(tmp_path):
    assert load_dataset(write(tmp_path, make_dataset(), "d.json")).regions == (
        "cn-hangzhou",
        "ap-southeast-1",
    )
    assert load_dataset(make_dataset()).account_id == "1234567890123456"


def test_responses_that_are_not_a_mapping(tmp_path):
    data = make_dataset()
    data["services"]["ecs"]["cn-hangzhou"]["DescribeSecurityGroupAttribute"] = {
        "by": "SecurityGroupId",
        "responses": ["sg-1"],
    }
    error = error_for(tmp_path, data)
    assert error.path == (
        "services.ecs.cn-hangzhou.DescribeSecurityGroupAttribute.responses"
    )
    assert "must map each id" in str(error)


def test_wrong_format_missing_identity_field_and_bad_region(tmp_path):
    data = make_dataset()
    data["format"] = "something-else/2"
    assert error_for(tmp_path, data).path == "format"

    data = make_dataset()
    del data["identities"][1]["arn"]
    assert error_for(tmp_path, data).path == "identities[1].arn"

    data = make_dataset()
    data["services"]["ecs"]["hangzhou"] = {}
    assert error_for(tmp_path, data).path == "services.ecs.hangzhou"


def test_unknown_product_bad_error_entry_and_bad_deny(tmp_path):
    data = make_dataset()
    data["services"]["ecz"] = {"cn-hangzhou": {}}
    error = error_for(tmp_path, data)
    assert error.path == "services.ecz" and "unknown product" in str(error)

    data = make_dataset()
    data["services"]["actiontrail"]["cn-hangzhou"]["DescribeTrails"] = {
        "$error": {"Code": "X", "HttpStatus": 200}
    }
    error = error_for(tmp_path, data)
    assert (
        error.path
        == "services.actiontrail.cn-hangzhou.DescribeTrails.$error.HttpStatus"
    )

    data = make_dataset()
    data["identities"][0]["deny"] = ["ListUsers"]
    assert error_for(tmp_path, data).path == "identities[0].deny[0]"


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("format: cloud-checkup-sandbox/1\naccount: {id: [\n")
    with pytest.raises(DatasetError, match=r"broken.yaml: is not valid YAML \(line"):
        load_dataset(path)


def test_folder_merges_service_files(tmp_path):
    data = make_dataset()
    services = data.pop("services")
    write(tmp_path, data | {"services": {"ecs": services["ecs"]}})
    (tmp_path / "services").mkdir()
    write(tmp_path / "services", {"ram": services["ram"]}, "ram.yaml")
    write(tmp_path / "services", {"vpc": services["vpc"]}, "vpc.yaml")

    dataset = load_dataset(tmp_path)
    assert set(dataset.services) == {"ecs", "ram", "vpc"}


def test_folder_files_may_add_different_actions_to_one_product_and_region(tmp_path):
    data = make_dataset()
    data.pop("services")
    write(tmp_path, data)
    (tmp_path / "services").mkdir()
    groups = {"SecurityGroups": {"SecurityGroup": [{"SecurityGroupId": "sg-1"}]}}
    disks = {"Disks": {"Disk": [{"DiskId": "d-1"}]}}
    write(
        tmp_path / "services",
        {"ecs": {"cn-hangzhou": {"DescribeDisks": disks}}},
        "a.yaml",
    )
    write(
        tmp_path / "services",
        {"ecs": {"cn-hangzhou": {"DescribeSecurityGroups": groups}}},
        "b.yaml",
    )

    dataset = load_dataset(tmp_path)
    assert set(dataset.services["ecs"]["cn-hangzhou"]) == {
        "DescribeDisks",
        "DescribeSecurityGroups",
    }


def test_folder_with_the_same_action_twice_names_both_files(tmp_path):
    data = make_dataset()
    services = data.pop("services")
    write(tmp_path, data)
    (tmp_path / "services").mkdir()
    write(tmp_path / "services", {"ecs": services["ecs"]}, "a.yaml")
    write(tmp_path / "services", {"ecs": services["ecs"]}, "b.yaml")

    with pytest.raises(DatasetError) as caught:
        load_dataset(tmp_path)
    message = str(caught.value)
    assert "a.yaml" in message and "b.yaml" in message
    assert "ecs.cn-hangzhou.Describe" in message


def test_folder_service_file_errors_name_that_file(tmp_path):
    data = make_dataset()
    data.pop("services")
    write(tmp_path, data)
    (tmp_path / "services").mkdir()
    bad = write(tmp_path / "services", {"ram": {"global": {"listUsers": {}}}}, "r.yaml")
    with pytest.raises(DatasetError) as caught:
        load_dataset(tmp_path)
    assert caught.value.source == str(bad)
    assert caught.value.path == "ram.global.listUsers"


def test_relative_times_keep_a_dataset_the_same_age_whenever_it_is_loaded():
    from datetime import UTC, datetime, timedelta

    data = make_dataset()
    data["services"]["ram"]["global"]["ListUsers"] = {
        "Users": {
            "User": [
                {"UserName": "old", "CreateDate": "@now-100d"},
                {"UserName": "fmt", "CreateDate": "@now+2h|%Y-%m-%dT%H:%MZ"},
                {"UserName": "ms", "CreateDate": "@now|ms"},
            ]
        }
    }
    before = datetime.now(UTC)
    users = load_dataset(data).services["ram"]["global"]["ListUsers"]["Users"]["User"]
    old = datetime.strptime(users[0]["CreateDate"], "%Y-%m-%dT%H:%M:%SZ")
    assert abs(old.replace(tzinfo=UTC) - (before - timedelta(days=100))) < timedelta(
        minutes=1
    )
    assert users[1]["CreateDate"].endswith("Z") and len(users[1]["CreateDate"]) == 17
    assert abs(users[2]["CreateDate"] / 1000 - before.timestamp()) < 60


def test_a_malformed_relative_time_names_its_path():
    data = make_dataset()
    data["services"]["ram"]["global"]["ListUsers"] = {
        "Users": {"User": [{"UserName": "x", "CreateDate": "@now-3 weeks"}]}
    }
    with pytest.raises(DatasetError, match=r"ListUsers\.Users\.User\[0\]\.CreateDate"):
        load_dataset(data)
