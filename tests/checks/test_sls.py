"""The Simple Log Service items on sandbox data in SLS's own response shapes.

Retention (CIS 2.23), the thirteen alert items (CIS 2.10-2.22) and project
redundancy each pass, fail, have nothing to judge and cannot read; the quirk tests
cover string numbers, JSON-in-string alert configurations, disabled alerts, whole
words in queries, a project deleted mid-scan and lists longer than one page.
"""

from __future__ import annotations

from typing import Any

import pytest
from data import REGION, error, failed_ids, scan

from cloud_checkup.checks import Status, catalogue

RETENTION = "sls-logstore-retention-365-days"
ZRS = "sls-project-zone-redundant-storage"
ROOT = "sls-alert-root-account-usage"
SG = "sls-alert-security-group-changes"
RAM = "sls-alert-ram-role-changes"
ALERT_ITEMS = sorted(c for c in catalogue() if c.startswith("sls-alert-"))


def project(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "projectName": name,
        "region": REGION,
        "status": "Normal",
        "dataRedundancyType": "ZRS",
        "description": "",
    } | fields


def logstore(name: str, ttl: Any, **fields: Any) -> dict[str, Any]:
    return {"logstoreName": name, "ttl": ttl, "shardCount": 2, "mode": "standard"} | (
        fields
    )


def alert(name: str, query: str, status: str = "ENABLED", **fields: Any) -> dict:
    configuration = {
        "version": "2.0",
        "type": "default",
        "queryList": [{"query": query, "store": "actiontrail", "storeType": "log"}],
    }
    return {
        "name": name,
        "displayName": name,
        "status": status,
        "configuration": configuration,
    } | fields


def sls(
    projects: dict[str, dict[str, Any]] | None = None,
    *,
    listing: Any = None,
) -> dict[str, Any]:
    """``projects``: name -> {"logstores": [...], "alerts": [...]} or an error
    entry for ListLogStores/ListAlerts under "logstores_error"/"alerts_error"."""
    projects = projects or {}
    actions: dict[str, Any] = {
        "ListProject": listing
        if listing is not None
        else {"projects": [project(name) for name in projects]}
    }
    stores: dict[str, Any] = {}
    configs: dict[str, Any] = {}
    alerts: dict[str, Any] = {}
    for name, content in projects.items():
        logstores = content.get("logstores", [])
        stores[name] = content.get("logstores_error") or {
            "logstores": [s["logstoreName"] for s in logstores]
        }
        configs[name] = {
            "by": "logstore",
            "responses": {s["logstoreName"]: s for s in logstores}
            | content.get("config_errors", {}),
        }
        alerts[name] = content.get("alerts_error") or {
            "results": content.get("alerts", [])
        }
    actions["ListLogStores"] = {"by": "project", "responses": stores}
    actions["GetLogStore"] = {"by": "project", "responses": configs}
    actions["ListAlerts"] = {"by": "project", "responses": alerts}
    return {"sls": {REGION: actions}}


# --- retention --------------------------------------------------------------------


def test_a_year_of_retention_passes_and_less_fails():
    data = sls(
        {
            "audit": {"logstores": [logstore("trail", 365), logstore("app", 30)]},
            "web": {"logstores": [logstore("nginx", 3650)]},
        }
    )
    result = scan(RETENTION, data)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"audit/app"}
    details = {f.resource_id: f.detail for f in result.findings}
    assert details["audit/app"] == "Data kept 30 days"
    assert details["web/nginx"] == "Data kept permanently"


def test_the_same_logstore_name_in_two_projects_is_judged_twice():
    data = sls(
        {
            "aaa": {"logstores": [logstore("access", 400)]},
            "bbb": {"logstores": [logstore("access", 7)]},
        }
    )
    assert failed_ids(scan(RETENTION, data)) == {"bbb/access"}


def test_retention_as_a_string_is_read_as_a_number():
    data = sls({"proj": {"logstores": [logstore("s", "400")]}})
    assert scan(RETENTION, data).status is Status.PASS


def test_no_logstores_is_not_applicable():
    assert scan(RETENTION, sls({"proj": {}})).status is Status.NOT_APPLICABLE
    assert scan(RETENTION, sls()).status is Status.NOT_APPLICABLE


def test_denied_logstore_reads_are_not_checked():
    data = sls({"proj": {"logstores": [logstore("s", 30)]}})
    result = scan(RETENTION, data, deny=["log:GetLogStore"])
    assert result.status is Status.NOT_CHECKED
    assert result.missing_actions == ("log:GetLogStore",)


def test_one_unreadable_logstore_is_not_checked_and_never_passes():
    data = sls(
        {
            "proj": {
                "logstores": [logstore("good", 400), logstore("broken", 400)],
                "config_errors": {"broken": error("InternalServerError", 500)},
            }
        }
    )
    result = scan(RETENTION, data)
    statuses = {f.resource_id: f.status for f in result.findings}
    assert statuses == {"proj/good": Status.PASS, "proj/broken": Status.NOT_CHECKED}
    assert result.status is not Status.PASS


def test_a_project_whose_logstores_cannot_be_listed_is_not_checked():
    data = sls(
        {
            "proj": {"logstores_error": error("InternalServerError", 500)},
            "qproj": {"logstores": [logstore("s", 400)]},
        }
    )
    result = scan(RETENTION, data)
    assert {f.resource_id: f.status for f in result.findings} == {
        "proj": Status.NOT_CHECKED,
        "qproj/s": Status.PASS,
    }


def test_a_project_deleted_during_the_scan_is_skipped():
    data = sls(
        {
            "gone": {"logstores_error": error("ProjectNotExist", 404)},
            "qproj": {"logstores": [logstore("s", 400)]},
        }
    )
    assert scan(RETENTION, data).status is Status.PASS


# --- alerts -------------------------------------------------------------------------


ROOT_QUERY = "event.userIdentity.type: root-account | select count(1) as c"


def test_an_enabled_alert_on_the_events_passes():
    data = sls({"sec": {"alerts": [alert("root", ROOT_QUERY)]}})
    result = scan(ROOT, data)
    assert result.status is Status.PASS
    assert "root (sec)" in result.findings[0].detail


@pytest.mark.parametrize("check_id", ALERT_ITEMS)
def test_no_alert_fails_every_alert_item(check_id):
    result = scan(check_id, sls({"sec": {"alerts": []}}))
    assert result.status is Status.FAIL


@pytest.mark.parametrize("check_id", ALERT_ITEMS)
def test_an_account_without_projects_fails_every_alert_item(check_id):
    assert scan(check_id, sls()).status is Status.FAIL


def test_a_disabled_alert_fails_and_says_so():
    data = sls({"sec": {"alerts": [alert("root", ROOT_QUERY, status="DISABLED")]}})
    result = scan(ROOT, data)
    assert result.status is Status.FAIL
    assert "disabled" in result.findings[0].detail


def test_an_alert_on_other_events_does_not_count():
    data = sls({"sec": {"alerts": [alert("root", ROOT_QUERY)]}})
    assert scan(SG, data).status is Status.FAIL


def test_a_configuration_given_as_a_json_string_is_read():
    text = (
        '{"version": "2.0", "queryList": [{"query": "event.eventName: '
        'AuthorizeSecurityGroup or event.eventName: RevokeSecurityGroup"}]}'
    )
    data = sls({"sec": {"alerts": [alert("sg", "") | {"configuration": text}]}})
    assert scan(SG, data).status is Status.PASS


def test_an_unreadable_json_configuration_watches_nothing():
    data = sls({"sec": {"alerts": [alert("sg", "") | {"configuration": "{oops"}]}})
    assert scan(SG, data).status is Status.FAIL


def test_event_names_must_be_whole_words_in_any_case():
    # "Param" is not the RAM service, and "CreatePolicyTemplate" is not CreatePolicy.
    near = "event.serviceName: Param and event.eventName: CreatePolicyTemplate"
    assert scan(RAM, sls({"ssec": {"alerts": [alert("a", near)]}})).status is (
        Status.FAIL
    )
    exact = "event.serviceName: ram and event.eventName: createpolicy"
    assert scan(RAM, sls({"ssec": {"alerts": [alert("a", exact)]}})).status is (
        Status.PASS
    )


def test_the_service_and_the_event_must_both_be_named():
    only_event = "event.eventName: CreatePolicy"
    data = sls({"ssec": {"alerts": [alert("a", only_event)]}})
    assert scan(RAM, data).status is Status.FAIL


def test_an_unreadable_project_makes_a_missing_alert_unknown():
    data = sls(
        {
            "broken": {"alerts_error": error("InternalServerError", 500)},
            "sec": {"alerts": []},
        }
    )
    result = scan(ROOT, data)
    assert result.status is Status.NOT_CHECKED
    assert "broken" in result.findings[0].detail


def test_an_alert_found_elsewhere_passes_despite_an_unreadable_project():
    data = sls(
        {
            "broken": {"alerts_error": error("InternalServerError", 500)},
            "sec": {"alerts": [alert("root", ROOT_QUERY)]},
        }
    )
    assert scan(ROOT, data).status is Status.PASS


@pytest.mark.parametrize("denied", ["log:ListAlerts", "log:ListProject"])
def test_denied_alert_reads_are_not_checked(denied):
    data = sls({"sec": {"alerts": [alert("root", ROOT_QUERY)]}})
    result = scan(ROOT, data, deny=[denied])
    assert result.status is Status.NOT_CHECKED
    assert result.missing_actions == (denied,)


def test_alerts_on_every_page_are_read():
    # ListAlerts answers at most 200 a page: the alert that watches sits beyond it.
    noise = [alert(f"noise-{n}", f"status: {n}") for n in range(230)]
    data = sls({"sec": {"alerts": [*noise, alert("root", ROOT_QUERY)]}})
    assert scan(ROOT, data).status is Status.PASS


# --- zone redundancy ---------------------------------------------------------------


def test_zone_redundant_projects_pass_and_local_ones_fail():
    listing = {
        "projects": [
            project("a"),
            project("b", dataRedundancyType="LRS"),
            project("c", dataRedundancyType="zrs"),
        ]
    }
    result = scan(ZRS, sls(listing=listing))
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"b"}


def test_a_project_without_a_redundancy_type_is_not_checked():
    listing = {"projects": [project("a", dataRedundancyType=None)]}
    result = scan(ZRS, sls(listing=listing))
    assert result.status is Status.NOT_CHECKED


def test_no_projects_is_not_applicable():
    assert scan(ZRS, sls()).status is Status.NOT_APPLICABLE


def test_projects_beyond_the_first_page_are_read():
    # ListProject answers at most 500 a page.
    listing = {"projects": [project(f"p{n:04}") for n in range(520)]}
    listing["projects"][-1]["dataRedundancyType"] = "LRS"
    result = scan(ZRS, sls(listing=listing))
    assert failed_ids(result) == {"p0519"}
    assert len(result.findings) == 520


def test_denied_projects_are_not_checked():
    result = scan(ZRS, sls({"proj": {}}), deny=["log:ListProject"])
    assert result.status is Status.NOT_CHECKED
