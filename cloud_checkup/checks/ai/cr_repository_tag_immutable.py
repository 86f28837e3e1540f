"""Container Registry repositories keep image tags immutable."""

from __future__ import annotations

from .._fields import as_bool
from ..base import Category, Package, Remediation, Severity, check
from ._cr import INSTANCE_TYPE, repository_findings


@check(
    id="cr-repository-tag-immutable",
    title="Container Registry repositories have image tag immutability enabled",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Lists the repositories of each Container Registry instance and flags "
        "those without tag immutability (TagImmutability)."
    ),
    risk=(
        "A mutable tag lets anyone with push rights replace the image a model "
        "service runs, silently, at its next restart or scale-out."
    ),
    remediation=Remediation(
        steps=("Enable image tag immutability on the repository.",),
        console_path=(
            "Container Registry",
            "Instances",
            "<instance>",
            "Repositories",
            "<repository>",
        ),
        doc_url="https://www.alibabacloud.com/help/en/acr/user-guide/manage-image-repositories",
        command="aliyun cr ListRepository --InstanceId <id>",
    ),
    needs=("cr.instances", "cr.repositories"),
    references=("Cloud Config cr-repository-immutablity-enable",),
    resource_type=INSTANCE_TYPE,
)
def evaluate(inventory):
    # TagImmutability may arrive as a JSON boolean or as "true"/"false".
    return repository_findings(
        inventory,
        "TagImmutability",
        lambda immutable: not as_bool(immutable),
        "Mutable tags",
        "with immutable tags",
    )
