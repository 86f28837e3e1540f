"""Active PAI-DLC training jobs have a maximum running time."""

from __future__ import annotations

from .._ai import where
from .._details import not_returned
from .._fields import as_int
from ..base import Category, Finding, Package, Remediation, Severity, check
from ._dlc import ACTIVE_JOBS, JOB_TYPE, active_jobs


@check(
    id="pai-dlc-job-max-running-time",
    title="Active PAI-DLC training jobs have a maximum running time",
    category=Category.AI,
    severity=Severity.LOW,
    package=Package.AI,
    description=(
        "Flags queued and running DLC jobs without a maximum running time "
        "(JobMaxRunningTimeMinutes 0). A job listed without the field is not "
        "checked."
    ),
    risk=(
        "A job that hangs or loops keeps its GPUs busy without limit, running up "
        "cost and starving other jobs of the resource quota."
    ),
    remediation=Remediation(
        steps=("Set a maximum running duration when submitting training jobs.",),
        console_path=("PAI", "Deep Learning Containers (DLC)", "Create Job"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/create-a-training-job",
        command="aliyun pai-dlc GET /api/v1/jobs --region <region>",
    ),
    needs=("pai-dlc.jobs",),
    assets=ACTIVE_JOBS,
    references=("Cloud Config idle resource detection best practices",),
    resource_type=JOB_TYPE,
)
def evaluate(inventory):
    for job in active_jobs(inventory):
        job_id = job["JobId"]
        kw = where(job, "DisplayName", JOB_TYPE)
        minutes = as_int(job.get("JobMaxRunningTimeMinutes"))
        if minutes is None:
            yield not_returned(job_id, "JobMaxRunningTimeMinutes", **kw)
        elif minutes > 0:
            yield Finding.passed(job_id, f"Stops after {minutes} minutes", **kw)
        else:
            yield Finding.failed(job_id, "No maximum running time", **kw)
