"""Running PAI-EAS services scale automatically."""

from __future__ import annotations

from .._ai import where
from .._fields import as_bool
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::EASService"


@check(
    id="pai-eas-service-autoscaling",
    title="Running PAI-EAS services have horizontal auto scaling or scheduled scaling",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Flags running inference services with neither the horizontal auto scaler "
        "(AutoscalerEnabled) nor scheduled scaling (CronscalerEnabled) enabled."
    ),
    risk=(
        "A fixed number of instances either fails under a traffic peak (timeouts, "
        "lost requests) or pays for idle GPUs the rest of the time."
    ),
    remediation=Remediation(
        steps=(
            "Enable horizontal auto scaling with a minimum of two instances and a "
            "maximum that covers the expected peak.",
        ),
        console_path=(
            "PAI",
            "Elastic Algorithm Service (EAS)",
            "<service>",
            "Auto Scaling",
        ),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/horizontal-auto-scaling",
        command="aliyun eas GET /api/v2/services --region <region>",
    ),
    needs=("eas.services",),
    references=("Cloud Config resource stability best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for service in inventory.records("eas.services"):
        if str(service.get("Status", "")).lower() != "running":
            continue
        service_id = service.get("ServiceId") or service["ServiceName"]
        kw = where(service, "ServiceName", _TYPE)
        # Both flags may arrive as JSON booleans or as "true"/"false" strings.
        if as_bool(service.get("AutoscalerEnabled")):
            yield Finding.passed(service_id, "Auto scaling enabled", **kw)
        elif as_bool(service.get("CronscalerEnabled")):
            yield Finding.passed(service_id, "Scheduled scaling enabled", **kw)
        else:
            yield Finding.failed(service_id, "Fixed number of instances", **kw)
