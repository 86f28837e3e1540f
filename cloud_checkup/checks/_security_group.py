"""Which ports a security group really opens to the Internet.

ECS security group rules carry a priority (1 is evaluated first) and, at the same
priority, a ``Drop`` rule wins over an ``Accept``. Protocols and policies arrive in any
case (``TCP``, ``tcp``, ``ALL``; ``Accept``, ``accept``), port ranges as ``22/22``,
``1/65535`` or ``-1/-1`` (every port), and the Internet is ``0.0.0.0/0`` or ``::/0``.

A priority that cannot be read (missing, empty, not a number) is never taken as the
most urgent for a Drop rule: that reading would let the rule shadow an Accept and
pass an open group. Each verdict is instead made under both readings of the unknown
priorities. Against the group (an Accept first, a Drop shadowing nothing) a port that
is still closed is closed; for it (an Accept last, a Drop first) a port that is still
open is open. A port open only under the first reading is doubtful: the group is not
checked on it, neither passed nor failed on a number it does not have.
"""

from __future__ import annotations

import functools
import ipaddress
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from ._details import read_detail, unreadable
from ._fields import as_bool, as_int, as_list, dig
from .base import Finding, Inventory

# The most urgent priority a rule can have; a larger number is evaluated later.
_FIRST_PRIORITY = 1
_ANY_PORT_PROTOCOLS = frozenset({"all"})
# The whole Internet in each address family, as findings name it.
_INTERNET = ("0.0.0.0/0", "::/0")
_SOURCE_FIELDS = ("SourceCidrIp", "Ipv6SourceCidrIp")
# Exposure.port of a rule that opens every port.
EVERY_PORT = 0


@dataclass(frozen=True)
class Exposure:
    """One port of a security group reachable from the whole Internet.

    ``doubtful`` when a Drop rule whose priority could not be read may shut it.
    """

    port: int
    source: str
    doubtful: bool = False

    def describe(self, service: str) -> str:
        what = (
            "Every port" if self.port == EVERY_PORT else f"{service} port {self.port}"
        )
        if not self.doubtful:
            return f"{what} is open to {self.source}"
        return (
            f"{what} may be open to {self.source}: a rule that decides it has no "
            "readable Priority"
        )


def split_doubtful(exposures: list[Exposure]) -> tuple[list[Exposure], list[Exposure]]:
    """(the exposures that are certain, those an unreadable priority leaves open to
    doubt)."""
    return (
        [e for e in exposures if not e.doubtful],
        [e for e in exposures if e.doubtful],
    )


def ingress_rules(security_group: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The ingress rules of a ``DescribeSecurityGroupAttribute`` response."""
    rules = as_list(dig(security_group, "Permissions.Permission"))
    return [r for r in rules if str(r.get("Direction", "ingress")).lower() == "ingress"]


def internet_exposures(
    rules: Iterable[Mapping[str, Any]], ports: Iterable[int]
) -> list[Exposure]:
    """The TCP ``ports`` the rules open to 0.0.0.0/0 or ::/0, Drop rules applied."""
    reaches: dict[str, list[_TcpReach]] = {internet: [] for internet in _INTERNET}
    for rule in rules:
        sources = _internet_sources(rule)
        reach = _tcp_reach(rule) if sources else None
        for internet in sources if reach else ():
            reaches[internet].append(reach)
    exposures = []
    for port in ports:
        for internet in _INTERNET:
            exposure = _exposure(reaches[internet], port, internet)
            if exposure:
                exposures.append(exposure)
    return exposures


class _TcpReach(NamedTuple):
    """The TCP ports one rule covers, read once however many ports are tested."""

    rule: Mapping[str, Any]
    low: int
    high: int
    policy: str
    priority: int | None


def _tcp_reach(rule: Mapping[str, Any]) -> _TcpReach | None:
    protocol = str(rule.get("IpProtocol", "")).strip().lower()
    if protocol in _ANY_PORT_PROTOCOLS:
        low, high = 0, 65535
    elif protocol == "tcp":
        low, high = port_range(rule.get("PortRange"))
    else:
        return None
    return _TcpReach(rule, low, high, _policy(rule), _priority(rule))


def _exposure(reaches: list[_TcpReach], port: int, internet: str) -> Exposure | None:
    """Whether rules admitting ``internet`` leave ``port`` open, Drop rules applied."""
    matching = [(r.policy, r.priority) for r in reaches if r.low <= port <= r.high]
    return _judge(matching, port, internet)


def _judge(
    rules: list[tuple[str, int | None]], port: int, internet: str
) -> Exposure | None:
    """Whether the (policy, priority) of the rules matching ``port`` leave it open,
    each unreadable priority read both ways (see the module's docstring)."""
    if not _open(rules, unread_accept=_FIRST_PRIORITY, unread_drop=math.inf):
        return None
    surely = _open(rules, unread_accept=math.inf, unread_drop=_FIRST_PRIORITY)
    return Exposure(port=port, source=internet, doubtful=not surely)


def _open(
    rules: list[tuple[str, int | None]], *, unread_accept: float, unread_drop: float
) -> bool:
    """Whether an Accept rule comes before every Drop rule, an unreadable priority
    read as given."""
    accepts = [
        unread_accept if p is None else p for policy, p in rules if policy == "accept"
    ]
    drops = [unread_drop if p is None else p for policy, p in rules if policy == "drop"]
    # A Drop rule at the same or a higher priority (lower number) shuts the port.
    return bool(accepts) and not (drops and min(drops) <= min(accepts))


def _policy(rule: Mapping[str, Any]) -> str:
    # An absent policy means Accept: that is the API's default.
    return str(rule.get("Policy") or "accept").strip().lower()


def _priority(rule: Mapping[str, Any]) -> int | None:
    """The rule's priority, or None when it cannot be read (priorities start at 1)."""
    priority = as_int(rule.get("Priority"))
    return priority if priority is not None and priority >= _FIRST_PRIORITY else None


def port_range(text: Any) -> tuple[int, int]:
    """The (low, high) ports of ``"22/22"``, ``"1/65535"`` or ``"-1/-1"`` (all).

    Text that is not a port range counts as every port: the rule cannot be shown
    to be narrower.
    """
    parts = str(text or "").split("/")
    low = as_int(parts[0]) if parts else None
    high = as_int(parts[-1]) if parts else None
    if low is None or high is None or low < 0 or high < 0:
        return 1, 65535
    # A range written high-first still opens the ports between its ends.
    return min(low, high), max(low, high)


def _internet_sources(rule: Mapping[str, Any]) -> tuple[str, ...]:
    """Which of 0.0.0.0/0 and ::/0 the rule admits, whichever field holds them.

    Both fields are read: a rule whose IPv4 field holds ``::/0`` (or the reverse)
    must not slip past because its source sits in the other family's field.
    """
    ipv4_field, ipv6_field = _SOURCE_FIELDS
    return _sources(
        str(rule.get(ipv4_field) or "").strip(), str(rule.get(ipv6_field) or "").strip()
    )


@functools.lru_cache(maxsize=4096)
def _sources(*cidrs: str) -> tuple[str, ...]:
    """The whole-Internet sources among ``cidrs``.

    An account's rules repeat a handful of sources across thousands of rules, and
    parsing them is most of what judging a rule costs: each pair is parsed once.
    """
    versions = {_whole_internet_version(cidr) for cidr in cidrs if cidr}
    return tuple(
        internet
        for internet, version in zip(_INTERNET, (4, 6), strict=True)
        if version in versions
    )


def _whole_internet_version(cidr: str) -> int | None:
    """4 or 6 if ``cidr`` is a whole address family, else None."""
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return None
    return network.version if network.prefixlen == 0 else None


def security_group_findings(
    inventory: Inventory, services: Mapping[int, str]
) -> Iterable[Finding]:
    """One finding per security group: which of ``services`` (port -> name) it opens.

    Security groups managed by cloud services (``ServiceManaged``) are skipped: their
    owner cannot change them.
    """
    for group in inventory.records("ecs.security_groups"):
        if as_bool(group.get("ServiceManaged")):
            continue
        group_id = group["SecurityGroupId"]
        where = {"region": group.region, "name": group.get("SecurityGroupName")}
        rules = read_detail(inventory, "ecs.security_group_rules", group_id)
        if rules.absent:
            continue
        if rules.record is None:
            yield unreadable(group_id, "the security group rules", rules, **where)
            continue
        if "Permissions" not in rules.record:
            # The API always sends Permissions, empty or not: without it the
            # answer is not the rule list, and no rule can be shown closed.
            text = "The security group rules were not in the answer"
            yield Finding.unknown(group_id, text, **where)
            continue
        exposures = internet_exposures(ingress_rules(rules.record), services)
        yield exposure_finding(
            group_id,
            exposures,
            lambda e: e.describe(services[e.port]),
            "No listed port is open to the Internet",
            **where,
        )


def exposure_finding(
    group_id: str,
    exposures: list[Exposure],
    explain: Callable[[Exposure], str],
    passing: str,
    **where: Any,
) -> Finding:
    """FAIL on a certain exposure; NOT_CHECKED when every exposure is doubtful (an
    unreadable priority decides it); PASS when there is none."""
    certain, doubtful = split_doubtful(exposures)
    if certain:
        return Finding.failed(group_id, "; ".join(map(explain, certain)), **where)
    if doubtful:
        return Finding.unknown(group_id, "; ".join(map(explain, doubtful)), **where)
    return Finding.passed(group_id, passing, **where)


def all_ports_exposures(rules: Iterable[Mapping[str, Any]]) -> list[Exposure]:
    """Accept rules that open every port (any protocol or 1-65535) to the Internet.

    A Drop rule for every port from the same source at the same or a higher
    priority shuts them again. ``Exposure.port`` is 0 for "every port".
    """
    matching: dict[str, list[Mapping[str, Any]]] = {i: [] for i in _INTERNET}
    for rule in rules:
        sources = _internet_sources(rule)
        if sources and _every_port(rule):
            for internet in sources:
                matching[internet].append(rule)
    exposures = []
    for internet in _INTERNET:
        rules_from = [(_policy(r), _priority(r)) for r in matching[internet]]
        exposure = _judge(rules_from, EVERY_PORT, internet)
        if exposure:
            exposures.append(exposure)
    return exposures


def _every_port(rule: Mapping[str, Any]) -> bool:
    protocol = str(rule.get("IpProtocol", "")).strip().lower()
    if protocol in _ANY_PORT_PROTOCOLS:
        return True
    low, high = port_range(rule.get("PortRange"))
    return protocol in ("tcp", "udp") and low <= 1 and high >= 65535
