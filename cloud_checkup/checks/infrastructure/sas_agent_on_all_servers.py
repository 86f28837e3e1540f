"""Every server known to Security Center runs its agent."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="sas-agent-on-all-servers",
    title="The Security Center agent is online on every server",
    category=Category.INFRASTRUCTURE,
    severity=Severity.MEDIUM,
    description=(
        "Lists the ECS servers in Security Center's asset inventory and flags "
        "servers whose agent is not online (ClientStatus offline or paused)."
    ),
    risk=(
        "A server without a running agent gets no intrusion detection, "
        "vulnerability scanning or baseline checks: it is invisible to defence."
    ),
    remediation=Remediation(
        steps=(
            "Install the agent from Security Center, Settings, Agent, or turn on "
            "automatic agent installation for new ECS instances.",
            "For offline agents, check that the instance can reach the Security "
            "Center endpoints and restart the agent.",
        ),
        console_path=(
            "Security Center",
            "System Settings",
            "Feature Settings",
            "Agent",
        ),
        doc_url="https://www.alibabacloud.com/help/en/security-center/user-guide/install-the-security-center-agent",
        command="aliyun sas DescribeCloudCenterInstances --MachineTypes ecs",
    ),
    needs=("sas.assets",),
    references=(
        "CIS 2.0.0 8.2",
        "CIS 2.0.0 4.6",
        "Cloud Config ecs-instance-enabled-security-protection",
    ),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for asset in inventory.records("sas.assets"):
        asset_id = str(asset.get("InstanceId") or asset.get("Uuid"))
        where = {"region": asset.get("RegionId"), "name": asset.get("InstanceName")}
        status = str(asset.get("ClientStatus") or "").lower()
        if not status:
            yield Finding.unknown(
                asset_id, "The agent status was not returned", **where
            )
        elif status == "online":
            yield Finding.passed(asset_id, "Agent online", **where)
        else:
            yield Finding.failed(asset_id, f"Agent {status}", **where)
