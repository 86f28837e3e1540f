"""PAI workspaces have few administrators."""

from __future__ import annotations

from .._ai import detail_or_unknown, listed_fully, where
from .._fields import as_list
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::Workspace"
_ADMIN_ROLES = frozenset({"pai.workspaceadmin", "pai.workspaceowner"})
MAX_ADMINISTRATORS = 3


@check(
    id="pai-workspace-few-administrators",
    title=f"PAI workspaces have at most {MAX_ADMINISTRATORS} administrators",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Lists the members of each PAI workspace and counts those holding the "
        "workspace administrator or owner role."
    ),
    risk=(
        "Administrators can read every dataset and model of the workspace, change "
        "its resources and add members; each extra one widens the blast radius of a "
        "stolen login."
    ),
    remediation=Remediation(
        steps=(
            "Give developers the algorithm developer role instead of administrator.",
            "Keep two or three named administrators per workspace.",
        ),
        console_path=("PAI", "Workspaces", "<workspace>", "Members"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/manage-members-of-the-workspace",
        command="aliyun aiworkspace GET /api/v1/workspaces/<id>/members",
    ),
    needs=("aiworkspace.workspaces", "aiworkspace.members"),
    references=("Security Center AI-SPM: PAI workspace permissions",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for workspace in inventory.records("aiworkspace.workspaces"):
        workspace_id = str(workspace["WorkspaceId"])
        kw = where(workspace, "WorkspaceName", _TYPE)
        body, unknown = detail_or_unknown(
            inventory, "aiworkspace.members", workspace_id, "the members", **kw
        )
        if unknown:
            yield unknown
            continue
        if body is None:
            continue
        members = as_list(body.get("Members"))
        admins = sorted(
            str(m.get("DisplayName") or m.get("MemberName") or m.get("UserId"))
            for m in members
            if {str(r).lower() for r in as_list(m.get("Roles"))} & _ADMIN_ROLES
        )
        if len(admins) > MAX_ADMINISTRATORS:
            text = f"{len(admins)} administrators: " + ", ".join(admins)
            yield Finding.failed(workspace_id, text, **kw)
        elif not listed_fully(body, members):
            yield Finding.unknown(
                workspace_id, "Only part of the member list was returned", **kw
            )
        else:
            yield Finding.passed(workspace_id, f"{len(admins)} administrators", **kw)
