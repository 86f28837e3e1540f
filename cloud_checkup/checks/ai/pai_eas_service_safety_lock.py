"""PAI-EAS services are locked against accidental deletion or stop."""

from __future__ import annotations

from .._ai import where
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::EASService"
_LOCKED = frozenset({"all", "dangerous"})


@check(
    id="pai-eas-service-safety-lock",
    title="PAI-EAS services have a safety lock against deletion and stop",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Flags inference services whose SafetyLock is none (or missing), so that a "
        "single call or click can stop or delete them."
    ),
    risk=(
        "Deleting or stopping a model service by mistake takes down every "
        "application that calls it."
    ),
    remediation=Remediation(
        steps=(
            "Set the service's safety lock to dangerous (blocks delete and stop) or "
            "all, and lift it only for planned changes.",
        ),
        console_path=(
            "PAI",
            "Elastic Algorithm Service (EAS)",
            "<service>",
            "Settings",
        ),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/eascmd-client",
        command="aliyun eas GET /api/v2/services --region <region>",
    ),
    needs=("eas.services",),
    references=("Cloud Config resource protection best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for service in inventory.records("eas.services"):
        service_id = service.get("ServiceId") or service["ServiceName"]
        kw = where(service, "ServiceName", _TYPE)
        lock = str(service.get("SafetyLock") or "none").lower()
        if lock in _LOCKED:
            yield Finding.passed(service_id, f"Safety lock: {lock}", **kw)
        else:
            yield Finding.failed(service_id, "No safety lock", **kw)
