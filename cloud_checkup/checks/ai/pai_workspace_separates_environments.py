"""PAI workspaces separate development from production (standard mode)."""

from __future__ import annotations

from .._ai import where
from .._fields import as_list
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::Workspace"


@check(
    id="pai-workspace-separates-environments",
    title="PAI workspaces keep development and production environments apart",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Reads the environment types of each PAI workspace and flags workspaces in "
        "simple mode, where one environment serves both development and production."
    ),
    risk=(
        "In a single environment every developer's experiment runs with production "
        "data, resources and permissions; a mistake reaches the production models."
    ),
    remediation=Remediation(
        steps=(
            "Create the workspace in standard mode (development and production "
            "environments), or move production work to a separate workspace.",
            "Grant production permissions only to the operators who release models.",
        ),
        console_path=("PAI", "Workspaces", "<workspace>", "Details"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/workspace-overview",
        command="aliyun aiworkspace GET /api/v1/workspaces --region <region>",
    ),
    needs=("aiworkspace.workspaces",),
    references=("Security Center AI-SPM: PAI workspace configuration",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for workspace in inventory.records("aiworkspace.workspaces"):
        workspace_id = str(workspace["WorkspaceId"])
        kw = where(workspace, "WorkspaceName", _TYPE)
        env_types = {str(e).lower() for e in as_list(workspace.get("EnvTypes"))}
        if not env_types:
            yield Finding.unknown(workspace_id, "No environment types returned", **kw)
        elif {"dev", "prod"} <= env_types:
            yield Finding.passed(workspace_id, "Standard mode: dev and prod", **kw)
        else:
            text = "Simple mode: one environment (" + ", ".join(sorted(env_types))
            yield Finding.failed(workspace_id, text + ")", **kw)
