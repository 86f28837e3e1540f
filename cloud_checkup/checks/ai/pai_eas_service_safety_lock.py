"""PAI-EAS services are locked against accidental deletion or stop."""

from __future__ import annotations

from .._ai import where
from .._details import not_returned
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::EASService"
# The lock scopes UpdateServiceSafetyLock documents: all, dangerous and none.
_LOCKED = frozenset({"all", "dangerous"})
_UNLOCKED = "none"


@check(
    id="pai-eas-service-safety-lock",
    title="PAI-EAS services have a safety lock against deletion and stop",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Flags inference services whose SafetyLock is none, so that a single call "
        "or click can stop or delete them. A service listed without SafetyLock, or "
        "with a lock scope other than all, dangerous or none, is not checked."
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
        lock = str(service.get("SafetyLock") or "").strip().lower()
        if not lock:
            yield not_returned(service_id, "SafetyLock", **kw)
        elif lock in _LOCKED:
            yield Finding.passed(service_id, f"Safety lock: {lock}", **kw)
        elif lock == _UNLOCKED:
            yield Finding.failed(service_id, "No safety lock", **kw)
        else:
            text = f"Unknown lock scope {service['SafetyLock']!r}"
            yield Finding.unknown(service_id, text, **kw)
