"""NAT gateway DNAT entries publish chosen service ports, not whole servers or their
administration ports."""

from __future__ import annotations

from .._details import Listings, unreadable
from ..base import Category, Finding, Remediation, Severity, check

# The ports Alibaba's NAT risk-port rule names: remote administration and file
# sharing, which attackers scan the Internet for.
_RISKY_PORTS = {22: "SSH", 3389: "RDP", 445: "SMB"}
_ANY = "any"


@check(
    id="nat-gateway-dnat-restricted",
    title="NAT gateway DNAT entries publish neither whole servers nor SSH, RDP or "
    "SMB ports",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Reads the DNAT entries of every NAT gateway (DescribeForwardTableEntries by "
        "NatGatewayId) and flags IP mappings, which forward every protocol and port "
        "of a public address to a private one (IpProtocol any), and entries whose "
        "internal port or port range (InternalPort, e.g. 20/30) includes 22, 3389 "
        "or 445. SNAT entries only let servers reach out and are not judged."
    ),
    risk=(
        "A DNAT entry makes a private server reachable from the Internet (or, for a "
        "VPC NAT gateway, from every connected network). An IP mapping publishes "
        "all of its ports, and SSH, RDP and SMB are scanned and brute-forced "
        "within minutes; only the server's security group still stands in the way."
    ),
    remediation=Remediation(
        steps=(
            "Replace IP mappings with port mappings for the services that must be "
            "reachable.",
            "Delete DNAT entries for SSH, RDP and SMB; reach servers through a "
            "bastion host or VPN instead.",
        ),
        console_path=("VPC", "NAT Gateway", "<NAT gateway>", "DNAT Management"),
        doc_url="https://www.alibabacloud.com/help/doc-detail/36058.htm",
        command=(
            "aliyun vpc DescribeForwardTableEntries --RegionId <region> "
            "--NatGatewayId <NAT gateway>"
        ),
    ),
    needs=("vpc.nat_gateways", "vpc.nat_dnat_entries"),
    references=("InfraGuard rule nat-risk-ports-check",),
    resource_type="ACS::VPC::ForwardEntry",
    applies_to="DNAT entries of NAT gateways",
)
def evaluate(inventory):
    entries = Listings(inventory, "vpc.nat_dnat_entries", "NatGatewayId")
    for gateway in inventory.records("vpc.nat_gateways"):
        gateway_id = str(gateway["NatGatewayId"])
        listing = entries.of(gateway_id)
        if listing.unreadable:
            where = {"region": gateway.region, "name": gateway.get("Name") or None}
            yield unreadable(gateway_id, "the DNAT entries", listing, **where)
            continue
        for entry in listing.items:
            yield _verdict(entry, gateway.region)


def _verdict(entry, region):
    entry_id = str(entry.get("ForwardEntryId") or "")
    where = {"region": region, "name": entry.get("ForwardEntryName") or None}
    target = f"{entry.get('ExternalIp')} to {entry.get('InternalIp')}"
    protocol = str(entry.get("IpProtocol") or "").strip().lower()
    if protocol == _ANY:
        text = f"IP mapping {target}: every port is published"
        return Finding.failed(entry_id, text, **where)
    ports = _port_range(entry.get("InternalPort"))
    if not protocol or ports is None:
        text = f"{target}: the protocol or internal port was not understood"
        return Finding.unknown(entry_id, text, **where)
    risky = [
        name for port, name in _RISKY_PORTS.items() if ports[0] <= port <= ports[1]
    ]
    shown = f"{protocol} {entry.get('ExternalPort')} to {entry.get('InternalPort')}"
    if risky:
        text = f"{target} publishes {' and '.join(risky)} ({shown})"
        return Finding.failed(entry_id, text, **where)
    return Finding.passed(entry_id, f"{target}: {shown}", **where)


def _port_range(value):
    """``(first, last)`` from ``80``, ``80/80`` or ``20/30``; every port for ``any``;
    None when unreadable."""
    text = str(value or "").strip().lower()
    if text == _ANY:
        return (1, 65535)
    first, _, last = text.partition("/")
    if not first.isdigit() or not (last or first).isdigit():
        return None
    return (int(first), int(last or first))
