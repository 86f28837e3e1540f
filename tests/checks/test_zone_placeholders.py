"""A zone field holding a placeholder ("null", "", None) names no zone.

One real zone beside a placeholder is one zone, never two: the instance fails (or, when
no real zone can be read, is not checked); it never passes as multi-zone. Every
*-multi-zone item reads zones through the same helper, so each meets the same
placeholders here.
"""

from __future__ import annotations

from typing import Any

import pytest
from data import (
    db_instance,
    ecs_instances,
    instance,
    load_balancers,
    merge,
    rds_instances,
    scan,
)
from data_ha import (
    ZONE_H,
    ZONE_I,
    alb_load_balancers,
    mongodb_instances,
    nlb_load_balancers,
    polardb_cluster,
    polardb_clusters,
    rds_attributes,
    redis_instances,
    slb_backends,
)

from cloud_checkup.checks import Status

PLACEHOLDERS = ["null", "NULL", " None ", "", None]


def _one(result) -> Any:
    (finding,) = result.findings
    return finding


def _redis(primary: Any, secondary: Any) -> dict:
    return redis_instances({"r-1": {"ZoneId": primary, "SecondaryZoneId": secondary}})


def _mongodb(primary: Any, secondary: Any) -> dict:
    fields = {"ZoneId": primary, "SecondaryZoneId": secondary, "HiddenZoneId": ""}
    return mongodb_instances({"dds-1": fields})


def _rds(primary: Any, standby: Any) -> dict:
    return merge(
        rds_instances(db_instance("rm-1")),
        rds_attributes(
            {
                "rm-1": {
                    "ZoneId": primary,
                    "SlaveZones": {"SlaveZone": [{"ZoneId": standby}]},
                }
            }
        ),
    )


def _polardb(primary: Any, reader: Any) -> dict:
    return polardb_clusters(polardb_cluster("pc-1", [primary, reader]))


def _alb(primary: Any, other: Any) -> dict:
    return alb_load_balancers({"alb-1": [primary, other]})


def _nlb(primary: Any, other: Any) -> dict:
    return nlb_load_balancers({"nlb-1": [primary, other]})


def _slb(master: Any, slave: Any) -> dict:
    return load_balancers({"lb-1": (master, slave)})


def _slb_backends(first: Any, second: Any) -> dict:
    return merge(
        load_balancers({"lb-1": (ZONE_H, ZONE_I)}),
        slb_backends({"lb-1": ["i-1", "i-2"]}),
        ecs_instances(instance("i-1", ZoneId=first), instance("i-2", ZoneId=second)),
    )


ITEMS = [
    ("redis-instance-multi-zone", _redis),
    ("mongodb-instance-multi-zone", _mongodb),
    ("rds-instance-multi-zone", _rds),
    ("polardb-cluster-multi-zone", _polardb),
    ("alb-instance-multi-zone", _alb),
    ("nlb-instance-multi-zone", _nlb),
    ("slb-instance-multi-zone", _slb),
    ("slb-backend-servers-multi-zone", _slb_backends),
]
IDS = [check_id for check_id, _ in ITEMS]


@pytest.mark.parametrize(("check_id", "build"), ITEMS, ids=IDS)
def test_two_real_zones_pass(check_id, build):
    assert scan(check_id, build(ZONE_H, ZONE_I)).status is Status.PASS


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
@pytest.mark.parametrize(("check_id", "build"), ITEMS, ids=IDS)
def test_a_placeholder_beside_a_real_zone_is_not_a_second_zone(
    check_id, build, placeholder
):
    finding = _one(scan(check_id, build(ZONE_H, placeholder)))
    assert finding.status is Status.FAIL, finding.detail
    assert "null" not in finding.detail.lower()


@pytest.mark.parametrize("placeholder", ["null", "None"])
@pytest.mark.parametrize(("check_id", "build"), ITEMS, ids=IDS)
def test_without_a_real_zone_the_resource_is_not_checked(check_id, build, placeholder):
    finding = _one(scan(check_id, build(placeholder, placeholder)))
    assert finding.status is Status.NOT_CHECKED, finding.detail
