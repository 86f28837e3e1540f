"""Active PAI-DLC training jobs run attached to the customer's VPC."""

from __future__ import annotations

from .._ai import user_vpc, where
from .._details import not_returned
from ..base import Category, Finding, Package, Remediation, Severity, check
from ._dlc import ACTIVE_JOBS, JOB_TYPE, active_jobs


@check(
    id="pai-dlc-job-in-vpc",
    title="Active PAI-DLC training jobs are attached to a VPC of the account",
    category=Category.AI,
    severity=Severity.MEDIUM,
    package=Package.AI,
    description=(
        "Flags queued and running DLC training jobs without a user VPC "
        "(UserVpc.VpcId), whose traffic the account's security groups do not govern. "
        "A job listed without UserVpc is not checked."
    ),
    risk=(
        "Without a VPC, the job's access to data sources and the Internet cannot be "
        "restricted, and training data is fetched over public endpoints."
    ),
    remediation=Remediation(
        steps=(
            "Submit training jobs with a VPC, vSwitch and security group of the "
            "account, and read datasets over internal endpoints.",
        ),
        console_path=("PAI", "Deep Learning Containers (DLC)", "<job>", "Network"),
        doc_url="https://www.alibabacloud.com/help/en/pai/user-guide/create-a-training-job",
        command="aliyun pai-dlc GET /api/v1/jobs --region <region>",
    ),
    needs=("pai-dlc.jobs",),
    assets=ACTIVE_JOBS,
    references=("Security Center AI-SPM: PAI network isolation",),
    resource_type=JOB_TYPE,
)
def evaluate(inventory):
    for job in active_jobs(inventory):
        job_id = job["JobId"]
        kw = where(job, "DisplayName", JOB_TYPE)
        vpc = user_vpc(job)
        if vpc is None:
            yield not_returned(job_id, "UserVpc", **kw)
        elif vpc.get("VpcId"):
            yield Finding.passed(job_id, f"In {vpc['VpcId']}", **kw)
        else:
            yield Finding.failed(job_id, "Not attached to a VPC of the account", **kw)
