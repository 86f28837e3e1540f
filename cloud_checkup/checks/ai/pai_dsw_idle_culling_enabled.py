"""Running PAI-DSW instances stop by themselves when idle."""

from __future__ import annotations

from .._ai import running, where
from .._details import not_returned
from .._fields import as_int, dig
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::DSWInstance"
_IDLE_MINUTES = "IdleInstanceCuller.MaxIdleTimeInMinutes"
_DUE_TIME = "InstanceShutdownTimer.DueTime"

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
        kw = where(instance, "InstanceName", _TYPE)
        yield _verdict(instance["InstanceId"], instance, kw)


def _verdict(instance_id, instance, kw):
    """Either stop passes the notebook; it fails only when the answer shows both
    off (no idle minutes, an empty stop time), since either one left out could be
    the one that stops it."""
    idle = as_int(dig(instance, _IDLE_MINUTES))
    due = dig(instance, _DUE_TIME)
    if idle is not None and idle > 0:
        return Finding.passed(instance_id, f"Stops after {idle} idle minutes", **kw)
    if due:
        return Finding.passed(instance_id, f"Scheduled to stop at {due}", **kw)
    unsaid = [
        name
        for name, value in ((_IDLE_MINUTES, idle), (_DUE_TIME, due))
        if value is None
    ]
    if unsaid:
        return not_returned(instance_id, *unsaid, **kw)
    return Finding.failed(instance_id, "No idle stop and no scheduled stop", **kw)
