"""Accounts, History and Exceptions pages, the AI package, re-checks, resuming."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_fakes import (
    ACCOUNT,
    cspm_off_preflight,
    make_results,
    make_scan,
    settle,
    wait_for_signal,
)

from cloud_checkup.app.allowance import AllowanceLedger
from cloud_checkup.app.compare import compare
from cloud_checkup.app.connection import ROOT_ACCOUNT_WARNING
from cloud_checkup.app.profiles import CredentialType, Profile, ProfileSecrets
from cloud_checkup.app.runner import ScanRequest
from cloud_checkup.app.store import Recorder
from cloud_checkup.checks.base import Package, Status
from cloud_checkup.ui.accounts_page import ProfilesColumn, ProfilesModel
from cloud_checkup.ui.exceptions_page import ExceptionsModel
from cloud_checkup.ui.history_page import (
    HistoryColumn,
    HistoryModel,
    ScoreChart,
    comparison_html,
)
from cloud_checkup.ui.models import Top10Column
from cloud_checkup.ui.profile_dialogs import ProfileDialog

pytestmark = pytest.mark.gui


def _scan(window, qloop):
    (scan,) = wait_for_signal(qloop, window.scanFinished, window.start_button.click)
    return scan


def _all_settled(window, qloop):
    settle(
        qloop,
        window.tasks,
        window.accounts_page.tasks,
        window.history_page.tasks,
        window.exceptions_page.tasks,
    )


def _visible_box(window, name) -> QMessageBox:
    boxes = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
    assert len(boxes) == 1, name
    return boxes[0]


def _click(box: QMessageBox, text: str) -> None:
    next(b for b in box.buttons() if b.text() == text).click()


# Accounts


def test_adding_a_profile_keeps_its_secret_in_the_keyring_and_lists_it(
    fake_window, qloop, services, keyring_backend, tmp_path
):
    page = fake_window.accounts_page
    page.add_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ProfileDialog)
    dialog.name.setText("prod-shop")
    dialog.fields["access_key_id"].setText("LTAI5tExample")
    secret = dialog.fields["access_key_secret"]
    assert secret.echoMode() == secret.EchoMode.Password
    assert not dialog.form.isRowVisible(dialog.fields["role_arn"])
    secret.setText("canary-secret-123")
    dialog.save_button.click()
    _all_settled(fake_window, qloop)

    assert page.model.rowCount() == 1
    assert page.model.index(0, ProfilesColumn.CREDENTIAL).data() == "AccessKey pair"
    assert "canary-secret-123" in keyring_backend.entries.values()
    assert "canary-secret-123" not in (tmp_path / "profiles.json").read_text()
    picker = fake_window.account_picker
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "Fake account",
        "prod-shop",
    ]


def test_a_profile_needs_its_types_fields_before_saving(fake_window, qloop):
    page = fake_window.accounts_page
    page.add_button.click()
    dialog = page.dialog
    dialog.name.setText("role")
    dialog.credential_type.setCurrentIndex(
        dialog.credential_type.findData(CredentialType.RAM_ROLE_ARN)
    )
    assert dialog.form.isRowVisible(dialog.fields["role_arn"])
    dialog.fields["access_key_id"].setText("LTAI5t")
    dialog.fields["access_key_secret"].setText("s")
    dialog.save_button.click()
    _all_settled(fake_window, qloop)
    assert "RAM role ARN" in dialog.message.text()
    assert page.model.rowCount() == 0


def test_testing_a_profile_shows_who_it_is_and_warns_about_the_root_account(
    fake_window, qloop, services
):
    from ui_fakes import connection_result

    async def root_connection(profile, store, secrets):
        return connection_result(profile.name, root=True)

    services.test_connection = root_connection
    qloop.run_until_complete(
        services.profiles.add(
            Profile("root-key", CredentialType.ACCESS_KEY, access_key_id="LTAI5t"),
            ProfileSecrets(access_key_secret="s"),
        )
    )
    page = fake_window.accounts_page
    fake_window.show_page(page)
    page.reload()
    _all_settled(fake_window, qloop)
    page.table.selectRow(0)
    page.test_button.click()
    _all_settled(fake_window, qloop)

    assert ACCOUNT.id in page.result_label.text()
    assert "root account root" in page.result_label.text()
    assert page.warning_label.isVisibleTo(fake_window)
    assert page.warning_label.text() == ROOT_ACCOUNT_WARNING
    last_test = page.model.index(0, ProfilesColumn.LAST_TEST).data()
    assert ACCOUNT.id in last_test


def test_removing_a_profile_asks_first(fake_window, qloop, services):
    qloop.run_until_complete(
        services.profiles.add(Profile("env", CredentialType.ENVIRONMENT))
    )
    page = fake_window.accounts_page
    page.reload()
    _all_settled(fake_window, qloop)
    page.table.selectRow(0)
    page.remove_button.click()
    _click(_visible_box(page, "confirmRemove"), "Cancel")
    _all_settled(fake_window, qloop)
    assert page.model.rowCount() == 1
    page.remove_button.click()
    _click(_visible_box(page, "confirmRemove"), "Remove")
    _all_settled(fake_window, qloop)
    assert page.model.rowCount() == 0
    assert qloop.run_until_complete(services.profiles.list()) == []


def test_scanning_a_profile_uses_its_target(fake_window, qloop, services, jobs):
    qloop.run_until_complete(
        services.profiles.add(Profile("env", CredentialType.ENVIRONMENT))
    )
    fake_window.accounts_page.reload()
    _all_settled(fake_window, qloop)
    fake_window.account_picker.setCurrentText("env")
    _scan(fake_window, qloop)
    assert jobs[-1][0].name == "env"


def test_required_permissions_shows_the_policy_and_copies_it(fake_window):
    page = fake_window.accounts_page
    page.permissions_button.click()
    dialog = page.dialog
    policy = json.loads(dialog.policy.toPlainText())
    actions = policy["Statement"][0]["Action"]
    assert "sts:GetCallerIdentity" in actions
    dialog.copy_button.click()
    assert json.loads(QApplication.clipboard().text()) == policy


def test_the_profiles_model_keeps_the_qt_model_contract(qtmodeltester):
    from ui_fakes import connection_result

    model = ProfilesModel()
    model.set_profiles(
        [
            Profile("b", CredentialType.ACCESS_KEY, access_key_id="LTAI"),
            Profile("a", CredentialType.ECS_RAM_ROLE, role_name="reader"),
        ]
    )
    model.set_test_result(connection_result("b"))
    qtmodeltester.check(model)
    assert model.index(0, ProfilesColumn.KEY).data() == "reader"
    assert model.index(0, ProfilesColumn.LAST_TEST).data() == "Not tested"


# The AI package


def test_the_ai_checkbox_is_off_and_says_why_without_cspm(fake_window, qloop, services):
    scan = _scan(fake_window, qloop)
    _all_settled(fake_window, qloop)
    panel = fake_window.checkup_page.ai_panel
    panel.checkbox.setChecked(True)
    services.preflight = cspm_off_preflight
    fake_window.refresh_ai_package()
    _all_settled(fake_window, qloop)
    assert not panel.checkbox.isChecked()
    assert not panel.checkbox.isEnabled()
    # Unticked by the prerequisite, the box leaves the scan on screen alone.
    score = fake_window.checkup_page.score.value_label.text()
    assert score == str(scan.score.value)
    assert "CSPM" in panel.checkbox.toolTip()
    assert "basic fee" in panel.checkbox.toolTip()
    assert "security-center" in panel.help_link.text()
    assert panel.help_link.isVisibleTo(fake_window)


def test_the_ai_estimate_and_allowance_show_beside_the_checkbox(
    fake_window, qloop, services
):
    _scan(fake_window, qloop)  # the history learns the account behind the entry
    _all_settled(fake_window, qloop)
    panel = fake_window.checkup_page.ai_panel
    assert panel.checkbox.isEnabled()
    assert "20 AI scans (5 items, each on the assets of its kind)" in (
        panel.status.text()
    )
    assert "not claimed" in panel.status.text()
    panel.claim_button.click()
    _all_settled(fake_window, qloop)
    assert "1,000 AI scans left" in panel.status.text()


def test_past_the_allowance_the_user_chooses_what_to_scan(
    fake_window, qloop, services, jobs
):
    _scan(fake_window, qloop)
    _all_settled(fake_window, qloop)
    services.history.call_now(
        lambda s: AllowanceLedger(s).claim(ACCOUNT.id)  # 1,000 free AI scans
    )
    panel = fake_window.checkup_page.ai_panel
    from ui_fakes import available_preflight

    services.preflight = available_preflight(assets=400, items=5)
    fake_window.refresh_ai_package()
    _all_settled(fake_window, qloop)
    panel.checkbox.setChecked(True)

    fake_window.start_button.click()
    box = _visible_box(fake_window, "aiConsent")
    assert "about 2,000 AI scans" in box.text()
    assert "covers 1,000" in box.text()
    _click(box, "Cancel")
    assert not fake_window.controller.running

    fake_window.start_button.click()
    box = _visible_box(fake_window, "aiConsent")
    wait_for_signal(
        qloop,
        fake_window.scanFinished,
        lambda: _click(box, "Scan only what the allowance covers"),
    )
    request = jobs[-1][1]
    # Two of the five AI items fit in 1,000 AI scans; the other three are withheld
    # (reported not checked, with what to do), not dropped from the checkup.
    assert request.check_ids is None
    assert len(request.withheld) == 3
    assert all("scan everything" in why for _, why in request.withheld)


def test_a_recheck_of_ai_items_past_the_allowance_asks_first(
    fake_window, qloop, services, jobs
):
    from ui_fakes import available_preflight

    from cloud_checkup.checks import catalogue

    first = _scan(fake_window, qloop)
    _all_settled(fake_window, qloop)
    services.history.call_now(lambda s: AllowanceLedger(s).claim(ACCOUNT.id))
    services.preflight = available_preflight(assets=400, items=5)
    fake_window.refresh_ai_package()
    _all_settled(fake_window, qloop)
    ai = [c for c in catalogue().values() if c.package is Package.AI][:3]
    fake_window._catalogue.update({c.id: c for c in ai})

    fake_window.recheck(frozenset(c.id for c in ai))
    box = _visible_box(fake_window, "aiConsent")
    assert "about 1,200 AI scans" in box.text() and "covers 1,000" in box.text()
    wait_for_signal(
        qloop,
        fake_window.scanFinished,
        lambda: _click(box, "Scan only what the allowance covers"),
    )
    request, options = jobs[-1][1], jobs[-1][2]
    assert request.check_ids == {c.id for c in ai}
    assert [item for item, _ in request.withheld] == [ai[2].id]
    assert options.rechecks == first.scan_id


# History and the score change


def test_a_second_scan_shows_the_score_change_and_top10_change(
    fake_window, qloop, job_options
):
    _scan(fake_window, qloop)
    _all_settled(fake_window, qloop)
    fixed = make_results()
    fixed[0].status = Status.PASS
    fixed[0].findings = []
    job_options["results"] = fixed
    first_score = fake_window.scan.score.value
    scan = _scan(fake_window, qloop)

    previous = fake_window.previous
    assert previous is not None and previous.scan_id != scan.scan_id
    change = scan.score.value - first_score
    then = previous.started_at.astimezone()
    note = fake_window.checkup_page.score.note_label.text().splitlines()
    # Both checkups ran the same day: the earlier one is named by its time.
    assert then.date() == scan.started_at.astimezone().date()
    assert note[0] == f"{change:+d} since {then:%H:%M}"
    assert note[1].startswith("Based on 80% of the applicable items")
    top10 = fake_window.checkup_page.top10_model
    assert top10.index(0, Top10Column.CHANGE).data() == "fixed"  # root key
    assert top10.index(1, Top10Column.CHANGE).data() == "unchanged"  # sg-ssh


def test_history_lists_every_scan_draws_the_chart_and_compares(
    fake_window, qloop, job_options
):
    _scan(fake_window, qloop)
    fixed = make_results()
    fixed[2].status = Status.PASS
    fixed[2].findings = []
    job_options["results"] = fixed
    _scan(fake_window, qloop)
    page = fake_window.history_page
    page.reload()
    _all_settled(fake_window, qloop)

    assert page.model.rowCount() == 2
    assert page.model.index(0, 1).data() == f"{ACCOUNT.alias} ({ACCOUNT.id})"
    assert page.model.index(1, 3).data() == "3"  # failing items of the first scan
    assert len(page.chart.points) == 2
    page.table.selectRow(0)
    page.compare_button.click()
    _all_settled(fake_window, qloop)
    comparison = page.last_comparison
    assert comparison.items.fixed == ("sg-ssh",)
    assert set(comparison.items.unchanged) == {"root-no-accesskey", "ecs-expiry"}
    assert "Fixed (1 item, 2 resources)" in page.comparison.toPlainText()


def test_a_comparison_lists_failures_the_earlier_scan_could_not_check(qapp, catalogue):
    results = make_results()
    earlier = make_results()
    earlier[0].status, earlier[0].findings = Status.NOT_CHECKED, []
    current = make_scan(results, catalogue, scan_id="now")
    previous = make_scan(earlier, catalogue, scan_id="then")

    shown = comparison_html(compare(current, previous), current, previous, catalogue)
    same = comparison_html(compare(current, current), current, current, catalogue)

    text = QTextDocumentFragment.fromHtml(shown).toPlainText()
    assert "Failing, not checked in the earlier scan (1 item, 1 resource)" in text
    assert "New failures (0 items, 0 resources)" in text
    assert "not checked in the earlier scan" not in same  # shown only when it has any


def test_opening_a_scan_from_history_shows_it_as_a_snapshot(fake_window, qloop):
    first = _scan(fake_window, qloop)
    _scan(fake_window, qloop)
    page = fake_window.history_page
    page.reload()
    _all_settled(fake_window, qloop)
    page.select(first.scan_id)
    page.open_button.click()
    _all_settled(fake_window, qloop)
    assert fake_window.scan.scan_id == first.scan_id
    banner = fake_window.checkup_page.snapshot_label
    assert banner.isVisibleTo(fake_window)
    when = f"{first.started_at.astimezone():%Y-%m-%d %H:%M}"
    assert when in banner.text()
    assert fake_window.findings_page.snapshot_label.text() == banner.text()
    assert fake_window.pages.currentWidget() is fake_window.checkup_page


def test_history_and_chart_models(qtmodeltester, catalogue, tmp_path, qapp):
    from cloud_checkup.app.store import Store

    with Store(tmp_path / "h.sqlite3") as store:
        scan = make_scan(make_results(), catalogue, scan_id="one")
        Recorder(store, ScanRequest(), catalogue=catalogue, target="Fake")._finished(
            scan
        )
        summaries = store.scans()
        points = store.score_history(ACCOUNT.id)
    model = HistoryModel()
    model.set_scans(summaries)
    qtmodeltester.check(model)
    chart = ScoreChart()
    chart.resize(400, 200)
    chart.set_points(points * 3)
    xs = [p.x() for p in chart.point_positions()]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert not chart.grab().isNull()


def _history_shown(window, qloop):
    page = window.history_page
    window.show_page(page)
    page.reload()
    _all_settled(window, qloop)
    return page


def test_deleting_a_scan_asks_naming_it_then_refreshes_list_chart_and_comparison(
    fake_window, qloop, services
):
    first = _scan(fake_window, qloop)
    second = _scan(fake_window, qloop)
    page = _history_shown(fake_window, qloop)
    page.select(second.scan_id)
    page.compare_button.click()  # with the previous checkup: the first
    _all_settled(fake_window, qloop)
    assert "compared with" in page.comparison.toPlainText()
    page.select(first.scan_id)
    page.delete_button.click()

    box = _visible_box(fake_window, "confirmDelete")
    when = f"{first.started_at.astimezone():%Y-%m-%d %H:%M}"
    summary = f"{ACCOUNT.alias} ({ACCOUNT.id}), {when}, score {first.score.value}"
    assert summary in box.text()
    _click(box, "Cancel")
    _all_settled(fake_window, qloop)
    assert page.model.rowCount() == 2  # cancelled: nothing deleted

    page.delete_button.click()
    _click(_visible_box(fake_window, "confirmDelete"), "Delete")
    _all_settled(fake_window, qloop)

    assert [s.scan_id for s in page.model.summaries()] == [second.scan_id]
    assert [p.scan_id for p in page.chart.points] == [second.scan_id]
    # Compared again: the previous checkup it was compared with is gone.
    assert page.comparison.toPlainText().startswith("This is the account's first")
    stored = services.history.call_now(lambda s: [x.scan_id for x in s.scans()])
    assert stored == [second.scan_id]


def test_deleting_the_scan_on_screen_keeps_it_shown_saying_it_was_deleted(
    fake_window, qloop
):
    scan = _scan(fake_window, qloop)
    page = _history_shown(fake_window, qloop)
    page.select(scan.scan_id)
    page.delete_button.click()
    _click(_visible_box(fake_window, "confirmDelete"), "Delete")
    _all_settled(fake_window, qloop)
    fake_window.show_page(fake_window.checkup_page)

    banner = fake_window.checkup_page.snapshot_label
    assert banner.isVisibleTo(fake_window)
    assert banner.text().startswith("Deleted from the history")
    assert fake_window.findings_page.snapshot_label.text() == banner.text()
    assert fake_window.scan is not None and fake_window.export_button.isEnabled()
    assert not fake_window.findings_page.recheck_failed_button.isEnabled()
    assert page.model.rowCount() == 0 and page.account_filter.count() == 1


def test_deleting_compared_scans_clears_the_comparison(fake_window, qloop):
    _scan(fake_window, qloop)
    _scan(fake_window, qloop)
    page = _history_shown(fake_window, qloop)
    page.table.selectAll()
    page.compare_button.click()
    _all_settled(fake_window, qloop)
    page.delete_button.click()
    box = _visible_box(fake_window, "confirmDelete")
    assert box.text().startswith("Delete these 2 scans from this computer?")
    _click(box, "Delete")
    _all_settled(fake_window, qloop)

    assert page.comparison.toPlainText() == "The scans compared here were deleted."
    assert page.model.rowCount() == 0 and page.chart.points == []
    assert page.empty_label.isVisibleTo(page)


def test_history_columns_fit_their_contents(fake_window, qloop):
    _scan(fake_window, qloop)
    page = _history_shown(fake_window, qloop)
    metrics = page.table.fontMetrics()
    for column in (HistoryColumn.ACCOUNT, HistoryColumn.SCORE, HistoryColumn.FAILING):
        text = page.model.index(0, column).data()
        width = page.table.columnWidth(column)
        assert metrics.horizontalAdvance(text) + 12 <= width, column
    account = page.table.columnWidth(HistoryColumn.ACCOUNT)
    assert account < page.table.viewport().width() / 2


# Exceptions


def test_accepting_a_failure_excepts_it_now_and_in_later_scans(
    fake_window, qloop, services
):
    _scan(fake_window, qloop)
    fake_window.show_finding("sg-ssh")
    detail = fake_window.findings_page.detail
    assert detail.accept_button.isVisibleTo(fake_window)
    detail.resources_view.selectRow(0)
    detail.accept_button.click()
    dialog = fake_window.exceptions_page.dialog
    assert dialog.resource.currentData() == "sg-bp1open"
    dialog.save_button.click()
    assert "reason" in dialog.message.text()  # a reason is required

    dialog.item_choice.setChecked(True)
    dialog.reason.setPlainText("staging network, closed by the firewall")
    dialog.save_button.click()
    _all_settled(fake_window, qloop)

    shown = fake_window.scan.result("sg-ssh")
    assert shown.status is Status.EXCEPTED
    page = fake_window.exceptions_page
    assert page.model.rowCount() == 1
    assert page.model.index(0, 2).data() == "staging network, closed by the firewall"
    assert page.model.index(0, 1).data() == "every resource"

    scan = _scan(fake_window, qloop)
    assert scan.result("sg-ssh").status is Status.EXCEPTED


def test_exceptions_can_be_edited_and_removed(fake_window, qloop, services):
    from cloud_checkup.app.exceptions import new_exception

    services.history.call_now(
        lambda s: s.add_exception(
            new_exception(
                ACCOUNT.id,
                "sg-ssh",
                "staging",
                now=datetime(2026, 12, 1, tzinfo=UTC),
                tag=("env", "staging"),
            )
        )
    )
    page = fake_window.exceptions_page
    page.reload()
    _all_settled(fake_window, qloop)
    page.table.selectRow(0)
    page.edit_button.click()
    dialog = page.dialog
    assert dialog.tag_choice.isChecked()
    assert dialog.tag.currentText() == "env=staging"
    dialog.reason.setPlainText("staging, until the migration")
    dialog.expires.setChecked(True)
    dialog.save_button.click()
    _all_settled(fake_window, qloop)
    assert page.model.rowCount() == 1
    edited = page.model.exception(0)
    assert edited.reason == "staging, until the migration"
    assert edited.expires_on is not None
    assert edited.created_at == datetime(2026, 12, 1, tzinfo=UTC)

    page.table.selectRow(0)
    page.remove_button.click()
    _click(_visible_box(page, "confirmRemoveException"), "Remove")
    _all_settled(fake_window, qloop)
    assert page.model.rowCount() == 0


def test_the_exceptions_model_keeps_the_qt_model_contract(qtmodeltester, catalogue):
    from cloud_checkup.app.exceptions import new_exception

    now = datetime(2026, 12, 4, tzinfo=UTC)
    model = ExceptionsModel(catalogue, lambda: now)
    expired = new_exception(
        ACCOUNT.id, "sg-ssh", "old", now=now, expires_on=datetime(2026, 1, 1).date()
    )
    model.set_exceptions([expired])
    qtmodeltester.check(model)
    assert model.index(0, 5).data() == "2026-01-01 (expired)"


# Re-checks and resuming


def test_recheck_runs_only_the_chosen_items_and_links_the_scan(
    fake_window, qloop, jobs, services
):
    first = _scan(fake_window, qloop)
    _all_settled(fake_window, qloop)
    page = fake_window.findings_page
    assert page.recheck_failed_button.isEnabled()
    recheck = wait_for_signal(
        qloop, fake_window.scanFinished, page.recheck_failed_button.click
    )[0]
    request, options = jobs[-1][1], jobs[-1][2]
    assert request.check_ids == {"root-no-accesskey", "sg-ssh", "ecs-expiry"}
    assert options.rechecks == first.scan_id
    assert {r.check_id for r in recheck.results} == request.check_ids
    summary = services.history.call_now(lambda s: s.scans())[0]
    assert summary.scan_id == recheck.scan_id
    assert summary.rechecks == first.scan_id
    # The window shows the whole checkup with the re-checked items brought up to date.
    assert len(fake_window.scan.results) == len(first.results)
    assert "Re-check finished" in fake_window.activity_label.text()


def test_an_interrupted_scan_is_offered_for_resuming(
    fake_window, qloop, services, catalogue, jobs
):
    recorder = Recorder(
        services.history.call_now(lambda s: s),
        ScanRequest(),
        target="Fake account",
        catalogue=catalogue,
    )
    from cloud_checkup.app.events import ItemFinished, ScanStarted

    recorder(ScanStarted("cut-off", {}, ("cn-hangzhou",)))
    recorder(ItemFinished(make_results()[0]))
    recorder.interrupted()

    fake_window.start_up()
    _all_settled(fake_window, qloop)
    box = _visible_box(fake_window, "resumeOffer")
    assert "1 item done and 5 to go" in box.text()
    (scan,) = wait_for_signal(
        qloop, fake_window.scanFinished, lambda: _click(box, "Resume")
    )
    resume = jobs[-1][2].resume
    assert [r.check_id for r in resume.completed] == ["root-no-accesskey"]
    assert len(scan.results) == len(make_results())
    _all_settled(fake_window, qloop)
    assert services.history.call_now(lambda s: s.interrupted_scans()) == []


def test_a_change_since_an_earlier_day_names_the_day(fake_window, catalogue):
    earlier = make_scan(
        make_results(), catalogue, started_at=datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
    )
    now = make_scan(make_results(), catalogue, scan_id="now")

    note = fake_window.checkup_page.score._change_note(now, earlier)

    day = earlier.started_at.astimezone()
    assert note in (
        f"Unchanged since {day.day} {day:%b}",
        f"+0 since {day.day} {day:%b}",
    )
