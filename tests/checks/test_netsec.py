"""Network exposure, load balancer protection, ECS placement and ACK access items on
sandbox data: a passing, a failing, an empty and a denied account scanned once each
for every item, then the API quirks they meet."""

from __future__ import annotations

from pathlib import Path

import pytest
from data import (
    REGION,
    ecs_instances,
    error,
    failed_ids,
    instance,
    merge,
    scan,
)
from data_ha import (
    ZONE_H,
    ZONE_I,
    alb_load_balancers,
    nlb_load_balancers,
    slb_backends,
    slb_listener,
    slb_listeners,
)
from data_identity_infra import cluster, clusters
from data_netsec import (
    access_control_lists,
    clb,
    clbs,
    deployment_set,
    deployment_sets,
    dnat_entry,
    eip,
    eips,
    guarded_listener,
    https_listener,
    kubeconfig_state,
    kubeconfig_states,
    nat_gateways,
)
from four_accounts import FourAccounts
from harness import scan_dataset

import cloud_checkup
from cloud_checkup.checks import Status, catalogue
from cloud_checkup.checks.applicability import not_applicable_reason

ACL = "slb-listener-internet-access-restricted"
TLS = "slb-https-listener-tls-policy"
DNAT = "nat-gateway-dnat-restricted"
KUBECONFIG = "ack-cluster-kubeconfigs-revoked"
HOSTS = "slb-backend-servers-separate-hosts"
CLB_PROTECTION = "slb-instance-deletion-protection"
ALB_PROTECTION = "alb-instance-deletion-protection"
NLB_PROTECTION = "nlb-instance-deletion-protection"
IDLE_EIP = "eip-address-not-idle"
ITEMS = (
    ACL,
    TLS,
    DNAT,
    KUBECONFIG,
    HOSTS,
    CLB_PROTECTION,
    ALB_PROTECTION,
    NLB_PROTECTION,
    IDLE_EIP,
)
DENY_ALL = (
    "slb:*", "alb:*", "nlb:*", "vpc:*", "ecs:DescribeDeploymentSets",
    "cs:ListClusterKubeconfigStates",
)  # fmt: skip
CLUSTER = "c-shop"
DEMO = Path(cloud_checkup.__file__).parent / "resources" / "demo"


def _with_protection(fragment, enabled):
    """An ALB or NLB fragment with every instance's deletion protection ``enabled``."""
    for regions in fragment.values():
        for actions in regions.values():
            for balancer in actions.get("ListLoadBalancers", {}).get(
                "LoadBalancers", []
            ):
                balancer["DeletionProtectionConfig"] = {"Enabled": enabled}
    return fragment


def _web_servers(*, zones=(ZONE_H, ZONE_H), **fields):
    return ecs_instances(
        *(
            instance(f"i-web{n}", ZoneId=zone, **fields)
            for n, zone in enumerate(zones, 1)
        )
    )


GOOD = merge(
    clbs(clb("lb-web"), clb("lb-admin")),
    slb_listeners(
        slb_listener("lb-web", "http", 80, "on"),
        https_listener("lb-web", "tls_cipher_policy_1_2_strict"),
        guarded_listener("lb-admin", 8080),
    ),
    access_control_lists({"acl-office": ["203.0.113.0/24", "2001:db8::/32"]}),
    _web_servers(),
    deployment_sets(deployment_set("ds-web", "Availability", ["i-web1", "i-web2"])),
    slb_backends({"lb-web": ["i-web1", "i-web2"], "lb-admin": ["i-web1"]}),
    _with_protection(alb_load_balancers({"alb-api": [ZONE_H, ZONE_I]}), True),
    _with_protection(nlb_load_balancers({"nlb-tcp": [ZONE_H, ZONE_I]}), True),
    eips(eip("eip-web", "InUse", InstanceId="lb-web", InstanceType="SlbInstance")),
    nat_gateways({"ngw-shop": [dnat_entry("fwd-pay", "tcp", "9443", "9443")]}),
    clusters(cluster(CLUSTER)),
    kubeconfig_states(
        {
            CLUSTER: [
                kubeconfig_state("li.wei", "Active", "Unexpired"),
                kubeconfig_state("old.contractor", "Deleted", "Expired"),
            ]
        }
    ),
)

BAD = merge(
    clbs(
        clb("lb-web", DeleteProtection="off"),
        # Intranet, yet reachable from the Internet through the EIP bound to it.
        clb("lb-admin", AddressType="intranet", Address="10.0.9.100"),
    ),
    slb_listeners(
        https_listener("lb-web", "tls_cipher_policy_1_0"),
        guarded_listener("lb-web", 22, status="off"),
        guarded_listener("lb-admin", 8080),
    ),
    access_control_lists({"acl-office": ["203.0.113.0/24", "0.0.0.0/0"]}),
    _web_servers(),
    deployment_sets(deployment_set("ds-web", "LowLatency", ["i-web1", "i-web2"])),
    slb_backends({"lb-web": ["i-web1", "i-web2"], "lb-admin": ["i-web1"]}),
    _with_protection(alb_load_balancers({"alb-api": [ZONE_H, ZONE_I]}), False),
    _with_protection(nlb_load_balancers({"nlb-tcp": [ZONE_H, ZONE_I]}), False),
    eips(
        eip("eip-admin", "InUse", InstanceId="lb-admin", InstanceType="SlbInstance"),
        eip("eip-promo", "Available"),
    ),
    nat_gateways({"ngw-shop": [dnat_entry("fwd-erp", "any", "any", "any")]}),
    clusters(cluster(CLUSTER)),
    kubeconfig_states(
        {CLUSTER: [kubeconfig_state("chen.intern", "Deleted", "Unexpired")]}
    ),
)

EMPTY = merge(clbs(), clusters())


ACCOUNTS = FourAccounts(
    ITEMS, good=GOOD, bad=BAD, empty=EMPTY, deny=DENY_ALL, region=REGION
)
scanned = ACCOUNTS.scan
test_each_item_on_the_four_accounts = ACCOUNTS.status_test()


def test_failures_name_the_offending_resources():
    bad = scanned("bad")
    assert failed_ids(bad.result(ACL)) == {"lb-web:tcp/22", "lb-admin:tcp/8080"}
    assert failed_ids(bad.result(TLS)) == {"lb-web:https/443"}
    assert failed_ids(bad.result(DNAT)) == {"fwd-erp"}
    assert failed_ids(bad.result(HOSTS)) == {"lb-web"}
    assert failed_ids(bad.result(CLB_PROTECTION)) == {"lb-web"}
    assert failed_ids(bad.result(IDLE_EIP)) == {"eip-promo"}
    assert failed_ids(bad.result(KUBECONFIG)) == {CLUSTER}


# --- listener access control ----------------------------------------------------------


def _acl_scan(*listeners, lists=None, balancers=None, addresses=()):
    return scan(
        ACL,
        clbs(*(balancers or [clb("lb-web")])),
        slb_listeners(*listeners),
        access_control_lists(
            lists if lists is not None else {"acl-office": ["203.0.113.0/24"]}
        ),
        eips(*addresses),
    )


def test_web_ports_and_intranet_balancers_are_not_judged_and_say_why():
    result = _acl_scan(
        slb_listener("lb-web", "http", 80, "on"),
        guarded_listener("lb-inside", 3306, status="off"),
        balancers=[clb("lb-web"), clb("lb-inside", AddressType="intranet")],
    )
    assert result.status is Status.NOT_APPLICABLE
    reason = not_applicable_reason(catalogue()[ACL], result.findings)
    assert "ports other than 80 and 443" in reason


@pytest.mark.parametrize(
    ("listener", "lists", "words"),
    [
        (guarded_listener("lb-web", 22, kind="black"), None, "blacklist"),
        (guarded_listener("lb-web", 22), {"acl-office": []}, "empty"),
        # IPv6: ::/0 is the whole Internet too.
        (guarded_listener("lb-web", 22), {"acl-office": ["::/0"]}, "::/0"),
    ],
)
def test_a_whitelist_that_lets_everyone_in_fails(listener, lists, words):
    result = _acl_scan(listener, lists=lists)
    assert result.status is Status.FAIL
    assert words in result.findings[0].detail


def test_switches_are_read_in_any_case_and_from_the_older_acl_id():
    listener = guarded_listener("lb-web", 22, status="ON", kind="White", acls=())
    listener["AclId"] = "acl-office"
    assert _acl_scan(listener).status is Status.PASS


def test_an_unreadable_whitelist_never_passes_but_an_open_one_still_fails():
    lists = {"acl-office": error("UnknownError", 500), "acl-open": ["0.0.0.0/0"]}
    unreadable = _acl_scan(guarded_listener("lb-web", 22), lists=lists)
    assert unreadable.status is Status.NOT_CHECKED
    both = _acl_scan(
        guarded_listener("lb-web", 22, acls=("acl-office", "acl-open")), lists=lists
    )
    assert both.status is Status.FAIL


def test_a_missing_access_control_status_is_not_checked():
    result = _acl_scan(guarded_listener("lb-web", 22, status=None))
    assert result.status is Status.NOT_CHECKED


def test_whitelist_entries_are_read_past_the_first_page():
    entries = [f"198.51.100.{n}/32" for n in range(60)] + ["0.0.0.0/0"]
    result = _acl_scan(guarded_listener("lb-web", 22), lists={"acl-office": entries})
    assert result.status is Status.FAIL


# --- TLS policy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "status"),
    [
        ("tls_cipher_policy_1_1", Status.FAIL),
        # The policy and the protocol may come in either case.
        ("TLS_CIPHER_POLICY_1_0", Status.FAIL),
        ("tls_cipher_policy_1_2_strict_with_1_3", Status.PASS),
        (None, Status.NOT_CHECKED),
        ("tls_cipher_policy_9_9", Status.NOT_CHECKED),
    ],
)
def test_tls_policies(policy, status):
    listener = https_listener("lb-web", policy)
    listener["ListenerProtocol"] = "HTTPS"
    assert scan(TLS, slb_listeners(listener)).status is status


def test_tls_policy_without_https_listeners_is_not_applicable():
    result = scan(TLS, slb_listeners(slb_listener("lb-web", "http", 80, "on")))
    assert result.status is Status.NOT_APPLICABLE


# --- DNAT entries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "status"),
    [
        # CreateForwardEntry takes Any; the answer may carry either case.
        (dnat_entry("fwd", "Any", "Any", "Any"), Status.FAIL),
        (dnat_entry("fwd", "tcp", "2222", "22"), Status.FAIL),
        (dnat_entry("fwd", "TCP", "3380/3390", "3380/3390"), Status.FAIL),
        (dnat_entry("fwd", "udp", "445", "445"), Status.FAIL),
        (dnat_entry("fwd", "tcp", "8000/8010", "8000/8010"), Status.PASS),
        (dnat_entry("fwd", "tcp", "443", ""), Status.NOT_CHECKED),
    ],
)
def test_dnat_entries(entry, status):
    assert scan(DNAT, nat_gateways({"ngw-shop": [entry]})).status is status


def test_unreadable_dnat_table_never_passes():
    result = scan(
        DNAT,
        nat_gateways(
            {
                "ngw-shop": [dnat_entry("fwd-pay", "tcp", "9443", "9443")],
                "ngw-ops": error("UnknownError", 500),
            }
        ),
    )
    assert result.status is Status.NOT_CHECKED
    assert {f.resource_id for f in result.findings} == {"fwd-pay", "ngw-ops"}


def test_dnat_entries_are_read_past_the_first_page():
    entries = [dnat_entry(f"fwd-{n}", "tcp", str(9000 + n), "80") for n in range(60)]
    entries.append(dnat_entry("fwd-ssh", "tcp", "2222", "22"))
    result = scan(DNAT, nat_gateways({"ngw-shop": entries}))
    assert len(result.findings) == 61
    assert failed_ids(result) == {"fwd-ssh"}


def test_gateways_without_dnat_entries_are_not_applicable():
    result = scan(DNAT, nat_gateways({"ngw-shop": []}))
    assert result.status is Status.NOT_APPLICABLE


# --- elastic IP addresses -------------------------------------------------------------


def test_an_eip_returned_by_two_regional_endpoints_is_judged_once():
    twice = merge(
        eips(eip("eip-promo", "Available")),
        eips(eip("eip-promo", "Available"), region="cn-shanghai"),
    )
    result = scan(IDLE_EIP, twice, regions=(REGION, "cn-shanghai"))
    assert [f.resource_id for f in result.findings] == ["eip-promo"]


def test_eip_status_in_transition_passes_and_a_missing_one_is_not_checked():
    assert scan(IDLE_EIP, eips(eip("eip-1", "Associating"))).status is Status.PASS
    assert scan(IDLE_EIP, eips(eip("eip-1", None))).status is Status.NOT_CHECKED


# --- deletion protection ------------------------------------------------------------


def test_clb_protection_switches_in_any_case_and_absent():
    assert scan(CLB_PROTECTION, clbs(clb("lb-1", DeleteProtection="On"))).status is (
        Status.PASS
    )
    unknown = clb("lb-1")
    del unknown["DeleteProtection"]
    assert scan(CLB_PROTECTION, clbs(unknown)).status is Status.NOT_CHECKED


def test_alb_protection_as_a_string_and_nlb_without_the_setting():
    alb = _with_protection(alb_load_balancers({"alb-1": [ZONE_H]}), "true")
    assert scan(ALB_PROTECTION, alb).status is Status.PASS
    nlb = nlb_load_balancers({"nlb-1": [ZONE_H]})
    assert scan(NLB_PROTECTION, nlb).status is Status.NOT_CHECKED


# --- deployment sets ------------------------------------------------------------------


def _hosts_scan(*sets, servers=("i-web1", "i-web2"), instances=None):
    return scan(
        HOSTS,
        clbs(clb("lb-web")),
        slb_backends({"lb-web": list(servers)}),
        instances or _web_servers(),
        deployment_sets(*sets),
    )


def test_replicas_in_different_zones_need_no_deployment_set():
    result = _hosts_scan(instances=_web_servers(zones=(ZONE_H, ZONE_I)))
    assert result.status is Status.PASS


def test_replicas_in_one_zone_outside_a_set_fail():
    result = _hosts_scan(deployment_set("ds-web", "Availability", ["i-web1"]))
    assert result.status is Status.FAIL


def test_membership_is_read_from_the_instance_as_well_as_the_set():
    # The set lists no member; the instances name it.
    result = _hosts_scan(
        deployment_set("ds-web", "Availability"),
        instances=_web_servers(DeploymentSetId="ds-web"),
    )
    assert result.status is Status.PASS


@pytest.mark.parametrize(
    ("groups", "status"),
    [(("1", "2"), Status.PASS), ((1, 1), Status.FAIL), ((1, None), Status.NOT_CHECKED)],
)
def test_availability_groups_keep_apart_only_different_groups(groups, status):
    # Group numbers may come as strings.
    instances = ecs_instances(
        *(
            instance(f"i-web{n}", ZoneId=ZONE_H, DeploymentSetGroupNo=group)
            for n, group in enumerate(groups, 1)
        )
    )
    members = ["i-web1", "i-web2"]
    result = _hosts_scan(
        deployment_set("ds-web", "AvailabilityGroup", members), instances=instances
    )
    assert result.status is status


def test_a_set_that_was_not_listed_is_not_checked():
    result = _hosts_scan(instances=_web_servers(DeploymentSetId="ds-gone"))
    assert result.status is Status.NOT_CHECKED


def test_a_single_backend_is_not_judged_and_an_unreadable_list_never_passes():
    single = _hosts_scan(servers=("i-web1",))
    assert single.status is Status.NOT_APPLICABLE
    unreadable = scan(
        HOSTS,
        clbs(clb("lb-web")),
        slb_backends({"lb-web": error("UnknownError", 500)}),
        _web_servers(),
        deployment_sets(),
    )
    assert unreadable.status is Status.NOT_CHECKED


# --- kubeconfigs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("account", "cert", "status"),
    [
        ("InActive", "Unexpired", Status.FAIL),
        # States are compared without regard to case.
        ("deleted", "UNEXPIRED", Status.FAIL),
        ("Deleted", "Unknown", Status.NOT_CHECKED),
        (None, "Unexpired", Status.NOT_CHECKED),
        ("Active", "Unexpired", Status.PASS),
    ],
)
def test_kubeconfig_states(account, cert, status):
    states = kubeconfig_states({CLUSTER: [kubeconfig_state("someone", account, cert)]})
    assert scan(KUBECONFIG, clusters(cluster(CLUSTER)), states).status is status


def test_a_cluster_without_kubeconfigs_passes():
    result = scan(
        KUBECONFIG, clusters(cluster(CLUSTER)), kubeconfig_states({CLUSTER: []})
    )
    assert result.status is Status.PASS


def test_kubeconfig_states_are_read_past_the_first_page():
    states = [kubeconfig_state(f"dev{n}", "Active", "Unexpired") for n in range(60)]
    states.append(kubeconfig_state("gone", "Deleted", "Unexpired"))
    result = scan(
        KUBECONFIG, clusters(cluster(CLUSTER)), kubeconfig_states({CLUSTER: states})
    )
    assert result.status is Status.FAIL
    assert "gone" in result.findings[0].detail


def test_kubeconfig_read_errors_per_cluster():
    answers = {
        CLUSTER: error("UnknownError", 500),
        "c-gone": error("ErrorClusterNotFound", 404),
    }
    result = scan(
        KUBECONFIG,
        clusters(cluster(CLUSTER), cluster("c-gone")),
        kubeconfig_states(answers),
    )
    assert result.status is Status.NOT_CHECKED
    # A cluster deleted during the scan has nothing left to judge.
    assert [f.resource_id for f in result.findings] == [CLUSTER]


# --- the demo account -----------------------------------------------------------------


def test_the_demo_account_tells_each_story():
    demo = scan_dataset(str(DEMO), ITEMS)
    assert failed_ids(demo.result(ACL)) == {"lb-bp1shopadmin:tcp/8080"}
    assert failed_ids(demo.result(DNAT)) == {"fwd-bp1vendor"}
    assert failed_ids(demo.result(IDLE_EIP)) == {"eip-bp1oldpromo"}
    assert demo.result(TLS).status is Status.PASS
