"""Every running ECS instance is watched by an enabled CloudMonitor alarm rule."""

from __future__ import annotations

from .._monitoring import ALL_RESOURCES, is_enabled, watched_resources
from ..base import Category, Finding, Remediation, Severity, check

_ECS_NAMESPACE = "acs_ecs_dashboard"


@check(
    id="cms-ecs-alarm-rule-coverage",
    title="Running ECS instances are covered by an enabled CloudMonitor alarm rule",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the CloudMonitor alarm rules and flags running ECS instances that no "
        "enabled rule of the ECS namespace watches, either by name or through a "
        "rule on all instances. Rules on application groups are not resolved to "
        "their members."
    ),
    risk=(
        "Without an alarm a full disk, a CPU at 100% or an instance that stopped "
        "answering is noticed by customers first."
    ),
    remediation=Remediation(
        steps=(
            "Create alarm rules for CPU, memory, disk usage and status of the ECS "
            "instances, on all instances or on an application group.",
            "Send the alarms to a contact group that someone reads.",
        ),
        console_path=("CloudMonitor", "Alarms", "Alarm Rules"),
        doc_url="https://www.alibabacloud.com/help/en/cms/user-guide/create-an-alert-rule",
        command=("aliyun cms DescribeMetricRuleList --Namespace acs_ecs_dashboard"),
    ),
    needs=("ecs.instances", "cms.alarm_rules"),
    references=(
        "Cloud Config ecs-instance-monitor-enabled",
        "Alibaba Cloud Well-Architected Framework: stability, monitoring and alerting",
    ),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    watched = _watched_instances(inventory.records("cms.alarm_rules"))
    for instance in inventory.records("ecs.instances"):
        if str(instance.get("Status", "")).lower() != "running":
            continue
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        if ALL_RESOURCES in watched:
            yield Finding.passed(instance_id, "A rule watches all instances", **where)
        elif instance_id in watched:
            yield Finding.passed(instance_id, "Watched by an alarm rule", **where)
        else:
            yield Finding.failed(instance_id, "No enabled alarm rule", **where)


def _watched_instances(rules):
    watched: set[str] = set()
    for rule in rules:
        if rule.get("Namespace") != _ECS_NAMESPACE or not is_enabled(rule):
            continue
        watched |= watched_resources(rule) or set()
    return watched
