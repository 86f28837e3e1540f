"""PAI-EAS services are not published on the shared public gateway."""

from __future__ import annotations

from .._ai import detail_or_unknown, where
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::EASService"


@check(
    id="pai-eas-service-no-shared-public-endpoint",
    title="PAI-EAS services are not exposed through the shared public gateway",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Describes each inference service and flags services with a public "
        "endpoint (InternetEndpoint) on the shared gateway, that is without a "
        "dedicated gateway whose access control the account sets."
    ),
    risk=(
        "On the shared gateway the model answers anyone on the Internet who holds "
        "the service token; there is no IP allow-list and a leaked token is enough "
        "to use (and be billed for) the model."
    ),
    remediation=Remediation(
        steps=(
            "Call the service from the VPC (VPC direct connection or internal "
            "endpoint), or move it to a dedicated gateway with an Internet access "
            "control list.",
            "Rotate the service token if it may have leaked.",
        ),
        console_path=(
            "PAI",
            "Elastic Algorithm Service (EAS)",
            "<service>",
            "Invocation",
        ),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/use-a-dedicated-gateway",
        command="aliyun eas GET /api/v2/services/<region>/<service>",
    ),
    needs=("eas.services", "eas.service_details"),
    references=("Security Center AI-SPM: PAI-EAS public endpoint",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for service in inventory.records("eas.services"):
        name = service["ServiceName"]
        service_id = service.get("ServiceId") or name
        kw = where(service, "ServiceName", _TYPE)
        detail, unknown = detail_or_unknown(
            inventory,
            "eas.service_details",
            name,
            "the service description",
            resource_id=service_id,
            **kw,
        )
        if unknown:
            yield unknown
            continue
        if detail is None:
            continue
        public = detail.get("InternetEndpoint")
        gateway = detail.get("Gateway") or service.get("Gateway")
        if public and not gateway:
            yield Finding.failed(service_id, f"Public endpoint {public}", **kw)
        elif public:
            yield Finding.passed(service_id, f"Public through gateway {gateway}", **kw)
        else:
            yield Finding.passed(service_id, "No public endpoint", **kw)
