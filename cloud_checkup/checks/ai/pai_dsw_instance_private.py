"""PAI-DSW instances are visible only to their owner."""

from __future__ import annotations

from .._ai import where
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::DSWInstance"


@check(
    id="pai-dsw-instance-private",
    title="PAI-DSW instances are accessible only to their owner",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Flags DSW notebook instances whose accessibility is PUBLIC, which lets "
        "every member of the workspace open the notebook and its terminal."
    ),
    risk=(
        "Anyone in the workspace can run code as the notebook's owner, read its "
        "data and use the credentials and roles attached to it."
    ),
    remediation=Remediation(
        steps=("Set the instance's accessibility to private (the default).",),
        console_path=("PAI", "Interactive Modeling (DSW)", "<instance>", "Settings"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/create-a-dsw-instance",
        command="aliyun pai-dsw GET /api/v2/instances --region <region>",
    ),
    needs=("pai-dsw.instances",),
    references=("Security Center AI-SPM: PAI asset exposure",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("pai-dsw.instances"):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        accessibility = str(instance.get("Accessibility") or "").upper()
        if accessibility == "PUBLIC":
            text = "Accessible to every member of the workspace"
            yield Finding.failed(instance_id, text, **kw)
        else:
            # An absent field means the default, PRIVATE.
            yield Finding.passed(instance_id, "Private to its owner", **kw)
