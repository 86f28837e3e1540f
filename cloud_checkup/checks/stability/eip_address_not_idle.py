"""No elastic IP address is left bound to nothing."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="eip-address-not-idle",
    title="No elastic IP address is left unassociated",
    category=Category.STABILITY,
    severity=Severity.LOW,
    description=(
        "Reads every elastic IP address (DescribeEipAddresses) and flags those in "
        "the Available state, associated with no instance, NAT gateway or load "
        "balancer. Addresses being associated or disassociated are not flagged."
    ),
    risk=(
        "An idle EIP is paid for every hour, and DNS records or partner whitelists "
        "that still name it point at nothing; once it is released, the address can "
        "be handed to someone else while those records still trust it."
    ),
    remediation=Remediation(
        steps=(
            "Find the DNS records and whitelists that name the address.",
            "Associate the EIP with the resource that needs it, or remove those "
            "references and release it.",
        ),
        console_path=("VPC", "Elastic IP Addresses"),
        doc_url="https://www.alibabacloud.com/help/en/eip/developer-reference/api-120195",
        command=(
            "aliyun vpc DescribeEipAddresses --RegionId <region> --Status Available"
        ),
    ),
    needs=("vpc.eip_addresses",),
    references=("Cloud Config eip-idle-check",),
    resource_type="ACS::EIP::EipAddress",
)
def evaluate(inventory):
    for eip in inventory.records("vpc.eip_addresses"):
        allocation_id = eip["AllocationId"]
        where = {"region": eip.region, "name": eip.get("Name") or eip.get("IpAddress")}
        state = str(eip.get("Status") or "")
        if not state:
            yield Finding.unknown(allocation_id, "The status was not returned", **where)
        elif state.lower() == "available":
            text = f"{eip.get('IpAddress') or 'The address'} is associated with nothing"
            yield Finding.failed(allocation_id, text, **where)
        else:
            yield Finding.passed(allocation_id, _bound_to(eip, state), **where)


def _bound_to(eip, state):
    instance = eip.get("InstanceId")
    if instance:
        return f"{state}: {eip.get('InstanceType') or 'bound'} {instance}"
    return state
