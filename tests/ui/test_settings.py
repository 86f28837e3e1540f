"""The Settings page: the retention rule, saved, applied after scans and on demand."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QMessageBox
from ui_fakes import settle, wait_for_signal

from cloud_checkup.app.preferences import Preferences
from cloud_checkup.app.store import RetentionRule
from cloud_checkup.ui.settings_page import SettingsPage

pytestmark = pytest.mark.gui


def _scan(window, qloop):
    (scan,) = wait_for_signal(qloop, window.scanFinished, window.start_button.click)
    return scan


def _stored(services) -> list[str]:
    return services.history.call_now(lambda s: [x.scan_id for x in s.scans()])


def _settled(window, qloop):
    settle(qloop, window.tasks, window.history_page.tasks, window.settings_page.tasks)


def test_settings_follows_accounts_and_keeps_every_scan_by_default(fake_window):
    navigation = fake_window.navigation
    titles = [navigation.item(row).text() for row in range(navigation.count())]
    assert titles[-2:] == ["Accounts", "Settings"]
    page = fake_window.settings_page
    assert page.keep_all.isChecked() and page.rule() == RetentionRule()
    assert not page.apply_button.isEnabled()


def test_the_rule_is_saved_as_chosen_and_read_back(qapp, services):
    page = SettingsPage(services.history, services.preferences)
    page.keep_days.setChecked(True)
    page.days.setValue(30)

    document = json.loads(services.preferences.path.read_text(encoding="utf-8"))
    assert document["retention"] == {"keep": "days", "count": 30}
    again = SettingsPage(services.history, services.preferences)
    assert again.keep_days.isChecked() and again.days.value() == 30
    assert again.days.isEnabled() and not again.scans.isEnabled()


def test_a_damaged_preferences_file_keeps_every_scan(services):
    services.preferences.path.write_text(
        '{"format": "cloud-checkup-preferences/1",'
        ' "retention": {"keep": "last", "count": -1}}'
    )
    assert services.preferences.load() == Preferences()


def test_the_rule_is_applied_after_each_recorded_scan(fake_window, qloop, services):
    services.preferences.save(Preferences(RetentionRule.last(1)))
    _scan(fake_window, qloop)
    newest = _scan(fake_window, qloop)
    _settled(fake_window, qloop)

    assert _stored(services) == [newest.scan_id]
    assert fake_window.history_page.model.rowCount() == 1


def test_apply_now_asks_then_says_how_many_scans_it_removed(
    fake_window, qloop, services
):
    first = _scan(fake_window, qloop)
    _scan(fake_window, qloop)
    newest = _scan(fake_window, qloop)
    page = fake_window.settings_page
    fake_window.show_page(page)
    page.keep_last.setChecked(True)
    page.scans.setValue(1)
    page.apply_button.click()
    _settled(fake_window, qloop)

    [box] = [b for b in page.findChildren(QMessageBox, "confirmPrune") if b.isVisible()]
    assert "deletes 2 scans" in box.text()
    next(b for b in box.buttons() if b.text() == "Delete").click()
    _settled(fake_window, qloop)

    assert page.result_label.text() == "Removed 2 scans."
    assert _stored(services) == [newest.scan_id]
    assert fake_window.history_page.model.rowCount() == 1
    assert first.scan_id not in [
        s.scan_id for s in fake_window.history_page.model.summaries()
    ]
    page.apply_button.click()
    _settled(fake_window, qloop)
    assert page.result_label.text() == "No scan to delete: every one is kept."
