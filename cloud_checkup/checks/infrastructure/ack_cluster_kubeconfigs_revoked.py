"""No valid ACK kubeconfig outlives the RAM identity it was issued to."""

from __future__ import annotations

from .._ack import CLUSTERS, where
from .._details import Listings, unreadable
from ..base import Category, Finding, Remediation, Severity, check

_GONE = frozenset({"deleted", "inactive"})
_VALID = "unexpired"


@check(
    id="ack-cluster-kubeconfigs-revoked",
    title="ACK clusters hold no valid kubeconfig of a deleted or frozen account",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Lists the kubeconfigs each ACK cluster has issued to RAM users and roles "
        "(ListClusterKubeconfigStates) and flags clusters where the account is "
        "deleted or frozen (account_state Deleted, InActive) while its client "
        "certificate is still valid (cert_state Unexpired). Deleting a RAM user "
        "or role does not revoke the RBAC permissions of its kubeconfig."
    ),
    risk=(
        "A former employee or a removed automation keeps working access to the "
        "cluster's API server, with whatever RBAC role the kubeconfig carried, "
        "until the certificate expires, often years later."
    ),
    remediation=Remediation(
        steps=(
            "In the ACK console's Authorizations page, revoke the kubeconfig of "
            "each deleted or frozen account.",
            "Revoke a person's kubeconfigs before deleting their RAM user.",
        ),
        console_path=("Container Service", "Authorizations", "RAM Users"),
        doc_url="https://www.alibabacloud.com/help/en/document_detail/142602.html",
        command="aliyun cs GET /clusters/<cluster>/kubeconfig/states",
    ),
    needs=(CLUSTERS, "cs.cluster_kubeconfig_states"),
    references=("ACK guidance: revoke a kubeconfig before deleting its RAM user",),
    resource_type="ACS::CS::Cluster",
)
def evaluate(inventory):
    states = Listings(inventory, "cs.cluster_kubeconfig_states", "cluster_id")
    for cluster in inventory.records(CLUSTERS):
        cluster_id = str(cluster["cluster_id"])
        listing = states.of(cluster_id)
        if listing.skipped:
            continue
        if listing.unreadable:
            text = "the kubeconfig states"
            yield unreadable(cluster_id, text, listing, **where(cluster))
            continue
        yield _verdict(cluster_id, listing.items, where(cluster))


def _verdict(cluster_id, states, place):
    gone = [s for s in states if _lower(s, "account_state") in _GONE]
    valid = [_account(s) for s in gone if _lower(s, "cert_state") == _VALID]
    if valid:
        text = "Valid kubeconfig of deleted or frozen " + ", ".join(valid)
        return Finding.failed(cluster_id, text, **place)
    # Without both states (or with cert_state Unknown) nothing can be concluded.
    unsure = [_account(s) for s in gone if _lower(s, "cert_state") != "expired"]
    unsure += [_account(s) for s in states if not _lower(s, "account_state")]
    if unsure:
        text = "Could not tell whether these kubeconfigs are still valid: "
        return Finding.unknown(cluster_id, text + ", ".join(unsure), **place)
    text = f"{len(states)} kubeconfigs, none of a deleted or frozen account valid"
    return Finding.passed(cluster_id, text, **place)


def _lower(state, field):
    return str(state.get(field) or "").strip().lower()


def _account(state):
    name = state.get("account_name") or state.get("account_id") or "?"
    return f"{state.get('account_type') or 'account'} {name}"
