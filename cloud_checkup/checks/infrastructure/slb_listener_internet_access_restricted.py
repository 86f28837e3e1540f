"""Internet-facing CLB listeners on other than web ports admit only listed sources."""

from __future__ import annotations

from collections.abc import Mapping

from .._details import Listings
from .._fields import admits_every_address, as_int, as_list
from .._load_balancers import internet_facing_clbs, listener_id, listener_where
from .._resilience import is_on
from ..base import Category, Finding, Remediation, Severity, check

# Public websites are meant for everyone; any other port on the Internet is not.
_WEB_PORTS = frozenset({80, 443})


@check(
    id="slb-listener-internet-access-restricted",
    title="Internet-facing CLB listeners on non-web ports accept only whitelisted "
    "sources",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Finds Internet-facing Classic Load Balancer (CLB) instances (AddressType "
        "internet, or an intranet instance with an EIP bound) and reads the access "
        "control of each of their listeners on ports other than 80 and 443 "
        "(AclStatus, AclType, AclIds) and the entries of its access control lists "
        "(DescribeAccessControlListAttribute AclEntryIP). Flags listeners without "
        "access control, with a blacklist, or with a whitelist that is empty or "
        "admits 0.0.0.0/0 or ::/0."
    ),
    risk=(
        "Admin consoles, databases and other services published on a public load "
        "balancer can be reached and attacked by anyone on the Internet; a "
        "blacklist or an empty whitelist forwards every request."
    ),
    remediation=Remediation(
        steps=(
            "Create an access control list with the office, VPN or partner "
            "addresses that need the service.",
            "Enable access control on the listener, as a whitelist, with that list.",
            "Delete the listener if the service need not be public.",
        ),
        console_path=("Server Load Balancer", "CLB", "Access Control"),
        doc_url="https://www.alibabacloud.com/help/doc-detail/85979.htm",
        command="aliyun slb DescribeLoadBalancerListeners --RegionId <region>",
    ),
    needs=(
        "slb.load_balancers",
        "slb.listeners",
        "vpc.eip_addresses",
        "slb.access_control_lists",
        "slb.access_control_list_entries",
    ),
    references=(
        "Cloud Config slb-acl-public-access-check",
        "Cloud Config slb-listener-risk-ports-check",
    ),
    resource_type="ACS::SLB::Listener",
    applies_to="listeners of Internet-facing CLB instances on ports other than 80 "
    "and 443",
)
def evaluate(inventory):
    facing = internet_facing_clbs(inventory)
    whitelists = _Whitelists(inventory)
    for listener in inventory.records("slb.listeners"):
        exposure = facing.get(str(listener.get("LoadBalancerId") or ""))
        if exposure is None or as_int(listener.get("ListenerPort")) in _WEB_PORTS:
            continue
        yield _verdict(listener, exposure, whitelists)


def _verdict(listener, exposure, whitelists):
    resource_id, where = listener_id(listener), listener_where(listener)
    enabled = is_on(listener.get("AclStatus"))
    kind = str(listener.get("AclType") or "").lower()
    if enabled is None:
        text = "The access control setting was not returned"
        return Finding.unknown(resource_id, text, **where)
    if not enabled:
        text = f"No access control: anyone reaches it through the {exposure}"
        return Finding.failed(resource_id, text, **where)
    if kind == "black":
        text = f"A blacklist lets every other address in through the {exposure}"
        return Finding.failed(resource_id, text, **where)
    if kind != "white":
        text = f"Unknown access control type {listener.get('AclType')!r}"
        return Finding.unknown(resource_id, text, **where)
    return whitelists.verdict(resource_id, _acl_ids(listener), where)


def _acl_ids(listener):
    """The lists a listener uses: ``AclIds`` (up to three) and the older ``AclId``."""
    named = listener.get("AclIds")
    if isinstance(named, Mapping):
        named = named.get("AclId")
    ids = [*as_list(named), *str(listener.get("AclId") or "").split(",")]
    return sorted({str(i).strip() for i in ids if str(i).strip()})


class _Whitelists:
    """The entries of every access control list, to judge a listener's whitelist."""

    def __init__(self, inventory):
        self._known = {
            str(acl.get("AclId"))
            for acl in inventory.records("slb.access_control_lists")
        }
        self._entries = Listings(inventory, "slb.access_control_list_entries", "AclId")

    def verdict(self, resource_id, acl_ids, where):
        if not acl_ids:
            text = "Access control is on but names no whitelist"
            return Finding.unknown(resource_id, text, **where)
        addresses, unread = self._addresses(acl_ids)
        everyone = sorted({a for a in addresses if admits_every_address(a)})
        if everyone:
            text = "The whitelist admits every address: " + ", ".join(everyone)
            return Finding.failed(resource_id, text, **where)
        if unread:
            text = "Could not read whitelist " + "; ".join(unread)
            return Finding.unknown(resource_id, text, **where)
        if not addresses:
            text = "The whitelist is empty, so every request is forwarded"
            return Finding.failed(resource_id, text, **where)
        text = f"Whitelist of {len(addresses)} address entries"
        return Finding.passed(resource_id, text, **where)

    def _addresses(self, acl_ids):
        addresses, unread = [], []
        for acl_id in acl_ids:
            listing = self._entries.of(acl_id)
            if acl_id not in self._known:
                unread.append(f"{acl_id}: not found among the access control lists")
            elif listing.error is not None:
                unread.append(f"{acl_id}: {listing.reason()}")
            else:
                addresses += [str(e.get("AclEntryIP") or "") for e in listing.items]
        return addresses, unread
