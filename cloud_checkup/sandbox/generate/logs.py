"""Audit and logs: the account's ActionTrail trail and Simple Log Service projects."""

from __future__ import annotations

from typing import Any

from ._common import ACCOUNT_ID, Region, by, past_time

# The bucket the account's trail delivers to (the first bucket the account lists).
TRAIL_BUCKET = f"actiontrail-logs-{ACCOUNT_ID}"

_ALERT_QUERIES = (
    "event.userIdentity.type: root-account",
    "event.eventName: AuthorizeSecurityGroup or event.eventName: RevokeSecurityGroup",
    "event.errorCode: NoPermission",
    "status >= 500",
)


def build(r: Region) -> None:
    _trail(r)
    _log_projects(r)


def _trail(r: Region) -> None:
    """One multi-region trail, which every region returns."""
    trail = {
        "Name": "account-trail",
        "HomeRegion": "cn-hangzhou",
        "TrailRegion": "All",
        "Status": "Enable",
        "EventRW": "All",
        "OssBucketName": TRAIL_BUCKET,
    }
    r.put("actiontrail", "DescribeTrails", {"TrailList": [trail]})


def _log_projects(r: Region) -> None:
    """Log Service projects with a few logstores each (retention from a week to for
    ever) and, in some, alert rules on ActionTrail events."""
    projects, logstores, settings, alerts = [], {}, {}, {}
    for n in range(r.counts["sls_projects"]):
        name = f"logs-r{r.tag}x{n:04d}"
        projects.append(
            {
                "projectName": name,
                "region": r.name,
                "status": "Normal",
                "owner": ACCOUNT_ID,
                "description": "",
                "dataRedundancyType": r.rng.choice(["LRS", "ZRS"]),
                "createTime": past_time(r.rng).replace("T", " ").rstrip("Z"),
            }
        )
        stores = [f"store-{k}" for k in range(r.rng.randint(2, 6))]
        logstores[name] = {"logstores": stores}
        settings[name] = by("logstore", {s: _logstore(r, s) for s in stores})
        alerts[name] = {"results": [_alert(r, k) for k in range(n % 3)]}
    r.put("sls", "ListProject", {"projects": projects})
    r.put("sls", "ListLogStores", by("project", logstores))
    r.put("sls", "GetLogStore", by("project", settings))
    r.put("sls", "ListAlerts", by("project", alerts))


def _logstore(r: Region, name: str) -> dict[str, Any]:
    return {
        "logstoreName": name,
        "ttl": r.rng.choice([7, 30, 90, 180, 365, 3650]),
        "shardCount": 2,
        "autoSplit": True,
        "maxSplitShard": 64,
        "mode": "standard",
    }


def _alert(r: Region, k: int) -> dict[str, Any]:
    query = r.rng.choice(_ALERT_QUERIES)
    return {
        "name": f"alert-{k}",
        "displayName": f"Alert {k}",
        "status": r.rng.choice(["ENABLED", "ENABLED", "DISABLED"]),
        "configuration": {
            "version": "2.0",
            "type": "default",
            "queryList": [{"query": query, "store": "store-0", "storeType": "log"}],
        },
    }
