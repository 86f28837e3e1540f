"""An ActionTrail trail records every event in every region."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check

_ACCOUNT = "actiontrail"


@check(
    id="actiontrail-multi-region-logging",
    title="An enabled ActionTrail trail records read and write events in all regions",
    category=Category.INFRASTRUCTURE,
    severity=Severity.HIGH,
    description=(
        "Looks for at least one trail that applies to all regions, records both read "
        "and write events and is enabled, delivering to OSS or Simple Log Service."
    ),
    risk=(
        "Without a complete trail there is no record of who changed what; an "
        "incident cannot be investigated and deletions cannot be traced."
    ),
    remediation=Remediation(
        steps=(
            "In ActionTrail, create a trail that applies to all regions and records "
            "all event types.",
            "Deliver it to Simple Log Service or an OSS bucket that is not public.",
            "Make sure logging is started.",
        ),
        console_path=("ActionTrail", "Trails", "Create Trail"),
        doc_url="https://www.alibabacloud.com/help/en/actiontrail/user-guide/create-a-single-account-trail",
        command="aliyun actiontrail DescribeTrails --RegionId <region>",
    ),
    needs=("actiontrail.trails",),
    references=(
        "CIS 2.0.0 2.1",
        "Cloud Config actiontrail-enabled",
        "Cloud Config actiontrail-trail-intact-enabled",
    ),
    top10=8,
    resource_type="ACS::ActionTrail::Trail",
)
def evaluate(inventory):
    # A multi-region trail is returned by every region: keep one copy of each.
    trails = {}
    for trail in inventory.records("actiontrail.trails"):
        trails.setdefault((trail.get("HomeRegion"), trail.get("Name")), trail)
    complete = [t for t in trails.values() if _is_complete(t)]
    if complete:
        names = ", ".join(sorted(str(t.get("Name")) for t in complete))
        return [Finding.passed(_ACCOUNT, f"Complete trail(s): {names}", name=names)]
    if trails:
        detail = "; ".join(_gap(t) for t in trails.values())
        return [Finding.failed(_ACCOUNT, detail)]
    return [Finding.failed(_ACCOUNT, "The account has no ActionTrail trail")]


def _is_complete(trail):
    return not _missing(trail)


def _missing(trail):
    missing = []
    if str(trail.get("TrailRegion", "")).lower() != "all":
        missing.append("not all regions")
    if str(trail.get("EventRW", "")).lower() != "all":
        missing.append(f"records {trail.get('EventRW') or 'no'} events only")
    if str(trail.get("Status", "")).lower() != "enable":
        missing.append("logging is off")
    if not (trail.get("OssBucketName") or trail.get("SlsProjectArn")):
        missing.append("no delivery target")
    return missing


def _gap(trail):
    return f"trail {trail.get('Name')}: " + ", ".join(_missing(trail))
