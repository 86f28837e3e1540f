"""Container Registry repositories are private."""

from __future__ import annotations

from ..base import Category, Package, Remediation, Severity, check
from ._cr import INSTANCE_TYPE, repository_findings


@check(
    id="cr-repository-private",
    title="Container Registry repositories are private",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Lists the repositories of each Container Registry instance and flags "
        "repositories of type PUBLIC, whose images anyone can pull."
    ),
    risk=(
        "Images of inference and training services contain model weights, code "
        "and often credentials baked into layers; a public repository gives them "
        "away."
    ),
    remediation=Remediation(
        steps=("Change the repository type to private.",),
        console_path=("Container Registry", "Instances", "<instance>", "Repositories"),
        doc_url="https://www.alibabacloud.com/help/en/acr/user-guide/manage-image-repositories",
        command="aliyun cr ListRepository --InstanceId <id>",
    ),
    needs=("cr.instances", "cr.repositories"),
    references=("Cloud Config cr-repository-type-private",),
    resource_type=INSTANCE_TYPE,
)
def evaluate(inventory):
    return repository_findings(
        inventory,
        "RepoType",
        _is_public,
        "Public repositories",
        "all private",
    )


def _is_public(repo_type):
    """True for PUBLIC, False for PRIVATE, in any case; None for anything else."""
    return {"PUBLIC": True, "PRIVATE": False}.get(str(repo_type).strip().upper())
