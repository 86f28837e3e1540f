"""PAI-DSW instances keep no credentials in plain environment variables."""

from __future__ import annotations

from .._ai import secret_names, where
from ..base import Category, Finding, Package, Remediation, Severity, check

_TYPE = "ACS::PAI::DSWInstance"


@check(
    id="pai-dsw-no-plaintext-credentials",
    title="PAI-DSW instances hold no API keys or passwords in environment variables",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Reads the names (never the values) of each DSW instance's environment "
        "variables and flags names that denote credentials, such as "
        "DASHSCOPE_API_KEY, HF_TOKEN or an AccessKey secret."
    ),
    risk=(
        "Environment variables are shown in the console and API to anyone who can "
        "read the instance and are copied into images saved from it; AI keys kept "
        "in plain text are a finding of Security Center's AI asset scan."
    ),
    remediation=Remediation(
        steps=(
            "Remove the credential from the environment variables and rotate it.",
            "Use the instance's RAM role (credential configuration) or KMS Secrets "
            "Manager to obtain credentials at run time.",
        ),
        console_path=("PAI", "Interactive Modeling (DSW)", "<instance>", "Settings"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/associate-a-ram-role-with-a-dsw-instance",
        command="aliyun pai-dsw GET /api/v2/instances --region <region>",
    ),
    needs=("pai-dsw.instances",),
    references=("Security Center AI assets: plaintext AI keys",),
    resource_type=_TYPE,
)
def evaluate(inventory):
    for instance in inventory.records("pai-dsw.instances"):
        instance_id = instance["InstanceId"]
        kw = where(instance, "InstanceName", _TYPE)
        names = secret_names(instance.get("EnvironmentVariables"))
        if names:
            text = "Credential-like variables: " + ", ".join(names)
            yield Finding.failed(instance_id, text, **kw)
        else:
            yield Finding.passed(instance_id, "No credential-like variable", **kw)
