"""Every VPC records its traffic with a flow log."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="vpc-flow-logs-enabled",
    title="Every VPC has an active flow log",
    category=Category.INFRASTRUCTURE,
    severity=Severity.LOW,
    description=(
        "Lists VPCs and flow logs in every region and flags VPCs without an active "
        "flow log on the VPC itself."
    ),
    risk=(
        "Without flow logs there is no record of which addresses talked to which, "
        "so scanning, exfiltration and lateral movement go unseen."
    ),
    remediation=Remediation(
        steps=(
            "In the VPC console, create a flow log for the VPC that records all "
            "traffic to a Simple Log Service logstore.",
            "Keep the logstore for as long as your incident response needs.",
        ),
        console_path=("VPC", "O&M and Monitoring", "Flow Log"),
        doc_url="https://www.alibabacloud.com/help/en/vpc/user-guide/flow-logs-overview",
        command="aliyun vpc DescribeFlowLogs --RegionId <region>",
    ),
    needs=("vpc.vpcs", "vpc.flow_logs"),
    references=("CIS 2.0.0 3.3", "CIS 2.0.0 2.5", "Cloud Config vpc-flow-logs-enabled"),
    resource_type="ACS::VPC::VPC",
)
def evaluate(inventory):
    logged = {
        str(flow.get("ResourceId"))
        for flow in inventory.records("vpc.flow_logs")
        if str(flow.get("ResourceType", "")).lower() == "vpc"
        and str(flow.get("Status", "")).lower() == "active"
    }
    for vpc in inventory.records("vpc.vpcs"):
        vpc_id = vpc["VpcId"]
        where = {"region": vpc.region, "name": vpc.get("VpcName") or None}
        if vpc_id in logged:
            yield Finding.passed(vpc_id, "An active flow log records the VPC", **where)
        else:
            yield Finding.failed(vpc_id, "No active flow log on the VPC", **where)
