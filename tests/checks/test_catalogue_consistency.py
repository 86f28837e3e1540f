"""One problem is reported once, with one severity: the rules between items that
look at the same resource (docs/catalogue-rules.md), on sandbox data."""

from __future__ import annotations

import re

import pytest
from data import (
    db_instance,
    ecs_instances,
    error,
    failed_ids,
    instance,
    rds_instances,
    scan,
)
from data_ha import rds_attributes, subscription, subscriptions
from data_identity_infra import custom_policies, document

from cloud_checkup.checks import Package, Status, catalogue
from cloud_checkup.checks._tags import resource_tags
from cloud_checkup.checks.applicability import RESOURCE_WORDS, not_applicable_reason
from cloud_checkup.checks.base import Finding

STOPPED = "ecs-instance-not-stopped"
MULTI_ZONE = "rds-instance-multi-zone"
RAM_FULL = "ram-custom-policy-no-ram-full-access"
BILLING = "subscription-not-expiring"
ADMIN = {"Effect": "Allow", "Action": "*", "Resource": "*"}
RESTATES = re.compile(r"The AI asset's view of (?P<item>[a-z0-9-]+)")


# --- the AI view of a general item keeps its severity ---------------------------


def _restatements():
    for item in catalogue().values():
        if match := RESTATES.search(item.description):
            yield item.id, match["item"]


def test_ai_items_name_the_general_item_they_restate():
    pairs = dict(_restatements())
    assert pairs["ecs-gpu-instance-metadata-token-required"] == (
        "ecs-instance-metadata-imdsv2"
    )
    assert pairs["oss-ai-bucket-versioning"] == "oss-bucket-versioning"
    assert pairs["ecs-gpu-instance-disks-encrypted"] == "ecs-disk-encrypted"


@pytest.mark.parametrize(("ai_item", "general_item"), sorted(_restatements()))
def test_an_ai_restatement_has_the_general_items_severity(ai_item, general_item):
    items = catalogue()
    assert items[ai_item].package is Package.AI
    assert items[general_item].package is Package.STANDARD
    assert items[ai_item].severity is items[general_item].severity


# --- billing centre versus the ECS and RDS expiry items ---------------------------


def test_billing_centre_leaves_ecs_and_rds_to_their_own_items():
    result = scan(
        BILLING,
        subscriptions(
            subscription("i-web", "ecs", 5, "ManualRenewal"),
            # Product codes are compared without regard to case.
            subscription("rm-db", "RDS", 5, "NotRenewal"),
            subscription("eip-1", "eip", 5, "ManualRenewal"),
        ),
    )
    assert result.status is Status.FAIL
    assert {f.resource_id for f in result.findings} == {"eip:eip-1"}


def test_billing_centre_with_only_ecs_and_rds_is_not_applicable_and_says_why():
    result = scan(BILLING, subscriptions(subscription("i-web", "ecs", 5, "Manual")))
    assert result.status is Status.NOT_APPLICABLE
    reason = not_applicable_reason(catalogue()[BILLING], result.findings)
    assert "without an expiry item of their own" in reason


# --- Basic edition RDS: the HA item, not the multi-zone item ----------------------


def test_multi_zone_leaves_basic_edition_to_the_ha_item():
    result = scan(
        MULTI_ZONE,
        rds_instances(
            db_instance("rm-basic", Category="Basic"),
            db_instance("rm-ha"),
        ),
        rds_attributes({"rm-basic": {"Category": "Basic"}, "rm-ha": {}}),
    )
    assert result.status is Status.PASS
    (basic,) = [f for f in result.findings if f.resource_id == "rm-basic"]
    assert basic.status is Status.NOT_APPLICABLE
    assert "rds-instance-high-availability" in basic.detail


def test_multi_zone_knows_basic_edition_without_reading_its_attributes():
    # The edition in DescribeDBInstances is enough: a failed attribute read of a
    # single-node instance does not make the item not_checked.
    result = scan(
        MULTI_ZONE,
        rds_instances(db_instance("rm-basic", Category="Basic")),
        rds_attributes({"rm-basic": error("IncorrectDBInstanceState", 400)}),
    )
    assert result.status is Status.NOT_APPLICABLE
    assert [f.status for f in result.findings] == [Status.NOT_APPLICABLE]


def test_multi_zone_still_fails_a_standby_in_the_same_zone():
    result = scan(
        MULTI_ZONE,
        rds_instances(db_instance("rm-ha")),
        rds_attributes({"rm-ha": {"SlaveZones": {"SlaveZone": []}}}),
    )
    assert failed_ids(result) == {"rm-ha"}


# --- full admin versus full RAM control ------------------------------------------


def test_ram_full_access_skips_policies_the_full_admin_item_fails():
    result = scan(
        RAM_FULL,
        custom_policies(
            {
                "break-glass": document(ADMIN),
                # NotAction with nothing excluded is full admin too.
                "not-action-admin": document(
                    {"Effect": "Allow", "NotAction": [], "Resource": "*"}
                ),
                "iam-helper": document(
                    {"Effect": "Allow", "Action": "ram:*", "Resource": "*"}
                ),
            }
        ),
    )
    assert failed_ids(result) == {"iam-helper"}
    skipped = {
        f.resource_id: f.detail
        for f in result.findings
        if f.status is Status.NOT_APPLICABLE
    }
    assert set(skipped) == {"break-glass", "not-action-admin"}
    assert all("ram-custom-policy-no-full-admin" in d for d in skipped.values())


def test_ram_full_access_judges_what_full_admin_fails_for_another_reason():
    # Everything but RAM: full admin fails it, yet it grants no RAM control.
    everything_but_ram = {"Effect": "Allow", "NotAction": "ram:*", "Resource": "*"}
    result = scan(RAM_FULL, custom_policies({"no-ram": document(everything_but_ram)}))
    assert result.status is Status.PASS


def test_ram_full_access_with_only_full_admin_policies_is_not_applicable():
    result = scan(RAM_FULL, custom_policies({"break-glass": document(ADMIN)}))
    assert result.status is Status.NOT_APPLICABLE
    reason = not_applicable_reason(catalogue()[RAM_FULL], result.findings)
    assert "ram-custom-policy-no-full-admin" in reason


def test_full_admin_item_still_fails_the_policy():
    result = scan(
        "ram-custom-policy-no-full-admin",
        custom_policies({"break-glass": document(ADMIN)}),
    )
    assert failed_ids(result) == {"break-glass"}


# --- a stopped cold standby -------------------------------------------------------


def _tags(*pairs):
    return {"Tag": [{"TagKey": k, "TagValue": v} for k, v in pairs]}


def test_a_stopped_instance_tagged_as_standby_passes():
    result = scan(
        STOPPED,
        ecs_instances(
            instance("i-dr", Status="Stopped", Tags=_tags(("Role", "DR-Standby"))),
            instance("i-web"),
        ),
    )
    assert result.status is Status.PASS
    (standby,) = [f for f in result.findings if f.resource_id == "i-dr"]
    assert "Role=DR-Standby" in standby.detail


def test_a_stopped_instance_without_the_tag_fails_and_says_how_to_accept_it():
    result = scan(
        STOPPED,
        ecs_instances(
            instance("i-old", Status="Stopped", Tags=_tags(("role", "web"))),
            instance("i-spare", Status="Stopped", Tags=_tags(("env", "standby"))),
        ),
    )
    assert failed_ids(result) == {"i-old", "i-spare"}
    assert all("role=dr-standby" in f.detail for f in result.failed)


def test_stopped_instance_findings_carry_tags_for_exceptions_by_tag():
    result = scan(
        STOPPED,
        ecs_instances(
            instance("i-old", Status="Stopped", Tags=_tags(("env", "staging")))
        ),
    )
    (finding,) = result.failed
    assert finding.tags == (("env", "staging"),)


def test_stopped_item_is_not_applicable_without_instances_and_not_checked_when_denied():
    empty = scan(STOPPED, ecs_instances())
    assert empty.status is Status.NOT_APPLICABLE
    reason = not_applicable_reason(catalogue()[STOPPED], empty.findings)
    assert reason == "No ECS instances in the scanned regions"
    denied = scan(
        STOPPED,
        ecs_instances(instance("i-a")),
        deny=["ecs:DescribeInstances"],
    )
    assert denied.status is Status.NOT_CHECKED


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"Tags": {"Tag": [{"TagKey": "a", "TagValue": "1"}]}}, (("a", "1"),)),
        ({"Tags": [{"Key": "b", "Value": None}]}, (("b", ""),)),
        ({"Tags": {"Tag": [{"TagValue": "keyless"}]}}, ()),
        ({"Tags": ""}, ()),
        ({}, ()),
    ],
)
def test_resource_tags_read_both_shapes(record, expected):
    assert resource_tags(record) == expected


# --- a not-applicable item always says why ----------------------------------------


@pytest.mark.parametrize("check_id", sorted(catalogue()))
def test_every_item_can_say_why_it_is_not_applicable(check_id):
    item = catalogue()[check_id]
    reason = not_applicable_reason(item, [])
    assert reason.startswith("No ") and "resources of this kind" not in reason
    assert item.applies_to or item.resource_type in RESOURCE_WORDS


def test_postgresql_item_names_postgresql_when_there_is_none():
    result = scan(
        "rds-postgresql-connection-logging", rds_instances(db_instance("rm-mysql"))
    )
    assert result.status is Status.NOT_APPLICABLE
    reason = not_applicable_reason(
        catalogue()["rds-postgresql-connection-logging"], result.findings
    )
    assert reason == "No RDS PostgreSQL instances in the scanned regions"


def test_a_not_applicable_finding_gives_its_own_reason():
    item = catalogue()[MULTI_ZONE]
    finding = Finding.not_applicable("rm-1", "Basic edition: judged elsewhere")
    assert not_applicable_reason(item, [finding]) == "Basic edition: judged elsewhere"
