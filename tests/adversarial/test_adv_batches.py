"""Batched ECS auto-renewal reads meeting odd answers, through the real sandbox.

One ``DescribeInstanceAutoRenewAttribute`` call names up to 100 subscription
instances, and each item of its answer is keyed by the ``InstanceId`` it carries. An
answer that says two things about one instance, or nothing about its renewal, is no
evidence either way: the instance is not checked, never passed.
"""

from __future__ import annotations

from data import REGION, ecs_instances, instance, iso, scan

from cloud_checkup.checks import Status

ECS_EXPIRY = "ecs-subscription-not-expiring"
RENEWS = {"AutoRenewEnabled": True, "RenewalStatus": "AutoRenewal"}
LAPSES = {"AutoRenewEnabled": False, "RenewalStatus": "Normal"}


def _expiring(*instance_ids: str) -> dict:
    return ecs_instances(
        *(
            instance(i, InstanceChargeType="PrePaid", ExpiredTime=iso(5, seconds=False))
            for i in instance_ids
        )
    )


def _renewals(items_by_id: dict[str, list[dict]]) -> dict:
    """Auto-renewal answers: for each id asked, the items its answer lists."""
    responses = {
        instance_id: {"InstanceRenewAttributes": {"InstanceRenewAttribute": items}}
        for instance_id, items in items_by_id.items()
    }
    action = {"by": "InstanceId", "responses": responses}
    return {"ecs": {REGION: {"DescribeInstanceAutoRenewAttribute": action}}}


def _findings(*fragments: dict) -> dict[str, tuple[Status, str]]:
    result = scan(ECS_EXPIRY, *fragments)
    return {f.resource_id: (f.status, f.detail) for f in result.findings}


def test_an_instance_listed_twice_with_different_settings_is_not_checked():
    # The batch's answer lists i-web1 twice: once lapsing, once renewing. Keeping the
    # last one passed i-web1 on a contradiction.
    findings = _findings(
        _expiring("i-web1", "i-web2"),
        _renewals(
            {
                "i-web1": [{"InstanceId": "i-web1", **LAPSES}],
                "i-web2": [
                    {"InstanceId": "i-web2", **LAPSES},
                    {"InstanceId": "i-web1", **RENEWS},
                ],
            }
        ),
    )
    status, detail = findings["i-web1"]
    assert status is Status.NOT_CHECKED
    assert "i-web1" in detail
    assert findings["i-web2"][0] is Status.FAIL


def test_an_instance_listed_twice_alike_is_judged():
    same = {"InstanceId": "i-web1", **RENEWS}
    findings = _findings(_expiring("i-web1"), _renewals({"i-web1": [same, same]}))
    assert findings["i-web1"][0] is Status.PASS


def test_a_renewal_record_without_its_setting_is_not_checked_not_failed():
    # Neither AutoRenewEnabled nor RenewalStatus: nothing says the instance lapses.
    findings = _findings(
        _expiring("i-web1", "i-web2"),
        _renewals(
            {
                "i-web1": [{"InstanceId": "i-web1", "Duration": 1}],
                "i-web2": [{"InstanceId": "i-web2", **LAPSES}],
            }
        ),
    )
    status, detail = findings["i-web1"]
    assert status is Status.NOT_CHECKED
    assert "AutoRenewEnabled" in detail and "RenewalStatus" in detail
    assert findings["i-web2"][0] is Status.FAIL


def test_a_renewal_status_alone_still_decides():
    findings = _findings(
        _expiring("i-web1", "i-web2"),
        _renewals(
            {
                "i-web1": [{"InstanceId": "i-web1", "RenewalStatus": "AutoRenewal"}],
                "i-web2": [{"InstanceId": "i-web2", "AutoRenewEnabled": False}],
            }
        ),
    )
    assert findings["i-web1"][0] is Status.PASS
    assert findings["i-web2"][0] is Status.FAIL
