"""The Model Studio API key items on sandbox data in ListApiKeys' own shape.

Each item passes, fails, has nothing to judge and cannot read; the quirk tests cover
disabled keys, string booleans, IPv6 wildcards, a list over several pages, and the
key value, which no finding may ever carry.
"""

from __future__ import annotations

from typing import Any

import pytest
from data import failed_ids
from data import scan as scan_in

from cloud_checkup.checks import Status

# Model Studio's API is served in Singapore, Virginia and Beijing only.
REGION = "ap-southeast-1"


def scan(check_id, *fragments, deny=(), regions=(REGION,)):
    return scan_in(check_id, *fragments, deny=deny, regions=regions)


ROTATED = "modelstudio-api-key-rotated-90-days"
MODEL_SCOPE = "modelstudio-api-key-model-scope"
IP_RESTRICTED = "modelstudio-api-key-ip-restricted"
ITEMS = (ROTATED, MODEL_SCOPE, IP_RESTRICTED)
DENY = ["modelstudio:ListApiKeys"]
KEY_VALUE = "sk-5f1e0000000000000000000000000000"


def api_key(key_id: int, **fields: Any) -> dict[str, Any]:
    """A well configured key: young, one model, one egress range."""
    return {
        "apiKeyId": key_id,
        "description": f"key {key_id}",
        "workspaceId": "ws-test",
        "workspaceName": "test",
        "createdBy": "li.wei",
        "disabled": 0,
        "gmtCreate": "@now-10d|ms",
        "auth": {
            "type": "Custom",
            "accessIps": ["47.74.10.0/24"],
            "modelAccessScope": {
                "allowAllModels": False,
                "accessibleModels": ["qwen-plus"],
            },
        },
    } | fields


def api_keys(*keys: dict[str, Any], **body: Any) -> dict[str, Any]:
    answer = {
        "requestId": "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D",
        "success": True,
        "totalCount": len(keys),
        "apiKeys": list(keys),
    } | body
    return {"modelstudio": {REGION: {"ListApiKeys": answer}}}


def open_key(key_id: int) -> dict[str, Any]:
    """Old, all permissions, no whitelist: fails every item."""
    return api_key(key_id, gmtCreate="@now-200d|ms", auth={"type": "All"})


@pytest.mark.parametrize("check_id", ITEMS)
def test_a_well_configured_key_passes(check_id):
    result = scan(check_id, api_keys(api_key(1)))
    assert result.status is Status.PASS
    assert [f.resource_id for f in result.findings] == ["1"]


@pytest.mark.parametrize("check_id", ITEMS)
def test_an_open_key_fails(check_id):
    result = scan(check_id, api_keys(api_key(1), open_key(2)))
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"2"}


@pytest.mark.parametrize("check_id", ITEMS)
def test_no_keys_is_not_applicable(check_id):
    assert scan(check_id, api_keys()).status is Status.NOT_APPLICABLE


@pytest.mark.parametrize("check_id", ITEMS)
def test_a_denied_list_is_not_checked(check_id):
    result = scan(check_id, api_keys(open_key(1)), deny=DENY)
    assert result.status is Status.NOT_CHECKED


@pytest.mark.parametrize("check_id", ITEMS)
@pytest.mark.parametrize("disabled", [1, "1"])
def test_a_disabled_key_is_not_judged(check_id, disabled):
    result = scan(check_id, api_keys(open_key(1) | {"disabled": disabled}))
    assert result.status is Status.NOT_APPLICABLE


@pytest.mark.parametrize("check_id", ITEMS)
def test_a_key_without_a_state_is_judged(check_id):
    key = open_key(1)
    del key["disabled"]
    assert failed_ids(scan(check_id, api_keys(key))) == {"1"}


@pytest.mark.parametrize("check_id", ITEMS)
def test_every_page_of_keys_is_judged(check_id):
    # ListApiKeys pages with lower-case nextToken/maxResults (the sandbox hands out
    # 10 keys a page): the one open key sits on the third page.
    keys = [api_key(n) for n in range(1, 25)] + [open_key(25)]
    result = scan(check_id, api_keys(*keys))
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"25"}
    assert len(result.findings) == 25


@pytest.mark.parametrize("check_id", ITEMS)
def test_the_key_value_is_never_reported(check_id):
    keys = [api_key(1, apiKeyValue=KEY_VALUE), open_key(2) | {"apiKeyValue": KEY_VALUE}]
    result = scan(check_id, api_keys(*keys))
    assert result.findings
    for finding in result.findings:
        assert KEY_VALUE not in repr(finding)


def test_a_key_older_than_90_days_fails_and_says_its_age():
    result = scan(ROTATED, api_keys(api_key(1, gmtCreate="@now-91d|ms")))
    assert failed_ids(result) == {"1"}
    assert "91 days" in result.failed[0].detail


def test_a_key_89_days_old_passes():
    assert scan(ROTATED, api_keys(api_key(1, gmtCreate="@now-89d|ms"))).status is (
        Status.PASS
    )


def test_an_unreadable_creation_time_is_not_checked():
    result = scan(ROTATED, api_keys(api_key(1, gmtCreate="yesterday")))
    assert result.status is Status.NOT_CHECKED


@pytest.mark.parametrize("kind", ["All", "all", "ALL"])
def test_all_permissions_fail_in_any_case(kind):
    key = api_key(1)
    key["auth"] = key["auth"] | {"type": kind}
    assert failed_ids(scan(MODEL_SCOPE, api_keys(key))) == {"1"}


@pytest.mark.parametrize("allow_all", [True, "true"])
def test_every_model_of_the_workspace_fails(allow_all):
    key = api_key(1)
    key["auth"]["modelAccessScope"]["allowAllModels"] = allow_all
    assert failed_ids(scan(MODEL_SCOPE, api_keys(key))) == {"1"}


@pytest.mark.parametrize("check_id", [MODEL_SCOPE, IP_RESTRICTED])
def test_absent_permission_settings_never_pass(check_id):
    key = api_key(1)
    del key["auth"]
    assert scan(check_id, api_keys(key)).status is Status.NOT_CHECKED


def test_an_absent_model_scope_never_passes():
    key = api_key(1)
    del key["auth"]["modelAccessScope"]
    assert scan(MODEL_SCOPE, api_keys(key)).status is Status.NOT_CHECKED


@pytest.mark.parametrize("entry", ["0.0.0.0/0", "::/0", "*"])
def test_a_whitelist_admitting_every_address_fails(entry):
    key = api_key(1)
    key["auth"]["accessIps"] = ["47.74.10.0/24", entry]
    result = scan(IP_RESTRICTED, api_keys(key))
    assert failed_ids(result) == {"1"}
    assert entry in result.failed[0].detail


@pytest.mark.parametrize("addresses", [[], None])
def test_an_empty_whitelist_fails(addresses):
    key = api_key(1)
    key["auth"]["accessIps"] = addresses
    assert failed_ids(scan(IP_RESTRICTED, api_keys(key))) == {"1"}
