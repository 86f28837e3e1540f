"""Simple Log Service projects store their data redundantly across zones."""

from __future__ import annotations

from ..base import Category, Finding, Remediation, Severity, check

_PROJECTS = "sls.projects"


@check(
    id="sls-project-zone-redundant-storage",
    title="Log Service projects use zone-redundant storage (ZRS)",
    category=Category.RESILIENCE,
    severity=Severity.LOW,
    description=(
        "Reads each Simple Log Service project's data redundancy type (ListProject "
        "dataRedundancyType) and flags projects on locally redundant storage (LRS)."
    ),
    risk=(
        "With LRS every copy of the logs sits in one zone: a zone outage loses the "
        "audit trail and the alerts that read it exactly when an incident needs them."
    ),
    remediation=Remediation(
        steps=(
            "Create new projects with zone-redundant storage in regions that offer "
            "it; a project's redundancy type is chosen at creation.",
            "Ship audit logs (ActionTrail, flow logs) to a ZRS project.",
        ),
        console_path=("Simple Log Service", "Projects", "Create Project"),
        doc_url="https://www.alibabacloud.com/help/en/sls/user-guide/manage-a-project",
        command="aliyun sls ListProject --region <region>",
    ),
    needs=(_PROJECTS,),
    references=("Cloud Config sls-project-multi-zone",),
    resource_type="ACS::SLS::Project",
)
def evaluate(inventory):
    for project in inventory.records(_PROJECTS):
        name = str(project.get("projectName"))
        where = {"region": project.region, "name": name}
        redundancy = str(project.get("dataRedundancyType") or "").upper()
        if redundancy == "ZRS":
            yield Finding.passed(name, "Zone-redundant storage", **where)
        elif redundancy:
            yield Finding.failed(name, f"{redundancy}: all copies in one zone", **where)
        else:
            yield Finding.unknown(name, "The redundancy type was not returned", **where)
