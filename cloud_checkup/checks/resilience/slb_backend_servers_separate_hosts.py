"""The ECS servers behind one CLB do not share a physical host."""

from __future__ import annotations

from collections import defaultdict

from .._details import read_detail, unreadable
from .._fields import as_int, as_list, dig
from .._load_balancers import balancer_where
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="slb-backend-servers-separate-hosts",
    title="ECS servers behind a CLB that share a zone are kept on separate hosts by "
    "a deployment set",
    category=Category.RESILIENCE,
    severity=Severity.MEDIUM,
    description=(
        "Treats the ECS instances in a Classic Load Balancer (CLB) instance's "
        "default server group (DescribeLoadBalancerAttribute BackendServers) as "
        "replicas of one service. Replicas in different zones already run on "
        "different hosts; replicas that share a zone must sit in one deployment set "
        "with the high availability strategy (Strategy Availability), or in "
        "different groups of an AvailabilityGroup set (DescribeDeploymentSets "
        "InstanceIds, instance DeploymentSetId and DeploymentSetGroupNo). A "
        "LowLatency set may place them on one host. Load balancers with fewer than "
        "two ECS backends are not judged; vServer groups are not read."
    ),
    risk=(
        "Without a deployment set, ECS may place the replicas of a service on the "
        "same physical server: one host failure then takes all of them down at "
        "once, and the load balancer has nowhere left to send traffic."
    ),
    remediation=Remediation(
        steps=(
            "Create a deployment set with the high availability strategy.",
            "Move the replicas into it (change each instance's deployment set while "
            "it is stopped), or create new replicas in it.",
            "Better still, spread the replicas over two zones as well.",
        ),
        console_path=("ECS", "Deployment & Elasticity", "Deployment Sets"),
        doc_url="https://www.alibabacloud.com/help/doc-detail/91258.htm",
        command="aliyun ecs DescribeDeploymentSets --RegionId <region>",
    ),
    needs=(
        "slb.load_balancers",
        "slb.load_balancer_attributes",
        "ecs.instances",
        "ecs.deployment_sets",
    ),
    references=(
        "Alibaba Cloud Well-Architected Framework: stability, high availability design",
    ),
    resource_type="ACS::SLB::LoadBalancer",
    applies_to="CLB instances with two or more ECS backend servers",
)
def evaluate(inventory):
    placements = _Placements(inventory)
    for balancer in inventory.records("slb.load_balancers"):
        balancer_id = str(balancer["LoadBalancerId"])
        where = balancer_where(balancer)
        attribute = read_detail(inventory, "slb.load_balancer_attributes", balancer_id)
        if attribute.absent:
            continue
        if attribute.record is None:
            yield unreadable(balancer_id, "the backend servers", attribute, **where)
            continue
        servers = _ecs_backends(attribute.record)
        if len(servers) >= 2:
            yield placements.verdict(balancer_id, servers, where)


def _ecs_backends(attribute):
    """The distinct ECS instances of the default server group, in order."""
    servers = as_list(dig(attribute, "BackendServers.BackendServer"))
    ecs = [
        str(s.get("ServerId"))
        for s in servers
        if str(s.get("Type") or "ecs").lower() == "ecs" and s.get("ServerId")
    ]
    return list(dict.fromkeys(ecs))


class _Placements:
    """Where ECS instances run: their zones and the deployment sets holding them."""

    def __init__(self, inventory):
        self._instances = {
            str(i["InstanceId"]): i for i in inventory.records("ecs.instances")
        }
        self._sets = {
            str(s["DeploymentSetId"]): s
            for s in inventory.records("ecs.deployment_sets")
        }
        # A set lists its members; an instance names its set. Either suffices.
        self._set_of = {
            str(member): set_id
            for set_id, deployment_set in self._sets.items()
            for member in as_list(dig(deployment_set, "InstanceIds.InstanceId"))
        }
        for instance_id, instance in self._instances.items():
            if instance.get("DeploymentSetId"):
                self._set_of[instance_id] = str(instance["DeploymentSetId"])

    def verdict(self, balancer_id, servers, where):
        by_zone, unseen = defaultdict(list), []
        for server in servers:
            zone = (self._instances.get(server) or {}).get("ZoneId")
            (by_zone[zone] if zone else unseen).append(server)
        judged = [self._spread(z, ids) for z, ids in by_zone.items() if len(ids) > 1]
        failures = [text for ok, text in judged if ok is False]
        unknowns = [text for ok, text in judged if ok is None]
        if unseen:
            unknowns.append("zone unknown for " + ", ".join(unseen))
        if failures:
            return Finding.failed(balancer_id, "; ".join(failures), **where)
        if unknowns:
            return Finding.unknown(balancer_id, "; ".join(unknowns), **where)
        text = f"{len(servers)} servers in {len(by_zone)} zone(s), on separate hosts"
        return Finding.passed(balancer_id, text, **where)

    def _spread(self, zone, ids):
        """Whether ``ids``, all in ``zone``, are kept on separate hosts, and why."""
        names = ", ".join(ids)
        set_ids = {self._set_of.get(i, "") for i in ids}
        if len(set_ids) != 1 or "" in set_ids:
            return False, f"{names} in {zone} are not in one deployment set"
        (set_id,) = set_ids
        deployment_set = self._sets.get(set_id)
        if deployment_set is None:
            return None, f"deployment set {set_id} was not returned"
        strategy = str(deployment_set.get("Strategy") or "").lower()
        if strategy == "availability":
            return True, ""
        if strategy == "availabilitygroup":
            return self._in_separate_groups(ids, names, zone, set_id)
        if strategy == "lowlatency":
            return False, (
                f"{names} in {zone} share the low-latency deployment set {set_id}, "
                "which may place them on one host"
            )
        return None, f"deployment set {set_id} has an unknown strategy"

    def _in_separate_groups(self, ids, names, zone, set_id):
        # Only different groups of an AvailabilityGroup set are kept apart.
        groups = [as_int(self._instances[i].get("DeploymentSetGroupNo")) for i in ids]
        if None in groups:
            return None, f"the deployment set groups of {names} were not returned"
        if len(set(groups)) == len(groups):
            return True, ""
        return False, f"{names} in {zone} share a group of deployment set {set_id}"
