"""Container Registry instances do not accept pulls from the whole Internet."""

from __future__ import annotations

from .._ai import detail_or_unknown, is_internet, where
from .._fields import as_bool, as_list
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::CR::Instance"


@check(
    id="cr-instance-internet-endpoint-restricted",
    title="Container Registry instances limit their Internet endpoint to an allow-list",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Reads the endpoints of each Container Registry Enterprise Edition instance "
        "and flags an enabled Internet endpoint without an access control list, or "
        "with an entry admitting 0.0.0.0/0."
    ),
    risk=(
        "Model-serving and training images often carry model weights, code and "
        "configuration; an open registry endpoint invites credential stuffing and "
        "image theft."
    ),
    remediation=Remediation(
        steps=(
            "Disable the Internet endpoint and pull over VPC endpoints, or enable its "
            "access control with only the addresses that need it.",
        ),
        console_path=(
            "Container Registry",
            "Instances",
            "<instance>",
            "Access Control",
            "Internet",
        ),
        doc_url="https://www.alibabacloud.com/help/en/acr/user-guide/configure-access-over-the-internet",
        command="aliyun cr ListInstanceEndpoint --InstanceId <id>",
    ),
    needs=("cr.instances", "cr.instance_endpoints"),
    references=("Cloud Config cr-instance-public-access-check",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("cr.instances"):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        body, unknown = detail_or_unknown(
            inventory, "cr.instance_endpoints", instance_id, "the endpoints", **kw
        )
        if unknown or body is None:
            if unknown:
                yield unknown
            continue
        problem = _internet_problem(as_list(body.get("Endpoints")))
        if problem:
            yield Finding.failed(instance_id, problem, **kw)
        else:
            yield Finding.passed(
                instance_id, "Internet endpoint off or restricted", **kw
            )


def _internet_problem(endpoints):
    for endpoint in endpoints:
        if str(endpoint.get("EndpointType", "")).lower() != "internet":
            continue
        if not as_bool(endpoint.get("Enable")):
            return None
        entries = [e.get("Entry") for e in as_list(endpoint.get("AclEntries"))]
        if not as_bool(endpoint.get("AclEnable")) or not entries:
            return "Internet endpoint enabled without an access control list"
        if any(is_internet(entry) for entry in entries):
            return "Internet endpoint admits 0.0.0.0/0"
    return None
