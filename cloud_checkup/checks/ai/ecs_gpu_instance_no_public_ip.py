"""GPU ECS instances (model training and inference) have no public address."""

from __future__ import annotations

from .._ai import GPU_INSTANCES, gpu_instances
from .._fields import as_list, dig
from ..base import Category, Finding, Package, Remediation, Severity, check


@check(
    id="ecs-gpu-instance-no-public-ip",
    title="GPU ECS instances have no public IP address or EIP",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Flags ECS instances with GPUs (the AI infrastructure that runs training "
        "jobs, inference servers such as vLLM or Ollama, and notebooks) that carry "
        "a public IP address or an elastic IP."
    ),
    risk=(
        "Self-hosted AI components often listen without authentication; a public "
        "address exposes the models, their data and costly GPU time to anyone."
    ),
    remediation=Remediation(
        steps=(
            "Release the public IP or unbind the EIP.",
            "Publish inference endpoints through a load balancer or API gateway with "
            "authentication, and reach the instance over a NAT gateway or VPN.",
        ),
        console_path=("ECS", "Instances", "<instance>", "Network"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/gpu-accelerated-compute-optimized-and-vgpu-accelerated-instance-families-1",
        command="aliyun ecs DescribeInstances --RegionId <region>",
    ),
    needs=("ecs.instances",),
    assets=GPU_INSTANCES,
    references=("Security Center AI assets: exposure analysis",),
    resource_type="ACS::ECS::Instance",
    applies_to="GPU ECS instances",
)
def evaluate(inventory):
    for instance in gpu_instances(inventory):
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        addresses = _public_addresses(instance)
        if addresses:
            text = "Public address " + ", ".join(addresses)
            yield Finding.failed(instance_id, text, **where)
        else:
            yield Finding.passed(instance_id, "No public address", **where)


def _public_addresses(instance):
    addresses = [a for a in as_list(dig(instance, "PublicIpAddress.IpAddress")) if a]
    eip = dig(instance, "EipAddress.IpAddress")
    if eip:
        addresses.append(str(eip))
    return addresses
