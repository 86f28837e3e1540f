"""ALB instances are deployed in at least two zones."""

from __future__ import annotations

from .._details import read_detail, unreadable
from .._fields import as_list
from .._resilience import zone_words, zones
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="alb-instance-multi-zone",
    title="ALB instances are deployed in at least two zones",
    category=Category.RESILIENCE,
    severity=Severity.HIGH,
    description=(
        "Reads the zone mappings of each Application Load Balancer (ALB) instance "
        "and flags instances that serve from a single zone."
    ),
    risk=(
        "An ALB instance in one zone stops answering when that zone fails, taking "
        "down every application behind it."
    ),
    remediation=Remediation(
        steps=(
            "Add a second zone (with a vSwitch in it) to the ALB instance.",
            "Make sure the server groups have servers in the new zone too.",
        ),
        console_path=("Server Load Balancer", "ALB", "Instances", "<instance>"),
        doc_url="https://www.alibabacloud.com/help/en/slb/application-load-balancer/user-guide/modify-the-zones-of-an-alb-instance",
        command="aliyun alb GetLoadBalancerAttribute --LoadBalancerId <instance>",
    ),
    needs=("alb.load_balancers", "alb.load_balancer_attributes"),
    references=("Cloud Config alb-instance-multi-zone",),
    resource_type="ACS::ALB::LoadBalancer",
)
def evaluate(inventory):
    for balancer in inventory.records("alb.load_balancers"):
        balancer_id = balancer["LoadBalancerId"]
        where = {"region": balancer.region, "name": balancer.get("LoadBalancerName")}
        attribute = read_detail(inventory, "alb.load_balancer_attributes", balancer_id)
        if attribute.absent:
            continue
        if attribute.record is None:
            yield unreadable(balancer_id, "the zone mappings", attribute, **where)
            continue
        mapped = zones(
            m.get("ZoneId") for m in as_list(attribute.record.get("ZoneMappings"))
        )
        if len(mapped) >= 2:
            yield Finding.passed(balancer_id, f"Zones {zone_words(mapped)}", **where)
        elif mapped:
            yield Finding.failed(
                balancer_id, f"Single zone {zone_words(mapped)}", **where
            )
        else:
            yield Finding.unknown(balancer_id, "No zone mapping was returned", **where)
