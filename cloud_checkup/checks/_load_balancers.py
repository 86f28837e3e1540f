"""Reading load balancers: CLB listeners, Internet-facing CLBs and the deletion
protection of CLB, ALB and NLB instances.

CLB answers ``on``/``off`` switches and lower-case protocols in some calls and upper
case in others; ALB and NLB answer booleans inside ``DeletionProtectionConfig``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._fields import as_bool, dig
from ._resilience import is_on
from .base import Finding, Inventory, Record

CLB_INSTANCES = ("Server Load Balancer", "CLB", "Instances")


def balancer_where(balancer: Record) -> dict[str, Any]:
    return {"region": balancer.region, "name": balancer.get("LoadBalancerName")}


def listener_id(listener: Mapping[str, Any]) -> str:
    """A CLB listener in findings: ``<load balancer>:<protocol>/<port>``."""
    protocol = str(listener.get("ListenerProtocol", "")).lower()
    return f"{listener.get('LoadBalancerId')}:{protocol}/{listener.get('ListenerPort')}"


def listener_where(listener: Record) -> dict[str, Any]:
    return {"region": listener.region, "name": listener.get("Description") or None}


def internet_facing_clbs(inventory: Inventory) -> dict[str, str]:
    """CLB instances reachable from the Internet, with how, by load balancer id.

    An Internet CLB has a public address; an intranet CLB becomes reachable too
    when an EIP is bound to it (``DescribeEipAddresses`` InstanceType SlbInstance).
    """
    facing = {
        str(b["LoadBalancerId"]): f"public address {b.get('Address') or '?'}"
        for b in inventory.records("slb.load_balancers")
        if str(b.get("AddressType", "")).lower() == "internet"
    }
    for eip in inventory.records("vpc.eip_addresses"):
        if str(eip.get("InstanceType", "")).lower() == "slbinstance":
            bound = str(eip.get("InstanceId") or "")
            if bound:
                facing.setdefault(bound, f"EIP {eip.get('IpAddress') or '?'}")
    return facing


def deletion_protection(
    balancer_id: str, enabled: bool | None, where: Mapping[str, Any]
) -> Finding:
    """The verdict on one load balancer's deletion protection switch."""
    if enabled is None:
        text = "The deletion protection setting was not returned"
        return Finding.unknown(balancer_id, text, **where)
    if enabled:
        return Finding.passed(balancer_id, "Deletion protection on", **where)
    return Finding.failed(balancer_id, "Deletion protection off", **where)


def clb_protection_findings(inventory: Inventory) -> Iterable[Finding]:
    """CLB: ``DeleteProtection`` on/off of each instance in DescribeLoadBalancers."""
    for balancer in inventory.records("slb.load_balancers"):
        enabled = is_on(balancer.get("DeleteProtection"))
        yield deletion_protection(
            balancer["LoadBalancerId"], enabled, balancer_where(balancer)
        )


def protection_config_findings(
    inventory: Inventory, collection: str
) -> Iterable[Finding]:
    """ALB and NLB: ``DeletionProtectionConfig.Enabled`` of each listed instance."""
    for balancer in inventory.records(collection):
        enabled = as_bool(dig(balancer, "DeletionProtectionConfig.Enabled"))
        yield deletion_protection(
            balancer["LoadBalancerId"], enabled, balancer_where(balancer)
        )
