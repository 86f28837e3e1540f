"""PAI-DSW instances run attached to the customer's own VPC."""

from __future__ import annotations

from .._ai import user_vpc, where
from .._details import not_returned
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::DSWInstance"


@check(
    id="pai-dsw-instance-in-vpc",
    title="PAI-DSW instances are attached to a VPC with a security group",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Flags DSW notebook instances without a user VPC and security group "
        "(UserVpc), whose network access the account cannot control. An instance "
        "listed without UserVpc is not checked."
    ),
    risk=(
        "Without a VPC and a security group, neither inbound nor outbound traffic "
        "of the notebook can be restricted or logged by the account."
    ),
    remediation=Remediation(
        steps=(
            "Recreate or reconfigure the instance with a VPC, vSwitch and security "
            "group of the account, and reach data over internal endpoints.",
        ),
        console_path=("PAI", "Interactive Modeling (DSW)", "<instance>", "Network"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/create-a-dsw-instance",
        command="aliyun pai-dsw GET /api/v2/instances --region <region>",
    ),
    needs=("pai-dsw.instances",),
    references=("Security Center AI-SPM: PAI network isolation",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("pai-dsw.instances"):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        settings = user_vpc(instance)
        if settings is None:
            yield not_returned(instance_id, "UserVpc", **kw)
            continue
        vpc, group = settings.get("VpcId"), settings.get("SecurityGroupId")
        if vpc and group:
            yield Finding.passed(instance_id, f"In {vpc} behind {group}", **kw)
        elif vpc:
            yield Finding.failed(
                instance_id, f"In {vpc} without a security group", **kw
            )
        else:
            yield Finding.failed(
                instance_id, "Not attached to a VPC of the account", **kw
            )
