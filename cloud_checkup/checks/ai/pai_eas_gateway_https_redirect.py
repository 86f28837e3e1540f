"""Internet-facing PAI-EAS dedicated gateways redirect HTTP to HTTPS."""

from __future__ import annotations

from .._ai import where
from .._fields import as_bool
from ..base import (
    Assets,
    Category,
    Finding,
    Package,
    Remediation,
    Severity,
    check,
)

_TYPE = "ACS::PAI::EASGateway"

_PUBLIC = Assets(
    "eas.gateways", lambda gateway: bool(as_bool(gateway.get("InternetEnabled")))
)


@check(
    id="pai-eas-gateway-https-redirect",
    title="Internet-facing PAI-EAS dedicated gateways redirect HTTP to HTTPS",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Flags dedicated gateways with public access enabled (InternetEnabled) "
        "whose HTTP to HTTPS redirection (SSLRedirectionEnabled) is off."
    ),
    risk=(
        "Over plain HTTP the service token, the prompts and the model's answers "
        "cross the Internet unencrypted."
    ),
    remediation=Remediation(
        steps=("Turn on HTTP to HTTPS redirection on the dedicated gateway.",),
        console_path=(
            "PAI",
            "Elastic Algorithm Service (EAS)",
            "Dedicated Gateways",
            "<gateway>",
        ),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/use-a-dedicated-gateway",
        command="aliyun eas GET /api/v2/gateways --region <region>",
    ),
    needs=("eas.gateways",),
    assets=_PUBLIC,
    references=(
        "Cloud Config platform security best practices (encryption in transit)",
    ),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for gateway in _PUBLIC.records(inventory):
        gateway_id = gateway["GatewayId"]
        kw = where(gateway, "GatewayName", _TYPE)
        redirect = as_bool(gateway.get("SSLRedirectionEnabled"))
        if redirect is None:
            yield Finding.unknown(
                gateway_id, "The redirection setting is missing", **kw
            )
        elif redirect:
            yield Finding.passed(gateway_id, "HTTP is redirected to HTTPS", **kw)
        else:
            yield Finding.failed(gateway_id, "Public gateway accepts plain HTTP", **kw)
