"""CloudMonitor and Quota Center: alarm rules and the contacts they notify, and the
quotas a growing account runs into."""

from __future__ import annotations

import json
from typing import Any

from ._common import ACCOUNT_ID, Account

# Contact groups and their members; one was created and never filled.
_CONTACT_GROUPS = {
    "ops": ["li.wei", "zhang.min"],
    "dba": ["wang.fang"],
    "security": ["chen.hao", "li.wei"],
    "ml-team": [],
}
# Instances per ECS alarm rule, and the share of running instances rules watch.
_RULE_SIZE = 20
_WATCHED = 0.7


def build(a: Account) -> None:
    a.put(
        "cms",
        "DescribeContactGroupList",
        {
            "ContactGroupList": {
                "ContactGroup": [
                    {
                        "Name": name,
                        "Describe": f"{name} on-call",
                        "EnableSubscribed": bool(members),
                        "Contacts": {"Contact": members},
                    }
                    for name, members in _CONTACT_GROUPS.items()
                ]
            }
        },
    )
    # Alarm rules belong to the account: every regional endpoint returns them all.
    a.put("cms", "DescribeMetricRuleList", {"Alarms": {"Alarm": _alarm_rules(a)}})
    _quotas(a)


def _alarm_rules(a: Account) -> list[dict[str, Any]]:
    """CPU rules over groups of running instances (some instances are left out), a
    disabled rule over all of them, and a rule on the databases."""
    running = [
        i["InstanceId"]
        for i in a.listed("ecs", "DescribeInstances", "Instances.Instance")
        if i["Status"] == "Running" and a.chance(_WATCHED)
    ]
    groups = [running[k : k + _RULE_SIZE] for k in range(0, len(running), _RULE_SIZE)]
    rules = [
        _rule(a, f"ecs-cpu-{n}", "acs_ecs_dashboard", "CPUUtilization", ids)
        for n, ids in enumerate(groups)
    ]
    everything = _rule(a, "ecs-all-cpu", "acs_ecs_dashboard", "CPUUtilization", [])
    everything |= {"Resources": '[{"resource":"_ALL"}]', "EnableState": False}
    rds = _rule(a, "rds-cpu", "acs_rds_dashboard", "CpuUsage", [])
    return [*rules, everything, rds]


def _rule(
    a: Account, name: str, namespace: str, metric: str, instance_ids: list[str]
) -> dict[str, Any]:
    contacts = a.pick({"ops": 0.6, "ml-team": 0.2, "ops,security": 0.1, "": 0.1})
    return {
        "RuleId": f"rule-{name}",
        "RuleName": name,
        "Namespace": namespace,
        "MetricName": metric,
        "Resources": json.dumps([{"instanceId": i} for i in instance_ids]),
        "EnableState": a.chance(0.9),
        "AlertState": "OK",
        "ContactGroups": contacts,
        "Period": "60",
        "SilenceTime": 86400,
    }


def _quotas(a: Account) -> None:
    """Per-region quotas of the resources the regions hold, some nearly used up."""
    usage = {
        ("ecs", "q_security-groups"): a.counted(
            "ecs", "DescribeSecurityGroups", "SecurityGroups.SecurityGroup"
        ),
        ("vpc", "vpc_quota_eip_count"): a.counted(
            "vpc", "DescribeEipAddresses", "EipAddresses.EipAddress"
        ),
        ("vpc", "vpc_quota_vpc_count"): a.counted("vpc", "DescribeVpcs", "Vpcs.Vpc"),
    }
    quotas: dict[str, list[dict[str, Any]]] = {"ecs": [], "vpc": []}
    for (product, code), used in usage.items():
        for region in a.regions:
            quotas[product].append(
                _quota(a, product, code, region, used.get(region, 0))
            )
    a.put_each(
        "quotas",
        "ListProductQuotas",
        "ProductCode",
        quotas,
        lambda p: {"Quotas": quotas[p]},
    )


def _quota(
    a: Account, product: str, code: str, region: str, used: int
) -> dict[str, Any]:
    # Most quotas leave room; one in five is nearly used up.
    limit = max(10, round(used * a.pick({1.1: 0.2, 2: 0.5, 5: 0.3})))
    return {
        "ProductCode": product,
        "QuotaActionCode": code,
        "QuotaName": code.replace("_", " "),
        "QuotaArn": f"acs:quotas:{region}:{ACCOUNT_ID}:quota/{product}/{code}",
        "TotalQuota": limit,
        "TotalUsage": used,
        "Adjustable": True,
        "Consumable": True,
        "QuotaUnit": "count",
        "Dimensions": {"regionId": region},
    }
