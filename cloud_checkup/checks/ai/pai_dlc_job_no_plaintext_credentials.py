"""PAI-DLC training jobs hold no credentials in environment variables."""

from __future__ import annotations

from .._ai import secret_names, where
from ..base import Category, Finding, Package, Remediation, Severity, check
from ._dlc import JOB_TYPE


@check(
    id="pai-dlc-job-no-plaintext-credentials",
    title="PAI-DLC jobs hold no API keys or passwords in environment variables",
    category=Category.AI,
    severity=Severity.HIGH,
    package=Package.AI,
    description=(
        "Reads the names (never the values) of the environment variables of each "
        "listed DLC job and flags names that denote credentials."
    ),
    risk=(
        "Job definitions stay listed long after the job ends and are readable by "
        "everyone with DLC read access in the workspace; a key in them leaks."
    ),
    remediation=Remediation(
        steps=(
            "Rotate the exposed credential.",
            "Give jobs a RAM role through the credential configuration instead of "
            "passing keys in environment variables.",
        ),
        console_path=("PAI", "Deep Learning Containers (DLC)", "<job>", "Details"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/configure-the-dlc-ram-role",
        command="aliyun pai-dlc GET /api/v1/jobs --region <region>",
    ),
    needs=("pai-dlc.jobs",),
    references=("Security Center AI assets: plaintext AI keys",),
    resource_type=JOB_TYPE,
)
def evaluate(inventory):
    for job in inventory.records("pai-dlc.jobs"):
        job_id = job["JobId"]
        kw = where(job, "DisplayName", JOB_TYPE)
        names = secret_names(job.get("Envs"))
        if names:
            text = "Credential-like variables: " + ", ".join(names)
            yield Finding.failed(job_id, text, **kw)
        else:
            yield Finding.passed(job_id, "No credential-like variable", **kw)
