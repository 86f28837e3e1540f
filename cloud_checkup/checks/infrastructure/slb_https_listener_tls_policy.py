"""CLB HTTPS listeners negotiate TLS 1.2 or later only."""

from __future__ import annotations

from .._load_balancers import CLB_INSTANCES, listener_id, listener_where
from ..base import Category, Finding, Remediation, Severity, check

# CLB offers only predefined policies (no custom ones); these two still accept
# outdated protocol versions.
_OUTDATED = {
    "tls_cipher_policy_1_0": "TLS 1.0 and 1.1",
    "tls_cipher_policy_1_1": "TLS 1.1",
}
_CURRENT = frozenset(
    {
        "tls_cipher_policy_1_2",
        "tls_cipher_policy_1_2_strict",
        "tls_cipher_policy_1_2_strict_with_1_3",
    }
)


@check(
    id="slb-https-listener-tls-policy",
    title="CLB HTTPS listeners accept only TLS 1.2 or later",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Reads the TLS security policy of every HTTPS listener of every Classic "
        "Load Balancer (CLB) instance (DescribeLoadBalancerListeners "
        "HTTPSListenerConfig.TLSCipherPolicy) and flags listeners whose policy "
        "still accepts TLS 1.0 or 1.1 (tls_cipher_policy_1_0, tls_cipher_policy_1_1)."
    ),
    risk=(
        "TLS 1.0 and 1.1 and their CBC and 3DES cipher suites have known attacks; "
        "a client that can be pushed down to them exposes the session it carries."
    ),
    remediation=Remediation(
        steps=(
            "Edit the HTTPS listener's advanced settings and choose "
            "tls_cipher_policy_1_2 or a stricter policy.",
            "Check first that no client still in use needs TLS 1.0 or 1.1.",
        ),
        console_path=(*CLB_INSTANCES, "<instance>", "Listener", "<HTTPS listener>"),
        doc_url="https://www.alibabacloud.com/help/en/slb/classic-load-balancer/user-guide/tls-security-policies",
        command=(
            "aliyun slb SetLoadBalancerHTTPSListenerAttribute --RegionId <region> "
            "--LoadBalancerId <instance> --ListenerPort 443 "
            "--TLSCipherPolicy tls_cipher_policy_1_2"
        ),
    ),
    needs=("slb.listeners",),
    references=("Cloud Config slb-all-listenter-tls-policy-check",),
    resource_type="ACS::SLB::Listener",
    applies_to="CLB HTTPS listeners",
)
def evaluate(inventory):
    for listener in inventory.records("slb.listeners"):
        if str(listener.get("ListenerProtocol", "")).lower() != "https":
            continue
        policy = (listener.get("HTTPSListenerConfig") or {}).get("TLSCipherPolicy")
        yield _verdict(listener_id(listener), policy, listener_where(listener))


def _verdict(resource_id, policy, where):
    name = str(policy or "").strip().lower()
    if not name:
        return Finding.unknown(resource_id, "The TLS policy was not returned", **where)
    if name in _OUTDATED:
        text = f"{policy} accepts {_OUTDATED[name]}"
        return Finding.failed(resource_id, text, **where)
    if name in _CURRENT:
        return Finding.passed(resource_id, str(policy), **where)
    return Finding.unknown(resource_id, f"Unknown TLS policy {policy}", **where)
