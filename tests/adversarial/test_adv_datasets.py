"""Broken, hostile and huge dataset files: a clear error naming the file, never a
traceback, and never a sandbox that eats the machine's memory."""

from __future__ import annotations

import json

import pytest
from harness import base_dataset

from cloud_checkup.cli import main
from cloud_checkup.sandbox import load_dataset
from cloud_checkup.sandbox.dataset import MAX_VALUES, DatasetError

HEADER = (
    "format: cloud-checkup-sandbox/1\n"
    'account: {id: "1234567890123456"}\n'
    "identities: [{access_key_id: LTAI-x, access_key_secret: s,"
    ' arn: "acs:ram::1234567890123456:user/a"}]\n'
    "regions: [cn-hangzhou]\n"
)


def _alias_bomb(levels: int) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * 8)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return HEADER + "\n".join(lines) + "\n"


CASES = {
    "binary.yaml": b"\xff\xfe\x00garbage",
    "latin1.json": '{"format": "caf\xe9"}'.encode("latin-1"),
    "deep.yaml": (HEADER + "x: " + "[" * 5000 + "]" * 5000).encode(),
    "deep.json": ('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
    "bomb.yaml": _alias_bomb(9).encode(),  # 8**10 values once expanded
    "unclosed.yaml": (HEADER + "services: {ecs: [\n").encode(),
    "list.json": b"[1, 2, 3]",
    "empty.yaml": b"",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_dataset_file_is_a_dataset_error_naming_it(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(CASES[name])
    with pytest.raises(DatasetError) as raised:
        load_dataset(path)
    assert str(path) in str(raised.value)


def test_aliases_that_stay_small_are_still_accepted(tmp_path):
    path = tmp_path / "anchors.yaml"
    path.write_text(_alias_bomb(2))
    assert load_dataset(path).regions == ("cn-hangzhou",)


def test_the_size_limit_counts_expanded_values():
    assert 8**10 > MAX_VALUES > 8**4


@pytest.mark.parametrize("name", ["binary.yaml", "deep.json", "bomb.yaml"])
def test_the_cli_reports_a_broken_dataset_without_a_traceback(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(CASES[name])
    code = main(["scan", "--sandbox", str(path), "--json", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert str(path) in err
    assert "Traceback" not in err


def test_wrong_types_deep_inside_a_dataset_name_the_path(tmp_path):
    data = base_dataset({"ecs": {"cn-hangzhou": {"DescribeInstances": [1, 2]}}})
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps(data))
    with pytest.raises(DatasetError) as raised:
        load_dataset(path)
    assert "services.ecs.cn-hangzhou.DescribeInstances" in str(raised.value)
