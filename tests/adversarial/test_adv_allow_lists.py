"""Allow lists that admit everyone in any spelling, and answers missing their list.

A whitelist of ``0::0/0`` is as open as ``0.0.0.0/0``; a detail answer that lacks
the very field an item judges is no proof that the resource is closed.
"""

from __future__ import annotations

import pytest
from ai_data import elasticsearch, registry
from data import REGION, db_instance, rds_instances, rds_whitelists, scan
from data_identity_infra import security_preference

from cloud_checkup.checks import Status
from cloud_checkup.checks._fields import admits_every_address

RDS_OPEN = "rds-instance-not-open-to-internet"
LOGON_NETWORK = "ram-console-logon-network-restricted"
KIBANA = "elasticsearch-kibana-not-public"
ES_PUBLIC = "elasticsearch-public-access-restricted"
CR_PRIVATE = "cr-repository-private"


@pytest.mark.parametrize(
    "entry", ["0.0.0.0/0", "0.0.0.0", "::/0", "0::0/0", "::", "*", " 0.0.0.0/0 "]
)
def test_every_spelling_of_everyone(entry):
    assert admits_every_address(entry)


@pytest.mark.parametrize("entry", ["10.0.0.0/8", "::/1", "0.0.0.0/1", "", None, "x"])
def test_a_narrower_or_unreadable_entry_is_not_everyone(entry):
    assert not admits_every_address(entry)


@pytest.mark.parametrize("everyone", ["0::0/0", "::/0", "0.0.0.0/0"])
def test_an_rds_whitelist_admitting_everyone_fails(everyone):
    result = scan(
        RDS_OPEN,
        rds_instances(db_instance("rm-odd")),
        rds_whitelists({"rm-odd": {"default": f"10.0.0.1,{everyone}"}}),
    )
    assert result.status is Status.FAIL


def test_an_rds_whitelist_answer_without_the_list_is_not_checked():
    answer = rds_whitelists({"rm-hollow": {"default": "10.0.0.1"}})
    responses = answer["rds"][REGION]["DescribeDBInstanceIPArrayList"]["responses"]
    responses["rm-hollow"] = {"RequestId": "hollow"}
    result = scan(RDS_OPEN, rds_instances(db_instance("rm-hollow")), answer)
    assert result.status is Status.NOT_CHECKED


def test_console_logon_from_ipv6_everyone_fails():
    result = scan(LOGON_NETWORK, security_preference(masks="203.0.113.0/24;0::0/0"))
    assert result.status is Status.FAIL


def _hollow_es(**kept) -> dict:
    data = elasticsearch(good=True)
    answers = data["elasticsearch"][REGION]["DescribeInstance"]["responses"]
    answers["es-1"] = {"Result": {"instanceId": "es-1", **kept}}
    return data


@pytest.mark.parametrize("check_id", [KIBANA, ES_PUBLIC])
def test_an_elasticsearch_answer_without_the_public_flag_is_not_checked(check_id):
    assert scan(check_id, _hollow_es()).status is Status.NOT_CHECKED


def test_an_elasticsearch_public_flag_as_a_string_is_read():
    data = _hollow_es(enablePublic="true", publicIpWhitelist=["0.0.0.0/0"])
    assert scan(ES_PUBLIC, data).status is Status.FAIL


def test_a_registry_answer_without_the_repository_list_is_not_checked():
    data = registry(good=True)
    answers = data["cr"][REGION]["ListRepository"]["responses"]
    answers["cri-1"] = {"TotalCount": "0"}
    assert scan(CR_PRIVATE, data).status is Status.NOT_CHECKED
