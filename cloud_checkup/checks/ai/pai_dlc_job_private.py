"""PAI-DLC training jobs are visible only to their owner."""

from __future__ import annotations

from .._ai import where
from ..base import Category, Finding, Package, Remediation, Severity, check
from ._dlc import ACTIVE_JOBS, JOB_TYPE, active_jobs


@check(
    id="pai-dlc-job-private",
    title="Active PAI-DLC training jobs are visible only to their owner",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Flags queued and running DLC jobs whose visibility (Accessibility) is "
        "PUBLIC to the whole workspace."
    ),
    risk=(
        "Every workspace member can read the job's command, data sources and "
        "logs, and reach its containers."
    ),
    remediation=Remediation(
        steps=("Submit jobs with private visibility.",),
        console_path=("PAI", "Deep Learning Containers (DLC)", "Create Job"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/create-a-training-job",
        command="aliyun pai-dlc GET /api/v1/jobs --region <region>",
    ),
    needs=("pai-dlc.jobs",),
    assets=ACTIVE_JOBS,
    references=("Security Center AI-SPM: PAI asset exposure",),
    resource_type=JOB_TYPE,
)
def evaluate(inventory):
    for job in active_jobs(inventory):
        job_id = job["JobId"]
        kw = where(job, "DisplayName", JOB_TYPE)
        if str(job.get("Accessibility") or "").upper() == "PUBLIC":
            yield Finding.failed(job_id, "Visible to the whole workspace", **kw)
        else:
            yield Finding.passed(job_id, "Private to its owner", **kw)
