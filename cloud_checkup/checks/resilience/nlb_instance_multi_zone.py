"""NLB instances are deployed in at least two zones."""

from __future__ import annotations

from .._fields import as_list
from .._resilience import zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="nlb-instance-multi-zone",
    title="NLB instances are deployed in at least two zones",
    category=Category.RESILIENCE,
    severity=Severity.HIGH,
    description=(
        "Reads the zone mappings of each Network Load Balancer (NLB) instance and "
        "flags instances that serve from a single zone."
    ),
    risk=(
        "An NLB instance in one zone stops forwarding when that zone fails, and "
        "every service behind it becomes unreachable."
    ),
    remediation=Remediation(
        steps=(
            "Add a second zone (with a vSwitch in it) to the NLB instance.",
            "Place backend servers in that zone as well.",
        ),
        console_path=("Server Load Balancer", "NLB", "Instances", "<instance>"),
        doc_url="https://www.alibabacloud.com/help/en/slb/network-load-balancer/user-guide/manage-zones",
        command="aliyun nlb ListLoadBalancers --RegionId <region>",
    ),
    needs=("nlb.load_balancers",),
    references=("Cloud Config nlb-loadbalancer-multi-zone",),
    resource_type="ACS::NLB::LoadBalancer",
)
def evaluate(inventory):
    for balancer in inventory.records("nlb.load_balancers"):
        balancer_id = balancer["LoadBalancerId"]
        where = {"region": balancer.region, "name": balancer.get("LoadBalancerName")}
        mappings = balancer.get("ZoneMappings")
        if mappings is None:
            yield Finding.unknown(balancer_id, "No zone mapping was returned", **where)
            continue
        mapped = zones(m.get("ZoneId") for m in as_list(mappings))
        if len(mapped) >= 2:
            yield Finding.passed(balancer_id, f"Zones {zone_words(mapped)}", **where)
        elif not mapped:
            yield Finding.unknown(balancer_id, "No zone mapping names a zone", **where)
        else:
            yield Finding.failed(
                balancer_id, f"Single zone {zone_words(mapped)}", **where
            )
