"""Running PAI-EAS services scale automatically."""

from __future__ import annotations

from .._ai import running, where
from .._details import read_detail, unreadable
from .._fields import as_list
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::EASService"
_AUTOSCALERS = "eas.service_autoscalers"
_CRONSCALERS = "eas.service_cronscalers"

_RUNNING = running("eas.services")


@check(
    id="pai-eas-service-autoscaling",
    title="Running PAI-EAS services have horizontal auto scaling or scheduled scaling",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Reads each running inference service's horizontal auto scaler "
        "(DescribeServiceAutoScaler ScaleStrategies) and scheduled scaling "
        "(DescribeServiceCronScaler ScaleJobs) and flags services with neither."
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
        command="aliyun eas GET /api/v2/services/<region>/<service>/autoscaler",
    ),
    needs=("eas.services", _AUTOSCALERS, _CRONSCALERS),
    assets=_RUNNING,
    references=("Cloud Config resource stability best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for service in _RUNNING.records(inventory):
        name = service["ServiceName"]
        service_id = service.get("ServiceId") or name
        kw = where(service, "ServiceName", _TYPE)
        autoscaler = read_detail(inventory, _AUTOSCALERS, name)
        cronscaler = read_detail(inventory, _CRONSCALERS, name)
        if autoscaler.absent or cronscaler.absent:
            continue  # deleted while the scan ran
        if _scales(autoscaler, "ScaleStrategies"):
            yield Finding.passed(service_id, "Horizontal auto scaling", **kw)
        elif _scales(cronscaler, "ScaleJobs"):
            yield Finding.passed(service_id, "Scheduled scaling", **kw)
        elif autoscaler.unreadable or cronscaler.unreadable:
            unread = autoscaler if autoscaler.unreadable else cronscaler
            yield unreadable(service_id, "the service's scaling", unread, **kw)
        else:
            yield Finding.failed(service_id, "Fixed number of instances", **kw)


def _scales(detail, rules: str) -> bool:
    """The scaler has at least one strategy or job."""
    return detail.record is not None and bool(as_list(detail.record.get(rules)))
