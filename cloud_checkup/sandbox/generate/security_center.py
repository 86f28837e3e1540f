"""Security Center: the edition, the agent on every ECS instance, notifications and
vulnerability scans."""

from __future__ import annotations

import json
from typing import Any

from ._common import Account, from_now

# DescribeVersionConfig edition codes: Basic, Enterprise, Advanced, Ultimate.
_EDITIONS = {1: 0.2, 3: 0.2, 5: 0.5, 7: 0.1}
_AGENT_STATES = {"online": 0.9, "offline": 0.07, "pause": 0.03}
# Alert kinds (Project) Security Center can notify of.
_NOTICE_PROJECTS = (
    "yundun_sas_vul_Emergency",
    "sas_suspicious",
    "yundun_sas_anti_virus",
    "yundun_webguard_event",
    "yundun_sas_cloud_native_firewall",
    "sas_healthcheck",
    "yundun_sas_config_alert",
    "yundun_sas_ak_leakage",
)
# Notification routes: a sum of 1 (text message), 2 (email), 4 (internal message).
_ROUTES = {0: 0.2, 1: 0.15, 2: 0.25, 3: 0.2, 7: 0.2}
_SCANS = ("cve", "sys", "cms", "emg", "app")


def build(a: Account) -> None:
    _edition(a)
    _agents(a)
    _notifications(a)
    _vulnerability_scans(a)


def _edition(a: Account) -> None:
    edition = a.pick(_EDITIONS)
    # The pay-as-you-go CSPM module is on: the AI package needs it.
    switches = {"VUL": 1, "CSPM": 1, "AGENTLESS": 0, "CTDR": 0}
    a.put(
        "sas",
        "DescribeVersionConfig",
        {
            "Version": edition,
            "HighestVersion": edition,
            "IsTrialVersion": 0,
            "AssetLevel": 100,
            "ReleaseTime": from_now(200, "ms"),
            "PostPayInstanceId": "postpay-sas-generated",
            "PostPayModuleSwitch": json.dumps(switches),
        },
    )


def _agents(a: Account) -> None:
    """The agent of every ECS instance of every region, most of them online."""
    assets: list[dict[str, Any]] = [
        {
            "InstanceId": instance["InstanceId"],
            "Uuid": f"uuid-{instance['InstanceId']}",
            "InstanceName": instance["InstanceName"],
            "RegionId": instance["RegionId"],
            "ClientStatus": a.pick(_AGENT_STATES),
            "AssetType": "0",
            "Os": "linux",
        }
        for instance in a.listed("ecs", "DescribeInstances", "Instances.Instance")
    ]
    a.put("sas", "DescribeCloudCenterInstances", {"Success": True, "Instances": assets})


def _notifications(a: Account) -> None:
    notices = [
        {"Project": project, "Route": a.pick(_ROUTES), "TimeLimit": 0}
        for project in _NOTICE_PROJECTS
    ]
    a.put("sas", "DescribeNoticeConfig", {"NoticeConfigList": notices})


def _vulnerability_scans(a: Account) -> None:
    """Each kind of scan on, or now and then turned off."""
    configs = []
    for kind in _SCANS:
        state = "on" if a.chance(0.85) else "off"
        configs.append({"Type": kind, "Config": state, "OverAllConfig": state})
    a.put(
        "sas",
        "DescribeVulConfig",
        {"TotalCount": len(configs), "TargetConfigs": configs},
    )
