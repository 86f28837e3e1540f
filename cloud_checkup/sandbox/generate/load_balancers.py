"""Server Load Balancer: CLB instances, their backend servers and listeners."""

from __future__ import annotations

from ._common import Region


def build(r: Region) -> None:
    ids = r.ids("lb", "load_balancers")
    listed = [
        {
            "LoadBalancerId": i,
            "RegionId": r.name,
            "LoadBalancerStatus": "active",
            "AddressType": "internet",
            "MasterZoneId": r.zones[0],
            "SlaveZoneId": r.zones[1],
            "DeleteProtection": "on",
        }
        for i in ids
    ]
    r.put("slb", "DescribeLoadBalancers", {"LoadBalancers": {"LoadBalancer": listed}})
    r.put_each(
        "slb",
        "DescribeLoadBalancerAttribute",
        "LoadBalancerId",
        ids,
        lambda i: {
            "LoadBalancerId": i,
            "BackendServers": {
                "BackendServer": [
                    {"ServerId": r.ident("i", 0), "Weight": 100, "Type": "ecs"}
                ]
            },
        },
    )
    listeners = [
        {
            "LoadBalancerId": i,
            "ListenerPort": 443,
            "ListenerProtocol": "https",
            "Status": "running",
            "HTTPSListenerConfig": {"HealthCheck": "on"},
        }
        for i in ids
    ]
    r.put("slb", "DescribeLoadBalancerListeners", {"Listeners": listeners})
