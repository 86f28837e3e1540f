"""ECS instances run an operating system that still gets security updates."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ..base import Category, Finding, Remediation, Severity, check

# End of standard (free) vendor support. Dates decide the verdict against the scan
# time, so the table stays right as time passes; add releases as they retire.
_END_OF_SUPPORT = (
    (r"centos(\s+linux)?\s+6\b", "CentOS 6", "2020-11-30"),
    (r"centos(\s+linux)?\s+7\b", "CentOS 7", "2024-06-30"),
    (r"centos\s+stream\s+8\b", "CentOS Stream 8", "2024-05-31"),
    (r"centos(\s+linux)?\s+8\b", "CentOS Linux 8", "2021-12-31"),
    (r"ubuntu\s+14\.04", "Ubuntu 14.04", "2019-04-30"),
    (r"ubuntu\s+16\.04", "Ubuntu 16.04", "2021-04-30"),
    (r"ubuntu\s+18\.04", "Ubuntu 18.04", "2023-05-31"),
    (r"ubuntu\s+20\.04", "Ubuntu 20.04", "2025-05-31"),
    (r"ubuntu\s+22\.04", "Ubuntu 22.04", "2027-04-30"),
    (r"debian\s+8\b", "Debian 8", "2020-06-30"),
    (r"debian\s+9\b", "Debian 9", "2022-06-30"),
    (r"debian\s+10\b", "Debian 10", "2024-06-30"),
    (r"red\s*hat.*\b6\.", "Red Hat Enterprise Linux 6", "2020-11-30"),
    (r"red\s*hat.*\b7\.", "Red Hat Enterprise Linux 7", "2024-06-30"),
    (r"(alibaba\s+cloud|aliyun)\s+linux\s+2\b", "Alibaba Cloud Linux 2", "2024-03-31"),
    (r"windows\s+server\s+2008", "Windows Server 2008", "2020-01-14"),
    (r"windows\s+server\s+2012", "Windows Server 2012", "2023-10-10"),
)
_RULES = tuple(
    (
        re.compile(pattern, re.IGNORECASE),
        name,
        datetime.fromisoformat(day).replace(tzinfo=UTC),
    )
    for pattern, name, day in _END_OF_SUPPORT
)


@check(
    id="ecs-instance-os-supported",
    title="ECS instances run an operating system still supported by its vendor",
    category=Category.STABILITY,
    severity=Severity.MEDIUM,
    description=(
        "Reads the operating system name of each ECS instance and flags those whose "
        "release has passed the end of its vendor's standard support (CentOS 6-8, "
        "Ubuntu 14.04-20.04, Debian 8-10, Alibaba Cloud Linux 2, Windows Server "
        "2008/2012, ...)."
    ),
    risk=(
        "An operating system past end of support gets no security or stability "
        "fixes; new vulnerabilities stay open and newer software stops installing."
    ),
    remediation=Remediation(
        steps=(
            "Plan a migration to a supported release (for example Alibaba Cloud "
            "Linux 3 or a current Ubuntu LTS).",
            "Rebuild the instance from a new image, or replace its system disk, "
            "after testing the application on it.",
        ),
        console_path=("ECS", "Instances", "<instance>", "Replace Operating System"),
        doc_url="https://www.alibabacloud.com/help/en/ecs/user-guide/options-for-dealing-with-centos-linux-end-of-life",
        command="aliyun ecs DescribeInstances --RegionId <region>",
    ),
    needs=("ecs.instances",),
    references=("Cloud Config ecs-instance-os-name-check",),
    resource_type="ACS::ECS::Instance",
)
def evaluate(inventory):
    for instance in inventory.records("ecs.instances"):
        instance_id = instance["InstanceId"]
        where = {"region": instance.region, "name": instance.get("InstanceName")}
        # OSName may be in Chinese ("64位"); OSNameEn is the English form.
        os_name = str(instance.get("OSNameEn") or instance.get("OSName") or "")
        if not os_name:
            yield Finding.unknown(instance_id, "The OS name was not returned", **where)
            continue
        yield _verdict(instance_id, os_name, inventory.now, where)


def _verdict(instance_id, os_name, now, where):
    for pattern, release, ends in _RULES:
        if not pattern.search(os_name):
            continue
        day = ends.date().isoformat()
        if ends <= now:
            return Finding.failed(
                instance_id, f"{release}: support ended {day}", **where
            )
        return Finding.passed(instance_id, f"{release}: supported until {day}", **where)
    return Finding.passed(instance_id, f"{os_name}: no end of support known", **where)
