"""CLB instances send traffic to backend servers in more than one zone."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import as_list, dig
from .._resilience import zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="slb-backend-servers-multi-zone",
    title="CLB instances have backend servers in at least two zones",
    category=Category.RESILIENCE,
    severity=Severity.HIGH,
    description=(
        "Reads the default backend servers of each Classic Load Balancer (CLB) "
        "instance, looks up the zone of each ECS instance among them, and flags load "
        "balancers with no backend, a single backend, or all backends in one zone. "
        "Servers in vServer groups are not read."
    ),
    risk=(
        "A load balancer that fails over to its backup zone still has nowhere to "
        "send traffic when every server behind it sat in the zone that went down."
    ),
    remediation=Remediation(
        steps=(
            "Add ECS instances in a second zone to the load balancer's backend.",
            "Give them the same weight so that either zone can carry the traffic.",
        ),
        console_path=(
            "Server Load Balancer",
            "CLB",
            "Instances",
            "<instance>",
            "Default Server Group",
        ),
        doc_url="https://www.alibabacloud.com/help/en/slb/classic-load-balancer/user-guide/manage-backend-servers-in-the-default-server-group",
        command="aliyun slb DescribeLoadBalancerAttribute --LoadBalancerId <instance>",
    ),
    needs=("slb.load_balancers", "slb.load_balancer_attributes", "ecs.instances"),
    references=("Cloud Config slb-all-listener-servers-multi-zone",),
    resource_type="ACS::SLB::LoadBalancer",
)
def evaluate(inventory):
    instance_zones = {
        i["InstanceId"]: i.get("ZoneId") for i in inventory.records("ecs.instances")
    }
    for balancer in inventory.records("slb.load_balancers"):
        balancer_id = balancer["LoadBalancerId"]
        where = {"region": balancer.region, "name": balancer.get("LoadBalancerName")}
        attribute = read_detail(inventory, "slb.load_balancer_attributes", balancer_id)
        if attribute.absent:
            continue
        if attribute.record is None:
            yield unreadable(balancer_id, "the backend servers", attribute, **where)
            continue
        servers = as_list(dig(attribute.record, "BackendServers.BackendServer"))
        yield _verdict(balancer_id, servers, instance_zones, where)


def _verdict(balancer_id, servers, instance_zones, where):
    if not servers:
        return Finding.failed(balancer_id, "No backend server", **where)
    known = zones(instance_zones.get(s.get("ServerId")) for s in servers)
    if len(known) >= 2:
        return Finding.passed(
            balancer_id, f"{len(servers)} servers in {zone_words(known)}", **where
        )
    if not known:
        return Finding.unknown(
            balancer_id, "The zones of the backend servers are not known", **where
        )
    if len(servers) == 1:
        return Finding.failed(
            balancer_id, f"A single backend server, in {zone_words(known)}", **where
        )
    return Finding.failed(
        balancer_id, f"All {len(servers)} servers in {zone_words(known)}", **where
    )
