"""Items must not fail on a field the API left out.

A resource whose answer lacks the field that decides it (or gives a value the API
documents as "unknown") is reported not checked, naming the field: a missing field
is no evidence of a risk, and incomplete data never passes. The PASS and FAIL cases of
these items are in their own test modules; here each item meets one gap, and the
other resources of the same scan keep their verdicts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest
from ai_data import dlc, eas_service, regional
from data import (
    REGION,
    db_instance,
    iso,
    rds_auto_renewal,
    rds_instances,
    scan,
)
from data_identity_infra import rds_tde

from cloud_checkup.checks import Status


def without(fragment: dict[str, Any], field: str) -> dict[str, Any]:
    """A copy of ``fragment`` with ``field`` removed wherever it occurs."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != field}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(copy.deepcopy(fragment))


@dataclass(frozen=True)
class Gap:
    """One item meeting an answer without its deciding field.

    Attributes:
        case: what is missing, for the test's name.
        fragments: the dataset, in Alibaba's response shapes.
        resource_id: the resource whose answer has the gap.
        says: words the not-checked finding must contain (the field's name).
        others: the statuses the scan's other resources must keep.
    """

    check_id: str
    case: str
    fragments: tuple[dict[str, Any], ...]
    resource_id: str
    says: str
    others: tuple[tuple[str, Status], ...] = ()


# --- RDS ---------------------------------------------------------------------------

ORDERS, REPORTS = "rm-orders", "rm-reports"


def _two_databases(**fields: Any) -> dict[str, Any]:
    return rds_instances(db_instance(ORDERS, **fields), db_instance(REPORTS, **fields))


def _expiring_databases() -> dict[str, Any]:
    return _two_databases(PayType="Prepaid", ExpireTime=iso(5))


def _renewal_without_a_record_of(instance_id: str) -> dict[str, Any]:
    """Auto-renewal answers in which ``instance_id``'s read succeeded but listed
    only another instance (one that renews)."""
    fragment = rds_auto_renewal({ORDERS: "True", REPORTS: "False"})
    responses = fragment["rds"][REGION]["DescribeInstanceAutoRenewalAttribute"]
    item = responses["responses"][instance_id]["Items"]["Item"][0]
    item["DBInstanceId"], item["AutoRenew"] = "rm-elsewhere", "True"
    return fragment


RDS_GAPS = [
    Gap(
        "rds-instance-tde-byok",
        "no TDEMode",
        (
            _two_databases(),
            rds_tde(
                {
                    ORDERS: {"TDEStatus": "Enabled", "EncryptionKey": ""},
                    REPORTS: ("Enabled", "Aliyun_Generate_Key"),
                }
            ),
        ),
        ORDERS,
        "TDEMode",
        ((REPORTS, Status.FAIL),),
    ),
    Gap(
        "rds-instance-tde-byok",
        "TDEMode Unknown",
        (
            _two_databases(),
            rds_tde({ORDERS: ("Enabled", "Unknown"), REPORTS: ("Disabled", "Unknown")}),
        ),
        ORDERS,
        "TDEMode is Unknown",
    ),
    Gap(
        "rds-instance-tde-byok",
        "no TDEStatus",
        (
            _two_databases(),
            rds_tde(
                {
                    ORDERS: {"TDEMode": "Aliyun_Generate_Key", "EncryptionKey": ""},
                    REPORTS: ("Enabled", "Customer_Provided_Key"),
                }
            ),
        ),
        ORDERS,
        "TDEStatus",
        ((REPORTS, Status.PASS),),
    ),
    Gap(
        "rds-subscription-not-expiring",
        "no record of the instance",
        (_expiring_databases(), _renewal_without_a_record_of(ORDERS)),
        ORDERS,
        "AutoRenew",
        ((REPORTS, Status.FAIL),),
    ),
    Gap(
        "rds-subscription-not-expiring",
        "no AutoRenew",
        (
            _expiring_databases(),
            without(rds_auto_renewal({ORDERS: "True", REPORTS: "True"}), "AutoRenew"),
        ),
        ORDERS,
        "AutoRenew",
    ),
]


# --- PAI ---------------------------------------------------------------------------


def _training_job_without_vpc() -> dict[str, Any]:
    fragment = dlc(good=True)
    del fragment["pai-dlc"][REGION]["ListJobs"]["Jobs"][0]["UserVpc"]
    return fragment


def _services(*services: dict[str, Any]) -> dict[str, Any]:
    body = {"Services": list(services), "TotalCount": len(services), "PageNumber": 1}
    return regional("eas", {"ListServices": body})


PAI_GAPS = [
    Gap(
        "pai-dlc-job-in-vpc",
        "no UserVpc",
        (_training_job_without_vpc(),),
        "dlc-1",
        "UserVpc",
    ),
    Gap(
        "pai-eas-service-safety-lock",
        "no SafetyLock",
        (
            _services(
                without(eas_service("llm"), "SafetyLock"),
                eas_service("ocr", SafetyLock="none"),
            ),
        ),
        "eas-m-llm",
        "SafetyLock",
        (("eas-m-ocr", Status.FAIL),),
    ),
    Gap(
        "pai-eas-service-safety-lock",
        "unknown lock scope",
        (_services(eas_service("llm", SafetyLock="partial")),),
        "eas-m-llm",
        "Unknown lock scope 'partial'",
    ),
]


GAPS = RDS_GAPS + PAI_GAPS


@pytest.mark.parametrize("gap", GAPS, ids=[f"{g.check_id}:{g.case}" for g in GAPS])
def test_a_missing_field_leaves_the_resource_not_checked(gap):
    result = scan(gap.check_id, *gap.fragments)
    by_resource = {f.resource_id: f for f in result.findings}

    finding = by_resource[gap.resource_id]
    assert finding.status is Status.NOT_CHECKED, finding.detail
    assert gap.says in finding.detail

    for resource_id, status in gap.others:
        assert by_resource[resource_id].status is status, by_resource[resource_id]
    assert result.status is (Status.FAIL if result.failed else Status.NOT_CHECKED)
