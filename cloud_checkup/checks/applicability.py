"""Why an item is not applicable: the words the result shows instead of a verdict."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Check, Finding, Status

# The resources of each type, in the words the report uses.
RESOURCE_WORDS = {
    "ACS::Account": "account settings",
    "ACS::ActionTrail::Trail": "ActionTrail trails",
    "ACS::ALB::LoadBalancer": "ALB instances",
    "ACS::ALB::ServerGroup": "ALB server groups",
    "ACS::BSS::Instance": "subscription resources",
    "ACS::CMS::AlarmRule": "CloudMonitor alarm rules",
    "ACS::CR::Instance": "Container Registry instances",
    "ACS::CS::Cluster": "ACK clusters",
    "ACS::ECS::AutoSnapshotPolicy": "automatic snapshot policies",
    "ACS::ECS::Disk": "ECS disks",
    "ACS::ECS::Instance": "ECS instances",
    "ACS::ECS::SecurityGroup": "security groups",
    "ACS::EIP::EipAddress": "elastic IP addresses",
    "ACS::Elasticsearch::Instance": "Elasticsearch instances",
    "ACS::ESS::ScalingGroup": "scaling groups",
    "ACS::GPDB::DBInstance": "AnalyticDB for PostgreSQL instances",
    "ACS::KMS::Key": "KMS keys",
    "ACS::MONGODB::DBInstance": "MongoDB instances",
    "ACS::NLB::LoadBalancer": "NLB instances",
    "ACS::OSS::Bucket": "OSS buckets",
    "ACS::PAI::DLCJob": "PAI DLC jobs",
    "ACS::PAI::DSWInstance": "PAI DSW instances",
    "ACS::PAI::EASGateway": "PAI EAS gateways",
    "ACS::PAI::EASService": "PAI EAS services",
    "ACS::PAI::Workspace": "PAI workspaces",
    "ACS::POLARDB::DBCluster": "PolarDB clusters",
    "ACS::Quotas::Quota": "quotas with usage",
    "ACS::RAM::AccessKey": "AccessKeys",
    "ACS::RAM::ManagedPolicy": "custom RAM policies",
    "ACS::RAM::PasswordPolicy": "password policies",
    "ACS::RAM::Role": "RAM roles",
    "ACS::RAM::SecurityPreference": "RAM security preferences",
    "ACS::RAM::User": "RAM users",
    "ACS::RDS::DBInstance": "RDS instances",
    "ACS::REDIS::Instance": "Redis instances",
    "ACS::SLB::Listener": "CLB listeners",
    "ACS::SLB::LoadBalancer": "CLB instances",
    "ACS::SLS::Alert": "Log Service alert rules",
    "ACS::SLS::Logstore": "Log Service logstores",
    "ACS::SLS::Project": "Log Service projects",
    "ACS::ThreatDetection::Instance": "Security Center settings",
    "ACS::ThreatDetection::NoticeConfig": "Security Center notification settings",
    "ACS::ThreatDetection::VulConfig": "Security Center vulnerability settings",
    "ACS::VPC::ForwardEntry": "DNAT entries",
    "ACS::VPC::VPC": "VPCs",
}


def judged_resources(item: Check) -> str:
    """What ``item`` judges, in words: its ``applies_to``, else its resource type."""
    if item.applies_to:
        return item.applies_to
    return RESOURCE_WORDS.get(item.resource_type or "", "resources of this kind")


def not_applicable_reason(item: Check, findings: Iterable[Finding]) -> str:
    """Why ``item`` judged nothing, given the findings it returned.

    The detail of its first not-applicable finding when it left resources to
    another item, or that none of the resources it judges were found.
    """
    for finding in findings:
        if finding.status is Status.NOT_APPLICABLE and finding.detail:
            return finding.detail
    return f"No {judged_resources(item)} in the scanned regions"
