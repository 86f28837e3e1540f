"""AI package check items on sandbox data: one passing and one failing account each."""

from __future__ import annotations

from data import (
    dsw_instance,
    dsw_instances,
    eas_services,
    ecs_instances,
    failed_ids,
    instance,
    scan,
    ssh_forward,
)

from cloud_checkup.checks import Package, Status, catalogue

AI_ITEMS = (
    "pai-dsw-no-internet-access",
    "ecs-gpu-instance-no-public-ip",
    "pai-eas-service-multiple-instances",
)


def test_ai_items_belong_to_the_ai_package():
    items = catalogue()
    assert all(items[item].package is Package.AI for item in AI_ITEMS)


def test_dsw_passes_for_private_and_disabled_forwards():
    notebooks = dsw_instances(
        dsw_instance("dsw-a", [ssh_forward(public=False)]),
        dsw_instance("dsw-b", [ssh_forward(public=True, enabled=False)]),
    )
    assert scan("pai-dsw-no-internet-access", notebooks).status is Status.PASS


def test_dsw_fails_for_public_ssh():
    notebooks = dsw_instances(
        dsw_instance("dsw-a", [ssh_forward(public=False)]),
        dsw_instance("dsw-b", [ssh_forward(public=True)]),
    )
    result = scan("pai-dsw-no-internet-access", notebooks)
    assert result.status is Status.FAIL
    assert failed_ids(result) == {"dsw-b"}


def test_dsw_not_checked_when_denied():
    notebooks = dsw_instances(dsw_instance("dsw-a", []))
    result = scan(
        "pai-dsw-no-internet-access", notebooks, deny=["pai-dsw:ListInstances"]
    )
    assert result.status is Status.NOT_CHECKED


def test_gpu_instance_passes_without_public_address_and_skips_cpu_servers():
    servers = ecs_instances(
        instance("i-gpu1", GPUAmount=1),
        instance("i-web1", PublicIpAddress={"IpAddress": ["47.96.1.1"]}),
    )
    result = scan("ecs-gpu-instance-no-public-ip", servers)
    assert result.status is Status.PASS
    assert {f.resource_id for f in result.findings} == {"i-gpu1"}


def test_gpu_instance_fails_with_an_eip():
    servers = ecs_instances(
        instance(
            "i-gpu1",
            GPUAmount=2,
            EipAddress={"AllocationId": "eip-1", "IpAddress": "47.96.1.2"},
        )
    )
    result = scan("ecs-gpu-instance-no-public-ip", servers)
    assert result.status is Status.FAIL
    assert "47.96.1.2" in result.failed[0].detail


def test_eas_passes_with_two_instances_and_skips_stopped_services():
    services = eas_services(
        {"recommender": ("Running", 2), "old-model": ("Stopped", 1)}
    )
    result = scan("pai-eas-service-multiple-instances", services)
    assert result.status is Status.PASS
    assert len(result.findings) == 1


def test_eas_fails_for_a_single_instance():
    services = eas_services({"recommender": ("Running", 1)})
    result = scan("pai-eas-service-multiple-instances", services)
    assert result.status is Status.FAIL
