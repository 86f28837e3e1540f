"""Enabled alarm rules notify a contact group that has contacts in it."""

from __future__ import annotations

from .._fields import as_list, dig
from .._monitoring import contact_group_names, is_enabled
from ..base import Category, Finding, Remediation, Severity, check


@check(
    id="cms-alarm-rule-notifies-contacts",
    title="Enabled CloudMonitor alarm rules notify a contact group with contacts",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Flags enabled CloudMonitor alarm rules that name no contact group, name a "
        "group that does not exist, or name only groups without a contact."
    ),
    risk=(
        "An alarm that reaches nobody is no alarm: the incident is found by users, "
        "and the monitoring gives a false sense of safety."
    ),
    remediation=Remediation(
        steps=(
            "Create a contact group with the on-call engineers in it.",
            "Set that group on every alarm rule.",
        ),
        console_path=(
            "CloudMonitor",
            "Alarms",
            "Alarm Contacts",
            "Alarm Contact Group",
        ),
        doc_url="https://www.alibabacloud.com/help/en/cms/user-guide/create-an-alert-contact-or-an-alert-contact-group",
        command="aliyun cms DescribeContactGroupList",
    ),
    needs=("cms.alarm_rules", "cms.contact_groups"),
    references=(
        "Alibaba Cloud Well-Architected Framework: stability, monitoring and alerting",
    ),
    resource_type="ACS::CMS::AlarmRule",
)
def evaluate(inventory):
    members = {
        group.get("Name"): len(as_list(dig(group, "Contacts.Contact")))
        for group in inventory.records("cms.contact_groups")
    }
    for rule in inventory.records("cms.alarm_rules"):
        if not is_enabled(rule):
            continue
        rule_id = rule.get("RuleId") or rule.get("RuleName")
        where = {"name": rule.get("RuleName")}
        yield _verdict(rule_id, contact_group_names(rule), members, where)


def _verdict(rule_id, names, members, where):
    if not names:
        return Finding.failed(rule_id, "No contact group", **where)
    reached = [name for name in names if members.get(name)]
    if reached:
        return Finding.passed(rule_id, f"Notifies {', '.join(reached)}", **where)
    missing = [name for name in names if name not in members]
    if missing:
        return Finding.failed(
            rule_id, f"Contact group {', '.join(missing)} does not exist", **where
        )
    return Finding.failed(
        rule_id, f"Contact group {', '.join(names)} has no contact", **where
    )
