"""CLB listeners check the health of their backend servers."""

from __future__ import annotations

from .._resilience import is_on
from ..base import Category, Finding, Remediation, Severity, check

_CONFIG_BY_PROTOCOL = {
    "http": "HTTPListenerConfig",
    "https": "HTTPSListenerConfig",
    "tcp": "TCPListenerConfig",
    "udp": "UDPListenerConfig",
}


@check(
    id="slb-listener-health-check-enabled",
    title="CLB listeners have health checks enabled",
    category=Category.RESILIENCE,
    severity=Severity.HIGH,
    description=(
        "Reads every listener of every Classic Load Balancer (CLB) instance and flags "
        "listeners whose health check is switched off."
    ),
    risk=(
        "Without a health check the load balancer keeps sending requests to a "
        "crashed or hung server, so one bad server fails a share of all traffic."
    ),
    remediation=Remediation(
        steps=(
            "Open the listener's health check settings and turn the health check on.",
            "Point it at a path or port that fails when the application fails.",
        ),
        console_path=(
            "Server Load Balancer",
            "CLB",
            "Instances",
            "<instance>",
            "Listener",
            "Health Check",
        ),
        doc_url="https://www.alibabacloud.com/help/en/slb/classic-load-balancer/user-guide/configure-health-check",
        command="aliyun slb DescribeLoadBalancerListeners --RegionId <region>",
    ),
    needs=("slb.listeners",),
    references=("Cloud Config slb-all-listener-health-check-enabled",),
    resource_type="ACS::SLB::Listener",
)
def evaluate(inventory):
    for listener in inventory.records("slb.listeners"):
        # Protocols arrive in lower case here but in upper case elsewhere in CLB.
        protocol = str(listener.get("ListenerProtocol", "")).lower()
        port = listener.get("ListenerPort")
        listener_id = f"{listener.get('LoadBalancerId')}:{protocol}/{port}"
        where = {"region": listener.region, "name": listener.get("Description") or None}
        config = listener.get(_CONFIG_BY_PROTOCOL.get(protocol, "")) or {}
        state = is_on(config.get("HealthCheck"))
        if state is None:
            yield Finding.unknown(
                listener_id, "The health check setting was not returned", **where
            )
        elif state:
            yield Finding.passed(listener_id, "Health check on", **where)
        else:
            yield Finding.failed(listener_id, "Health check off", **where)
