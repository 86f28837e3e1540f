"""PAI-DSW notebook instances are not reachable from the Internet."""

from __future__ import annotations

from .._fields import as_bool, as_list, dig
from ..base import Category, Finding, Package, Remediation, Severity, check


@check(
    id="pai-dsw-no-internet-access",
    title="PAI-DSW instances do not expose SSH or other ports to the Internet",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Reads the port forwarding of each DSW notebook instance and flags "
        "instances with an enabled forward (such as SSH) that is reachable from the "
        "Internet through an EIP, a NAT gateway or a public endpoint."
    ),
    risk=(
        "A notebook holds training data, model weights and often cloud credentials; "
        "an Internet-facing SSH port on it invites brute force and data theft."
    ),
    remediation=Remediation(
        steps=(
            "Disable the public access of the forward in the instance's network "
            "settings, or remove the EIP/NAT entry.",
            "Reach the notebook through the PAI console, or over a VPN or bastion "
            "host inside the VPC.",
        ),
        console_path=("PAI", "Interactive Modeling (DSW)", "<instance>", "Network"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/connect-to-a-dsw-instance-over-ssh",
        command="aliyun pai-dsw GET /api/v2/instances --region <region>",
    ),
    needs=("pai-dsw.instances",),
    references=("Security Center AI-SPM: PAI asset exposure",),
    resource_type="ACS::PAI::DSWInstance",
)
def evaluate(inventory):
    for instance in inventory.records("pai-dsw.instances"):
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        exposed = _public_forwards(instance)
        if exposed:
            text = "Reachable from the Internet: " + ", ".join(exposed)
            yield Finding.failed(instance_id, text, **where)
        else:
            yield Finding.passed(
                instance_id, "No forward reachable from the Internet", **where
            )


def _public_forwards(instance):
    exposed = []
    for forward in as_list(dig(instance, "UserVpc.ForwardInfos")):
        if as_bool(forward.get("Enable")) is False:
            continue
        if _is_public(forward):
            exposed.append(
                f"{forward.get('Name') or 'forward'} port {forward.get('ForwardPort')}"
            )
    return exposed


def _is_public(forward):
    access = {str(a).upper() for a in as_list(forward.get("AccessType"))}
    return bool(
        "PUBLIC" in access
        or forward.get("EipAllocationId")
        or dig(forward, "ConnectInfo.Internet.Endpoint")
    )
