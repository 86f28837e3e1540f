"""PAI-EAS dedicated gateways run on at least two nodes."""

from __future__ import annotations

from .._ai import where
from .._fields import as_int
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::EASGateway"


@check(
    id="pai-eas-gateway-multiple-replicas",
    title="PAI-EAS dedicated gateways run on at least two nodes",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description="Flags dedicated EAS gateways with fewer than two nodes (Replicas).",
    risk=(
        "Every service behind a single-node gateway becomes unreachable when that "
        "node fails or is upgraded, even though the services themselves run."
    ),
    remediation=Remediation(
        steps=("Scale the dedicated gateway to two or more nodes.",),
        console_path=("PAI", "Elastic Algorithm Service (EAS)", "Dedicated Gateways"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/use-a-dedicated-gateway",
        command="aliyun eas GET /api/v2/gateways --region <region>",
    ),
    needs=("eas.gateways",),
    references=("Cloud Config multi-zone architecture best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for gateway in inventory.records("eas.gateways"):
        gateway_id = gateway["GatewayId"]
        kw = where(gateway, "GatewayName", _TYPE)
        replicas = as_int(gateway.get("Replicas"))
        if replicas is None:
            yield Finding.unknown(gateway_id, "The node count was not returned", **kw)
        elif replicas >= 2:
            yield Finding.passed(gateway_id, f"{replicas} nodes", **kw)
        else:
            yield Finding.failed(gateway_id, f"{replicas} node only", **kw)
