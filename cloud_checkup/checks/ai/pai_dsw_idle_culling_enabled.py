"""Running PAI-DSW instances stop by themselves when idle."""

from __future__ import annotations

from .._ai import running, where
from .._fields import as_int, dig
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::DSWInstance"

_RUNNING = running("pai-dsw.instances")


@check(
    id="pai-dsw-idle-culling-enabled",
    title="Running PAI-DSW instances are stopped automatically when idle",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Flags running DSW notebook instances without an idle culling rule "
        "(IdleInstanceCuller) or a scheduled stop."
    ),
    risk=(
        "A forgotten GPU notebook keeps costly compute and its credentials alive, "
        "and stays reachable for as long as it runs."
    ),
    remediation=Remediation(
        steps=(
            "Enable automatic stop on idle for the instance (for example after 60 "
            "minutes below the CPU and GPU thresholds), or schedule a stop time.",
        ),
        console_path=("PAI", "Interactive Modeling (DSW)", "<instance>", "Settings"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/create-a-dsw-instance",
        command="aliyun pai-dsw GET /api/v2/instances --region <region>",
    ),
    needs=("pai-dsw.instances",),
    assets=_RUNNING,
    references=("Cloud Config idle resource detection best practices",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in _RUNNING.records(inventory):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        idle = as_int(dig(instance, "IdleInstanceCuller.MaxIdleTimeInMinutes")) or 0
        if idle > 0:
            yield Finding.passed(instance_id, f"Stops after {idle} idle minutes", **kw)
        elif dig(instance, "InstanceShutdownTimer.DueTime"):
            due = dig(instance, "InstanceShutdownTimer.DueTime")
            yield Finding.passed(instance_id, f"Scheduled to stop at {due}", **kw)
        else:
            yield Finding.failed(
                instance_id, "No idle stop and no scheduled stop", **kw
            )
