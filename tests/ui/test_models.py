"""The findings, resources and Top 10 models: Qt's model contract, filters, order."""

from __future__ import annotations

import pytest
from ui_fakes import make_results

from cloud_checkup.checks.base import Category, Severity, Status
from cloud_checkup.ui.models import (
    ENTRY_ROLE,
    FindingsColumn,
    FindingsFilterProxy,
    FindingsModel,
    ResourcesModel,
    Top10Column,
    Top10Model,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def findings(qapp, catalogue):
    model = FindingsModel(catalogue)
    model.set_results(make_results())
    proxy = FindingsFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def _shown_ids(proxy) -> set[str]:
    return {
        proxy.index(row, 0).data(ENTRY_ROLE).result.check_id
        for row in range(proxy.rowCount())
    }


def test_findings_models_keep_the_qt_model_contract(qtmodeltester, findings):
    model, proxy = findings
    qtmodeltester.check(model)
    proxy.set_status(Status.FAIL)
    proxy.sort(FindingsColumn.SEVERITY)
    qtmodeltester.check(proxy)


def test_a_growing_findings_model_keeps_the_contract(qtmodeltester, catalogue):
    model = FindingsModel(catalogue)
    qtmodeltester.check(model)
    for result in make_results():
        model.add_result(result)
    qtmodeltester.check(model)
    assert model.rowCount() == len(make_results())


def test_findings_rows_show_title_severity_status_resources_category(findings):
    model, _ = findings
    row = [e.result.check_id for e in model.entries()].index("sg-ssh")
    texts = [model.index(row, column).data() for column in FindingsColumn]
    assert texts == [
        "Title of sg-ssh",
        "High",
        "Fail",
        "2 of 3",
        "Infrastructure",
    ]
    # Colour is never alone: severity and status cells carry an icon beside the word.
    assert model.index(row, FindingsColumn.SEVERITY).data(1) is not None
    assert model.index(row, FindingsColumn.STATUS).data(1) is not None


def test_an_item_unknown_to_the_catalogue_still_shows(qapp, catalogue):
    from cloud_checkup.app.model import ItemResult

    model = FindingsModel(catalogue)
    model.set_results([ItemResult("retired-check", Status.PASS)])
    assert model.index(0, FindingsColumn.ITEM).data() == "retired-check"
    assert model.index(0, FindingsColumn.SEVERITY).data() == "Unknown"


@pytest.mark.parametrize(
    ("apply", "expected"),
    [
        (
            lambda p: p.set_category(Category.INFRASTRUCTURE),
            {"sg-ssh", "oss-private"},
        ),
        (lambda p: p.set_severity(Severity.LOW), {"oss-private", "ecs-expiry"}),
        (
            lambda p: p.set_status(Status.FAIL),
            {"root-no-accesskey", "sg-ssh", "ecs-expiry"},
        ),
        (lambda p: p.set_search_text("WEB-servers"), {"sg-ssh"}),  # a resource name
        (lambda p: p.set_search_text("i-bp1exp"), {"ecs-expiry"}),  # a resource id
        (lambda p: p.set_search_text("rds-back"), {"rds-backup"}),  # a check id
        (lambda p: p.set_search_text("root account"), {"root-no-accesskey"}),
    ],
)
def test_each_filter_lets_through_only_matching_items(findings, apply, expected):
    _, proxy = findings
    assert proxy.rowCount() == len(make_results())
    apply(proxy)
    assert _shown_ids(proxy) == expected


def test_filters_combine_and_reset(findings):
    _, proxy = findings
    proxy.set_status(Status.FAIL)
    proxy.set_category(Category.INFRASTRUCTURE)
    assert _shown_ids(proxy) == {"sg-ssh"}
    proxy.set_status(None)
    proxy.set_category(None)
    assert proxy.rowCount() == len(make_results())


def test_sorting_by_status_puts_failures_first_and_high_before_low(findings):
    _, proxy = findings
    proxy.sort(FindingsColumn.STATUS)
    order = [
        proxy.index(row, 0).data(ENTRY_ROLE).result.check_id
        for row in range(proxy.rowCount())
    ]
    assert order[:3] == ["root-no-accesskey", "sg-ssh", "ecs-expiry"]
    assert order[3] == "oss-private"  # not checked comes right after the failures
    assert order[-1] == "rds-backup"  # not applicable last


def test_resources_model_lists_failing_resources_first(qtmodeltester, qapp):
    results = {r.check_id: r for r in make_results()}
    model = ResourcesModel()
    model.set_findings(results["sg-ssh"].findings)
    qtmodeltester.check(model)
    rows = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert rows[0] == [
        "Fail",
        "sg-bp1open",
        "web-servers",
        "cn-hangzhou",
        "22/22 open to 0.0.0.0/0",
    ]
    assert [row[0] for row in rows] == ["Fail", "Fail", "Pass"]


def test_top10_is_in_rank_order_with_this_scans_status(qtmodeltester, catalogue):
    model = Top10Model(catalogue)
    qtmodeltester.check(model)
    assert [model.check(row).id for row in range(model.rowCount())] == [
        "root-no-accesskey",
        "sg-ssh",
        "ram-mfa",
    ]
    status = model.index(0, Top10Column.STATUS)
    assert status.data() == "Not scanned yet"

    model.start({"root-no-accesskey", "ram-mfa"})
    assert model.index(0, Top10Column.STATUS).data() == "Waiting…"
    assert model.index(1, Top10Column.STATUS).data() == "Not in this scan"

    model.set_results(make_results())
    qtmodeltester.check(model)
    assert [model.index(row, Top10Column.STATUS).data() for row in range(3)] == [
        "Fail",
        "Fail",
        "Pass",
    ]
    assert model.index(0, Top10Column.RANK).data() == "1"
