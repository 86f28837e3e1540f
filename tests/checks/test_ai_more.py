"""The AI package items on sandbox data: pass, fail, nothing to check, not readable.

Four whole-account scans (a well configured account, a badly configured one, an
account without AI resources, and an identity denied every AI product) prove every
item both ways; smaller scans below cover the API quirks the items meet.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from ai_data import (
    AI_DENY,
    ai_account,
    autoscaler,
    cronscaler,
    dlc,
    eas,
    eas_service,
    elasticsearch,
    empty_ai_account,
    gpdb,
    gpu_instance,
    gpu_server,
    per,
    regional,
    registry,
    workspaces,
)
from data import (
    REGION,
    error,
    failed_ids,
    merge,
    oss_buckets,
    rule,
    scan,
    security_groups,
)
from harness import base_dataset, scan_dataset

import cloud_checkup
from cloud_checkup.app.model import ScanResult
from cloud_checkup.checks import Category, Package, Status, catalogue

ORIGINAL = {
    "pai-dsw-no-internet-access",
    "ecs-gpu-instance-no-public-ip",
    "pai-eas-service-multiple-instances",
}
# Model Studio is not offered in this account's region; its items have their own
# tests (test_ai_modelstudio.py) in a region that serves it.
NEW_ITEMS = tuple(
    sorted(
        item.id
        for item in catalogue().values()
        if item.category is Category.AI
        and item.id not in ORIGINAL
        and not item.id.startswith("modelstudio-")
    )
)


@cache
def whole_account(kind: str) -> ScanResult:
    services = {
        "good": lambda: ai_account(good=True),
        "bad": lambda: ai_account(good=False),
        "empty": empty_ai_account,
        "denied": lambda: ai_account(good=True),
    }[kind]()
    deny = AI_DENY if kind == "denied" else ()
    dataset = base_dataset(services, regions=(REGION,), deny=deny)
    return scan_dataset(dataset, NEW_ITEMS)


def test_the_ai_package_has_at_least_35_items():
    ai = [i for i in catalogue().values() if i.category is Category.AI]
    assert len(ai) >= 35
    assert all(item.package is Package.AI for item in ai)
    assert all(item.resource_type for item in ai)


@pytest.mark.parametrize("check_id", NEW_ITEMS)
def test_item_passes_on_a_well_configured_account(check_id):
    result = whole_account("good").result(check_id)
    assert result.status is Status.PASS, [f.detail for f in result.findings]


@pytest.mark.parametrize("check_id", NEW_ITEMS)
def test_item_fails_on_a_badly_configured_account(check_id):
    result = whole_account("bad").result(check_id)
    assert result.status is Status.FAIL, [f.detail for f in result.findings]


@pytest.mark.parametrize("check_id", NEW_ITEMS)
def test_item_is_not_applicable_without_ai_resources(check_id):
    result = whole_account("empty").result(check_id)
    assert result.status is Status.NOT_APPLICABLE, result.reason


@pytest.mark.parametrize("check_id", NEW_ITEMS)
def test_item_is_not_checked_when_its_data_is_denied(check_id):
    result = whole_account("denied").result(check_id)
    assert result.status is Status.NOT_CHECKED
    assert result.reason


@pytest.mark.parametrize("check_id", NEW_ITEMS)
def test_findings_name_the_ai_asset_kind(check_id):
    item = catalogue()[check_id]
    for finding in whole_account("bad").result(check_id).findings:
        assert finding.resource_type == item.resource_type


def test_credential_findings_name_the_variable_never_its_value():
    result = whole_account("bad")
    details = " ".join(
        finding.detail
        for check_id in NEW_ITEMS
        for finding in result.result(check_id).findings
    )
    assert "DASHSCOPE_API_KEY" in details and "HF_TOKEN" in details
    assert "sk-not-real" not in details and "hf_not_real" not in details


# --- quirks ------------------------------------------------------------------------


def test_gpu_security_group_ipv6_drop_priority_and_port_ranges():
    groups = security_groups(
        {
            # ::/0 is the Internet too.
            "sg-v6": [rule("11434/11434", ipv6_source="::/0")],
            # A Drop rule at a higher priority (lower number) shuts the Accept.
            "sg-drop": [
                rule("8888/8888", source="0.0.0.0/0", priority="2"),
                rule("1/65535", source="0.0.0.0/0", policy="drop", priority="1"),
            ],
            # Protocol ALL with -1/-1 covers every port, in any case.
            "sg-all": [rule("-1/-1", protocol="all", source="0.0.0.0/0")],
        }
    )
    servers = regional(
        "ecs",
        {
            "DescribeInstances": {
                "Instances": {
                    "Instance": [
                        gpu_instance("i-v6", "sg-v6"),
                        gpu_instance("i-drop", "sg-drop"),
                        gpu_instance("i-all", "sg-all"),
                    ]
                }
            }
        },
    )
    result = scan("ecs-gpu-instance-no-public-ai-ports", servers, groups)
    assert failed_ids(result) == {"i-v6", "i-all"}


def test_eas_service_config_that_is_not_json_is_not_checked():
    services = eas(True)
    described = services["eas"][REGION]["DescribeService"]["responses"]["llm"]
    described["ServiceConfig"] = "{not json"
    result = scan("pai-eas-service-no-plaintext-credentials", services)
    assert result.status is Status.NOT_CHECKED


def test_eas_service_config_given_as_an_object_is_read_too():
    services = eas(True)
    described = services["eas"][REGION]["DescribeService"]["responses"]["llm"]
    config = json.loads(described["ServiceConfig"])
    config["containers"][0]["env"].append({"name": "OPENAI_API_KEY", "value": "x"})
    described["ServiceConfig"] = config
    result = scan("pai-eas-service-no-plaintext-credentials", services)
    assert result.status is Status.FAIL


def test_eas_public_endpoint_behind_a_dedicated_gateway_passes():
    services = eas(True)
    described = services["eas"][REGION]["DescribeService"]["responses"]["llm"]
    described |= {
        "InternetEndpoint": "http://gw-1.pai-eas.aliyuncs.com",
        "Gateway": "gw-1",
    }
    result = scan("pai-eas-service-no-shared-public-endpoint", services)
    assert result.status is Status.PASS


AUTOSCALING = "pai-eas-service-autoscaling"


def _scaling(**answers) -> dict:
    """Two services: "a" running and "b" stopped, with the scalers given per name."""
    services = eas(True)
    actions = services["eas"][REGION]
    actions["ListServices"]["Services"] = [
        eas_service("a"),
        eas_service("b", Status="Stopped"),
    ]
    for action, responses in answers.items():
        actions[action] = per("ServiceName", responses)
    return services


def test_eas_a_service_without_scalers_fails_and_stopped_ones_are_skipped():
    data = _scaling(
        DescribeServiceAutoScaler={"a": autoscaler(False, "a")},
        DescribeServiceCronScaler={"a": cronscaler(name="a")},
    )
    result = scan(AUTOSCALING, data)
    assert failed_ids(result) == {"eas-m-a"}
    assert len(result.findings) == 1


def test_eas_a_scaling_schedule_is_enough():
    job = {"Name": "peak", "Schedule": "0 0 18 * * *", "TargetSize": 4}
    data = _scaling(
        DescribeServiceAutoScaler={"a": autoscaler(False, "a")},
        DescribeServiceCronScaler={"a": cronscaler(job, name="a")},
    )
    assert scan(AUTOSCALING, data).status is Status.PASS


def test_eas_an_unreadable_scaler_is_not_checked_never_failed():
    data = _scaling(
        DescribeServiceAutoScaler={"a": autoscaler(False, "a")},
        DescribeServiceCronScaler={"a": error("InternalError", 500)},
    )
    assert scan(AUTOSCALING, data).status is Status.NOT_CHECKED


def test_eas_denied_scaler_reads_are_not_checked():
    result = scan(AUTOSCALING, eas(True), deny=["eas:DescribeServiceAutoScaler"])
    assert result.status is Status.NOT_CHECKED
    assert result.missing_actions == ("eas:DescribeServiceAutoScaler",)


def test_a_truncated_member_list_never_passes():
    data = workspaces(True)
    body = data["aiworkspace"][REGION]["ListMembers"]["responses"]["100"]
    body["TotalCount"] = 250
    result = scan("pai-workspace-few-administrators", data)
    assert result.status is Status.NOT_CHECKED


def test_a_truncated_repository_list_never_passes():
    data = registry(True)
    body = data["cr"][REGION]["ListRepository"]["responses"]["cri-1"]
    body["TotalCount"] = "150"  # CR sends TotalCount as a string
    result = scan("cr-repository-private", data)
    assert result.status is Status.NOT_CHECKED


@pytest.mark.parametrize(
    ("repo_type", "status"),
    [
        (" public", Status.FAIL),  # any case, any surrounding space
        ("PRIVATE", Status.PASS),
        ("null", Status.NOT_CHECKED),  # neither: it cannot pass
    ],
)
def test_a_repository_type_is_read_in_any_case_and_an_odd_one_never_passes(
    repo_type, status
):
    data = registry(True)
    body = data["cr"][REGION]["ListRepository"]["responses"]["cri-1"]
    for repository in body["Repositories"]:
        repository["RepoType"] = repo_type
    result = scan("cr-repository-private", data)
    assert result.status is status


def test_internet_endpoint_without_acl_fails_and_disabled_passes():
    data = registry(True)
    endpoints = data["cr"][REGION]["ListInstanceEndpoint"]["responses"]["cri-1"]
    endpoints["Endpoints"][0] |= {"AclEnable": "false", "AclEntries": []}
    assert scan("cr-instance-internet-endpoint-restricted", data).status is Status.FAIL
    endpoints["Endpoints"][0]["Enable"] = False
    assert scan("cr-instance-internet-endpoint-restricted", data).status is Status.PASS


def test_absent_metadata_options_are_not_checked_not_passed():
    data = gpu_server(True)
    del data["ecs"][REGION]["DescribeInstances"]["Instances"]["Instance"][0][
        "MetadataOptions"
    ]
    result = scan("ecs-gpu-instance-metadata-token-required", data)
    assert result.status is Status.NOT_CHECKED


def test_absent_versioning_means_never_enabled():
    info = {
        "AccessControlList": {"Grant": "private"},
        "ServerSideEncryptionRule": {"SSEAlgorithm": "KMS"},
        "Versioning": None,
    }
    result = scan("oss-ai-bucket-versioning", oss_buckets({"llm-checkpoints": info}))
    assert result.status is Status.FAIL


def test_only_buckets_named_for_ai_data_are_judged():
    public = {"AccessControlList": {"Grant": "public-read"}}
    result = scan(
        "oss-ai-bucket-not-public",
        oss_buckets({"shop-email-archive": public, "shop-static": public}),
    )
    assert result.status is Status.NOT_APPLICABLE


def test_one_unreadable_ssl_setting_keeps_the_item_from_passing():
    data = gpdb(True)
    actions = data["gpdb"][REGION]
    actions["DescribeDBInstances"]["Items"]["DBInstance"].append(
        {"DBInstanceId": "gp-2", "DBInstanceDescription": "other", "RegionId": REGION}
    )
    actions["DescribeDBInstanceSSL"]["responses"]["gp-2"] = {
        "$error": {"Code": "IncorrectDBInstanceState", "HttpStatus": 400}
    }
    result = scan("gpdb-instance-ssl-enabled", data)
    assert result.status is Status.NOT_CHECKED
    assert {f.resource_id for f in result.findings} == {"gp-1", "gp-2"}


def test_a_cluster_listed_by_two_regional_endpoints_is_judged_once():
    data = merge(
        elasticsearch(False),
        {
            "elasticsearch": {
                "ap-southeast-1": elasticsearch(False)["elasticsearch"][REGION]
            }
        },
    )
    result = scan(
        "elasticsearch-https-enabled", data, regions=(REGION, "ap-southeast-1")
    )
    assert [f.resource_id for f in result.findings] == ["es-1"]


def test_finished_dlc_jobs_are_not_judged_for_runtime_settings():
    data = dlc(True)
    jobs = data["pai-dlc"][REGION]["ListJobs"]
    jobs["Jobs"] = [j for j in jobs["Jobs"] if j["Status"] == "Succeeded"]
    assert scan("pai-dlc-job-in-vpc", data).status is Status.NOT_APPLICABLE


def test_dsw_security_group_unknown_to_the_account_is_not_checked():
    data = ai_account(good=True)
    data["ecs"][REGION]["DescribeSecurityGroups"]["SecurityGroups"][
        "SecurityGroup"
    ] = []
    result = scan("pai-dsw-security-group-no-public-ports", data)
    assert result.status is Status.NOT_CHECKED


def test_gateway_without_public_access_is_not_judged_for_redirection():
    data = eas(False)
    data["eas"][REGION]["ListGateway"]["Gateways"][0]["InternetEnabled"] = "false"
    assert scan("pai-eas-gateway-https-redirect", data).status is Status.NOT_APPLICABLE


# --- the demo account --------------------------------------------------------------

DEMO = Path(cloud_checkup.__file__).parent / "resources" / "demo"


@cache
def demo_scan() -> ScanResult:
    return scan_dataset(str(DEMO), NEW_ITEMS)


@pytest.mark.parametrize("check_id", NEW_ITEMS)
def test_demo_account_evaluates_the_ai_item(check_id):
    result = demo_scan().result(check_id)
    assert result is not None
    assert result.status in (Status.PASS, Status.FAIL), result.reason


def test_demo_account_has_a_mix_of_passing_and_failing_ai_items():
    statuses = [demo_scan().result(i).status for i in NEW_ITEMS]
    assert statuses.count(Status.PASS) >= 8
    assert statuses.count(Status.FAIL) >= 8
