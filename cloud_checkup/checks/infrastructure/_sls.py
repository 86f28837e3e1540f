"""Shared reading of Simple Log Service: logstore retention and the alerts that watch
ActionTrail events (CIS 2.10 to 2.23).

An alert watches for an event when its query names the event (and, where the event
name alone is ambiguous, the service or field that makes it so), as the CIS
benchmark's queries do. Only enabled alerts count: a disabled alert watches nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .._fields import as_list
from ..base import Category, Finding, Inventory, Record, Remediation

PROJECTS = "sls.projects"
LOGSTORES = "sls.logstores"
LOGSTORE_CONFIGS = "sls.logstore_configs"
ALERTS = "sls.alerts"
_ACCOUNT = "sls-alerts"


@dataclass(frozen=True)
class Watch:
    """What an alert's query must name to watch for one kind of event.

    Attributes:
        what: the events, in words, for findings.
        groups: each group's terms are alternatives; the query must name a term of
            every group (whole words, any case).
    """

    what: str
    groups: tuple[tuple[str, ...], ...]

    def matches(self, text: str) -> bool:
        return all(any(_names(text, term) for term in group) for group in self.groups)


def _names(text: str, term: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.I) is not None


def alert_queries(alert: Mapping[str, Any]) -> str:
    """Every query of an alert, one per line. ``configuration`` may come as a JSON
    string; an unreadable one has no queries."""
    configuration = alert.get("configuration")
    if isinstance(configuration, str):
        try:
            configuration = json.loads(configuration)
        except ValueError:
            return ""
    if not isinstance(configuration, Mapping):
        return ""
    queries = as_list(configuration.get("queryList"))
    return "\n".join(
        str(q.get("query") or "") for q in queries if isinstance(q, Mapping)
    )


def is_enabled(alert: Mapping[str, Any]) -> bool:
    return str(alert.get("status") or "").upper() == "ENABLED"


def alert_findings(inventory: Inventory, watch: Watch) -> list[Finding]:
    """One account-level finding: passed when an enabled alert watches for the
    events, unknown when none was found but some projects' alerts were unreadable."""
    watching = [a for a in inventory.records(ALERTS) if watch.matches(alert_queries(a))]
    enabled = [a for a in watching if is_enabled(a)]
    if enabled:
        return [Finding.passed(_ACCOUNT, "Watched by " + _describe(enabled))]
    unread = _unread_projects(inventory)
    if unread:
        return [
            Finding.unknown(
                _ACCOUNT,
                f"No alert found for {watch.what}, and the alerts of project(s) "
                f"{', '.join(unread)} could not be read",
            )
        ]
    if watching:
        return [
            Finding.failed(
                _ACCOUNT,
                f"The alert(s) for {watch.what} are disabled: " + _describe(watching),
            )
        ]
    return [Finding.failed(_ACCOUNT, f"No Log Service alert watches for {watch.what}")]


def _describe(alerts: Iterable[Record]) -> str:
    return ", ".join(
        sorted(f"{a.get('displayName') or a.get('name')} ({a.key})" for a in alerts)
    )


def _unread_projects(inventory: Inventory) -> list[str]:
    errors = inventory.detail_errors(ALERTS)
    return sorted(key for key, error in errors.items() if not error.absent)


def alert_metadata(watch: Watch, *, cis: str, **metadata: Any) -> dict[str, Any]:
    """The metadata every alert item shares, around its own id, title, severity and
    risk: what it reads, how to fix it, and its CIS recommendation."""
    return {
        "category": Category.INFRASTRUCTURE,
        "description": (
            "Reads the alert rules of every Simple Log Service project and looks "
            "for an enabled one whose query watches the ActionTrail events of "
            f"{watch.what}."
        ),
        "remediation": Remediation(
            steps=(
                "Deliver ActionTrail events to a Simple Log Service logstore (a trail "
                "with an SLS destination).",
                f"In that project, create an alert rule whose query selects "
                f"{watch.what} and notifies the security team.",
            ),
            console_path=(
                "Simple Log Service",
                "<project>",
                "Alerts",
                "Alert Rules",
                "Create",
            ),
            doc_url="https://www.alibabacloud.com/help/en/sls/user-guide/configure-an-alert-rule-in-log-service",
            command="aliyun sls ListAlerts --project <project> --region <region>",
        ),
        "needs": (PROJECTS, ALERTS),
        "references": (f"CIS 2.0.0 {cis}",),
        "resource_type": "ACS::SLS::Alert",
        **metadata,
    }
