"""No ECS instance has a scheduled system event waiting for action."""

from __future__ import annotations

from .._fields import as_list, dig
from ..base import Category, Finding, Remediation, Severity, check

# Event cycle states in which the event has not happened or finished yet.
_PENDING_STATES = frozenset({"scheduled", "executing", "inquiring"})


@check(
    id="ecs-no-pending-system-events",
    title="No ECS instance has a pending scheduled system event",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the full status of each ECS instance and flags instances with a "
        "system event (maintenance reboot, redeployment, retirement) that is "
        "scheduled or under way."
    ),
    risk=(
        "Alibaba Cloud will restart or redeploy the instance at the announced time "
        "if nobody acts first; the service goes down at a moment you did not choose."
    ),
    remediation=Remediation(
        steps=(
            "Open the event in the ECS console and read its type and deadline.",
            "Handle it in your own maintenance window (restart or redeploy the "
            "instance) before the deadline, after moving traffic away.",
        ),
        console_path=("ECS", "Events", "Scheduled Events"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/overview-of-ecs-system-events",
        command="aliyun ecs DescribeInstancesFullStatus --RegionId <region>",
    ),
    needs=("ecs.instance_full_status",),
    references=("Cloud Config ecs-instance-status-no-stopped",),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for status in inventory.records("ecs.instance_full_status"):
        instance_id = status["InstanceId"]
        pending = _pending_events(status)
        if pending:
            yield Finding.failed(instance_id, "; ".join(pending), region=status.region)
        else:
            yield Finding.passed(
                instance_id, "No pending system event", region=status.region
            )


def _pending_events(status):
    events = as_list(dig(status, "ScheduledSystemEventSet.ScheduledSystemEventType"))
    pending = []
    for event in events:
        state = str(dig(event, "EventCycleStatus.Name", "")).lower()
        if state in _PENDING_STATES:
            kind = dig(event, "EventType.Name", "system event")
            pending.append(f"{kind} {state}, not before {event.get('NotBefore', '?')}")
    return pending
