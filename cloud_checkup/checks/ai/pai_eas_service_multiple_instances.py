"""PAI-EAS inference services run on more than one instance."""

from __future__ import annotations

from .._ai import running
from .._details import not_returned
from .._fields import as_int
from ..base import Category, Finding, Package, Remediation, Severity, check

_RUNNING = running("eas.services")


@check(
    id="pai-eas-service-multiple-instances",
    title="Running PAI-EAS services have at least two instances",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Flags running PAI-EAS online inference services that are configured with "
        "a single instance (TotalInstance). A service listed without its instance "
        "count is not checked."
    ),
    risk=(
        "A single-instance model service goes down with its host, its zone or any "
        "update; every application calling the model fails meanwhile."
    ),
    remediation=Remediation(
        steps=(
            "Scale the service to two or more instances, or configure auto scaling "
            "with a minimum of two.",
            "Spread the instances over several zones where the resource group allows.",
        ),
        console_path=("PAI", "Elastic Algorithm Service (EAS)", "<service>", "Scale"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/horizontal-auto-scaling",
        command="aliyun eas GET /api/v2/services --region <region>",
    ),
    needs=("eas.services",),
    assets=_RUNNING,
    references=("Cloud Config pai-eas-instances-multi-zone",),
    resource_type="ACS::PAI::EASService",
)
def evaluate(inventory):
    for service in _RUNNING.records(inventory):
        service_id = service.get("ServiceId") or service["ServiceName"]
        where = {"region": service.region, "name": service.get("ServiceName")}
        total = as_int(service.get("TotalInstance"))
        if total is None:
            yield not_returned(service_id, "TotalInstance", **where)
        elif total >= 2:
            yield Finding.passed(service_id, f"{total} instances", **where)
        else:
            yield Finding.failed(service_id, f"{total} instance only", **where)
