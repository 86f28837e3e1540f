"""preferences.json, however damaged, never stops a scan and never deletes a scan."""

from __future__ import annotations

import pytest

from cloud_checkup.app.preferences import Preferences, PreferencesFile


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,  # nested past the JSON decoder's recursion
        "not json",
        '{"format": "cloud-checkup-preferences/1", "retention": {"keep": ["last"]}}',
    ],
    ids=["deeply-nested", "not-json", "keep-not-a-word"],
)
def test_a_hostile_preferences_file_means_the_defaults(tmp_path, text):
    path = tmp_path / "preferences.json"
    path.write_text(text, encoding="utf-8")
    assert PreferencesFile(path).load() == Preferences()


def test_a_directory_in_place_of_the_file_means_the_defaults(tmp_path):
    path = tmp_path / "preferences.json"
    path.mkdir()
    assert PreferencesFile(path).load() == Preferences()
