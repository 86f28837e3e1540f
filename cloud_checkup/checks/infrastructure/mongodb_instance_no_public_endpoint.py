"""MongoDB instances are reachable from their VPC only."""

from __future__ import annotations

from dataclasses import dataclass

from .._databases import MONGODB, endpoint_verdict, public_addresses
from .._fields import as_list, dig
from ..base import Category, Remediation, Severity, check


@dataclass(frozen=True)
class _Endpoints:
    """Where one kind of instance lists its endpoints, and their address field."""

    collection: str
    lists: tuple[str, ...]
    address: str

    def verdict(self, instance_id, instance, answer, where):
        if answer is None:
            return None
        if not any(path.split(".")[0] in answer for path in self.lists):
            return endpoint_verdict(instance_id, None, where)
        endpoints = [
            entry for path in self.lists for entry in as_list(dig(answer, path))
        ]
        public = public_addresses(endpoints, "NetworkType", self.address)
        return endpoint_verdict(instance_id, public, where)


# Each kind of instance (DBInstanceType) has its own action for its endpoints.
_BY_KIND = {
    "replicate": _Endpoints(
        "mongodb.replica_set_roles", ("ReplicaSets.ReplicaSet",), "ConnectionDomain"
    ),
    "sharding": _Endpoints(
        "mongodb.sharding_network_addresses",
        (
            "NetworkAddresses.NetworkAddress",
            "CompatibleConnections.CompatibleConnection",
        ),
        "NetworkAddress",
    ),
}


@check(
    id="mongodb-instance-no-public-endpoint",
    title="MongoDB instances have no public endpoint",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the endpoints of each ApsaraDB for MongoDB instance and flags "
        "endpoints whose NetworkType is Public: replica set and standalone "
        "instances from DescribeReplicaSetRole (ReplicaSets.ReplicaSet[]), sharded "
        "clusters from DescribeShardingNetworkAddress (NetworkAddresses and "
        "CompatibleConnections), each action answering for its own kind only."
    ),
    risk=(
        "A public endpoint puts the database within reach of the whole Internet; "
        "only the whitelist and the password then keep out scans and brute force."
    ),
    remediation=Remediation(
        steps=(
            "Release the public endpoint (of each mongos, shard or Configserver "
            "node of a sharded cluster) and connect from the VPC, or over a VPN or "
            "Express Connect.",
            "If a public endpoint must stay, keep the whitelist to known addresses.",
        ),
        console_path=(*MONGODB.console, "Database Connections"),
        doc_url="https://www.alibabacloud.com/help/en/doc-detail/62134.htm",
        command="aliyun dds DescribeReplicaSetRole --DBInstanceId <instance>",
    ),
    needs=(
        "mongodb.instances",
        "mongodb.replica_set_roles",
        "mongodb.sharding_network_addresses",
    ),
    references=("Cloud Config mongodb-public-and-any-ip-access-check",),
    resource_type="ACS::MONGODB::DBInstance",
)
def evaluate(inventory):
    for kind, endpoints in _BY_KIND.items():
        yield from MONGODB.findings(
            inventory,
            endpoints.collection,
            "the endpoints",
            endpoints.verdict,
            include=lambda instance, kind=kind: _kind(instance) == kind,
        )


def _kind(instance):
    return str(instance.get("DBInstanceType") or "").lower()
