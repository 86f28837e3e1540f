"""Server Load Balancer: CLB instances with their backend servers, listeners and
access control lists; ALB instances with their server groups; NLB instances."""

from __future__ import annotations

from typing import Any

from ._common import Region, past_time

# CLB's predefined TLS policies, the first two still accepting TLS 1.0 or 1.1.
_TLS_POLICIES = {
    "tls_cipher_policy_1_0": 0.15,
    "tls_cipher_policy_1_1": 0.1,
    "tls_cipher_policy_1_2": 0.5,
    "tls_cipher_policy_1_2_strict": 0.25,
}
# Ports of CLB TCP listeners other than the web's: SSH, MySQL, Redis, an app port.
_TCP_PORTS = (22, 3306, 6379, 8080, 9000)


def build(r: Region) -> None:
    _classic(r)
    _application(r)
    _network(r)


# --- CLB ---------------------------------------------------------------------------


def _classic(r: Region) -> None:
    r.load_balancers = [_clb(r, n) for n in range(r.counts["load_balancers"])]
    r.put(
        "slb",
        "DescribeLoadBalancers",
        {"LoadBalancers": {"LoadBalancer": r.load_balancers}},
    )
    r.put_each(
        "slb",
        "DescribeLoadBalancerAttribute",
        "LoadBalancerId",
        [b["LoadBalancerId"] for b in r.load_balancers],
        lambda i: _clb_attribute(r, i),
    )
    acls = r.ids("acl", "clb_acls")
    listeners = [
        listener
        for balancer in r.load_balancers
        for listener in _listeners(r, balancer["LoadBalancerId"], acls)
    ]
    r.put("slb", "DescribeLoadBalancerListeners", {"Listeners": listeners})
    _access_control_lists(r, acls, listeners)


def _clb(r: Region, n: int) -> dict[str, Any]:
    balancer_id = r.ident("lb", n)
    internet = r.chance(0.6)
    host = n % 250 + 1
    return {
        "LoadBalancerId": balancer_id,
        "LoadBalancerName": balancer_id.replace("lb-", "clb-"),
        "RegionId": r.name,
        "LoadBalancerStatus": "active",
        "AddressType": "internet" if internet else "intranet",
        "Address": f"47.99.{r.index}.{host}" if internet else f"10.0.9.{host}",
        "NetworkType": "vpc",
        "VpcId": r.vpc_ids[0],
        "MasterZoneId": r.zones[0],
        "SlaveZoneId": r.zones[1] if r.chance(0.85) else "",
        "LoadBalancerSpec": "slb.s2.small",
        "PayType": "PayOnDemand",
        "DeleteProtection": "on" if r.chance(0.6) else "off",
        "CreateTime": past_time(r.rng),
    }


def _clb_attribute(r: Region, balancer_id: str) -> dict[str, Any]:
    """Two to four of the region's instances behind the balancer."""
    count = min(len(r.instances), r.rng.randint(2, 4))
    servers = r.rng.sample(r.instances, count)
    return {
        "LoadBalancerId": balancer_id,
        "BackendServers": {
            "BackendServer": [
                {"ServerId": s["InstanceId"], "Weight": 100, "Type": "ecs"}
                for s in servers
            ]
        },
    }


def _listeners(r: Region, balancer_id: str, acls: list[str]) -> list[dict[str, Any]]:
    """An HTTPS listener on every balancer, often HTTP beside it, sometimes a TCP
    listener on another port, with or without a whitelist."""
    health = {"HealthCheck": "on" if r.chance(0.85) else "off"}
    https = {
        "ListenerPort": 443,
        "ListenerProtocol": "https",
        "HTTPSListenerConfig": health | {"TLSCipherPolicy": r.pick(_TLS_POLICIES)},
    }
    listeners = [https]
    if r.chance(0.6):
        http = {"ListenerPort": 80, "ListenerProtocol": "http"}
        listeners.append(http | {"HTTPListenerConfig": health})
    if r.chance(0.35):
        tcp = {"ListenerPort": r.rng.choice(_TCP_PORTS), "ListenerProtocol": "tcp"}
        listeners.append(tcp | {"TCPListenerConfig": health} | _acl(r, acls))
    return [
        {
            "LoadBalancerId": balancer_id,
            "BackendServerPort": listener["ListenerPort"],
            "Status": "running",
            "AclStatus": "off",
        }
        | listener
        for listener in listeners
    ]


def _acl(r: Region, acls: list[str]) -> dict[str, Any]:
    """Access control on a listener: mostly a whitelist, sometimes a blacklist or
    none at all."""
    if not acls or r.chance(0.3):
        return {"AclStatus": "off"}
    acl_id = r.rng.choice(acls)
    kind = "white" if r.chance(0.8) else "black"
    return {"AclStatus": "on", "AclType": kind, "AclId": acl_id, "AclIds": [acl_id]}


def _access_control_lists(
    r: Region, acls: list[str], listeners: list[dict[str, Any]]
) -> None:
    listed = [
        {
            "AclId": a,
            "AclName": a.replace("acl-", "access-"),
            "AddressIPVersion": "ipv4",
        }
        for a in acls
    ]
    r.put("slb", "DescribeAccessControlLists", {"Acls": {"Acl": listed}})

    def attribute(acl_id: str) -> dict[str, Any]:
        entries = [
            {"AclEntryIP": f"203.0.113.{16 * k}/28", "AclEntryComment": f"office {k}"}
            for k in range(r.rng.randint(1, 6))
        ]
        if r.chance(0.1):
            entries.append({"AclEntryIP": "0.0.0.0/0", "AclEntryComment": "temporary"})
        related = [
            {
                "LoadBalancerId": listener["LoadBalancerId"],
                "ListenerPort": listener["ListenerPort"],
                "Protocol": listener["ListenerProtocol"],
                "AclType": listener["AclType"],
            }
            for listener in listeners
            if listener.get("AclId") == acl_id
        ]
        return {
            "AclId": acl_id,
            "AclName": acl_id.replace("acl-", "access-"),
            "AddressIPVersion": "ipv4",
            "TotalAclEntry": len(entries),
            "AclEntrys": {"AclEntry": entries},
            "RelatedListeners": {"RelatedListener": related},
        }

    r.put_each("slb", "DescribeAccessControlListAttribute", "AclId", acls, attribute)


# --- ALB and NLB -------------------------------------------------------------------


def _zone_mappings(r: Region) -> list[dict[str, str]]:
    """The zones a balancer serves from: two or three, one in a few cases."""
    zones = r.rng.sample(r.zones, r.pick({1: 0.15, 2: 0.6, 3: 0.25}))
    return [{"ZoneId": z, "VSwitchId": r.vswitch(r.vpc_ids[0], z)} for z in zones]


def _protection(r: Region) -> dict[str, Any]:
    return {"DeletionProtectionConfig": {"Enabled": r.chance(0.6)}}


def _application(r: Region) -> None:
    ids = r.ids("alb", "albs")
    listed = [
        {
            "LoadBalancerId": a,
            "LoadBalancerName": a.replace("alb-", "api-"),
            "LoadBalancerStatus": "Active",
            "LoadBalancerEdition": r.rng.choice(
                ["Basic", "Standard", "StandardWithWaf"]
            ),
            "AddressType": "Internet" if r.chance(0.6) else "Intranet",
            "VpcId": r.vpc_ids[0],
            "CreateTime": past_time(r.rng, seconds=True),
        }
        | _protection(r)
        for a in ids
    ]
    r.put("alb", "ListLoadBalancers", {"LoadBalancers": listed})
    r.put_each(
        "alb",
        "GetLoadBalancerAttribute",
        "LoadBalancerId",
        ids,
        lambda a: {"LoadBalancerId": a, "ZoneMappings": _zone_mappings(r)},
    )
    groups = [
        {
            "ServerGroupId": f"sgp-{a[4:]}x{k}",
            "ServerGroupName": f"{a.replace('alb-', 'pods-')}-{k}",
            "ServerGroupType": "Instance",
            "Protocol": "HTTP",
            "VpcId": r.vpc_ids[0],
            "ServerCount": r.rng.randint(1, 6),
            "HealthCheckConfig": {"HealthCheckEnabled": r.chance(0.8)},
        }
        for a in ids
        for k in range(r.rng.randint(1, 2))
    ]
    r.put("alb", "ListServerGroups", {"ServerGroups": groups})


def _network(r: Region) -> None:
    listed = [
        {
            "LoadBalancerId": n,
            "LoadBalancerName": n.replace("nlb-", "tcp-"),
            "LoadBalancerStatus": "Active",
            "AddressType": "Internet" if r.chance(0.6) else "Intranet",
            "RegionId": r.name,
            "VpcId": r.vpc_ids[0],
            "CrossZoneEnabled": True,
            "ZoneMappings": _zone_mappings(r),
        }
        | _protection(r)
        for n in r.ids("nlb", "nlbs")
    ]
    r.put("nlb", "ListLoadBalancers", {"LoadBalancers": listed})
