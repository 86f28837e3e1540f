"""CLB (SLB) instances have a backup zone."""

from __future__ import annotations

from .._details import not_returned
from .._resilience import zone_unread, zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="slb-instance-multi-zone",
    title="CLB instances are deployed with a primary and a backup zone",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Flags Classic Load Balancer (SLB) instances that have no backup zone, so "
        "that they cannot fail over when their zone goes down."
    ),
    risk=(
        "A load balancer in a single zone is a single point of failure: a zone "
        "outage takes down every service behind it, however many servers it has."
    ),
    remediation=Remediation(
        steps=(
            "Create a new CLB instance in a region and zone pair that offers a "
            "backup zone, or move to ALB/NLB with two or more zones.",
            "Move the listeners and backend servers, then switch DNS.",
        ),
        console_path=("Server Load Balancer", "CLB", "Instances"),
        doc_url="https://www.alibabacloud.com/help/en/slb/classic-load-balancer/product-overview/high-availability",
        command="aliyun slb DescribeLoadBalancers --RegionId <region>",
    ),
    needs=("slb.load_balancers",),
    references=("Cloud Config slb-instance-multi-zone",),
    resource_type="ACS::SLB::LoadBalancer",
)
def evaluate(inventory):
    for balancer in inventory.records("slb.load_balancers"):
        balancer_id = balancer["LoadBalancerId"]
        where = {"region": balancer.region, "name": balancer.get("LoadBalancerName")}
        yield _verdict(balancer_id, balancer, where)


def _verdict(balancer_id, balancer, where):
    master = balancer.get("MasterZoneId")
    unread = zone_unread(balancer_id, "MasterZoneId", master, **where)
    if unread:
        return unread
    # An empty SlaveZoneId is how DescribeLoadBalancers says "no backup zone"; an
    # answer without the field says nothing.
    if "SlaveZoneId" not in balancer:
        return not_returned(balancer_id, "SlaveZoneId", **where)
    found = zones([master, balancer["SlaveZoneId"]])
    if len(found) >= 2:
        return Finding.passed(balancer_id, f"Zones {zone_words(found)}", **where)
    return Finding.failed(balancer_id, f"Single zone {zone_words(found)}", **where)
