"""A small catalogue and scan with every item status, hostile cloud text included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cloud_checkup.app.model import Account, ItemResult, ScanResult
from cloud_checkup.app.score import compute_score
from cloud_checkup.checks.base import (
    Category,
    Check,
    Finding,
    Remediation,
    Severity,
    Status,
)

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_ATTRIBUTE = '" onmouseover="alert(2)'
HOSTILE_LINK = "javascript:alert(3)"
SG_DOC = "https://www.alibabacloud.com/help/en/ecs/user-guide/security-groups"
ACCOUNT = Account(
    "1234567890123456", "demo-shop", "acs:ram::1234567890123456:user/audit"
)
STARTED = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def _no_findings(inventory):
    return []


def _check(check_id, category, severity, *, top10=None, doc_url=SG_DOC, **extra):
    return Check(
        id=check_id,
        title=f"Title of {check_id}",
        category=category,
        severity=severity,
        description=f"What {check_id} checks.",
        risk=f"Why {check_id} matters.",
        remediation=Remediation(
            steps=(f"Fix {check_id} step one.", "Step two."),
            console_path=("ECS console", "Network & Security", "Security Groups"),
            doc_url=doc_url,
            command=extra.pop("command", None),
        ),
        needs=(),
        evaluate=_no_findings,
        top10=top10,
        references=("CIS Alibaba Cloud Foundation 2.0.0 4.1",),
        **extra,
    )


def make_catalogue() -> dict[str, Check]:
    checks = [
        _check("ram-root-no-accesskey", Category.IDENTITY, Severity.HIGH, top10=1),
        _check(
            "ecs-sg-no-open-admin-ports",
            Category.INFRASTRUCTURE,
            Severity.HIGH,
            top10=2,
            command="aliyun ecs DescribeSecurityGroupAttribute --SecurityGroupId <id>",
        ),
        _check("ram-user-mfa", Category.IDENTITY, Severity.MEDIUM, top10=3),
        _check("oss-bucket-no-public-read", Category.INFRASTRUCTURE, Severity.HIGH),
        _check(
            "rds-multi-zone",
            Category.RESILIENCE,
            Severity.LOW,
            doc_url="javascript:alert(4)",
        ),
        _check("slb-health-check", Category.STABILITY, Severity.MEDIUM),
        _check(
            "actiontrail-multi-region", Category.INFRASTRUCTURE, Severity.HIGH, top10=4
        ),
    ]
    return {c.id: c for c in checks}


def _results() -> list[ItemResult]:
    return [
        ItemResult(
            "ram-root-no-accesskey",
            Status.PASS,
            findings=[Finding.passed("1234567890123456", "The root account has none.")],
        ),
        ItemResult(
            "ecs-sg-no-open-admin-ports",
            Status.FAIL,
            findings=[
                Finding.failed(
                    "sg-bp1open22",
                    "Port 22 is open to 0.0.0.0/0.",
                    region="cn-hangzhou",
                    name=HOSTILE_NAME,
                    resource_type="ACS::ECS::SecurityGroup",
                ),
                Finding.failed(
                    "sg-bp2open3389",
                    HOSTILE_LINK,
                    region="ap-southeast-1",
                    name=HOSTILE_ATTRIBUTE,
                ),
                Finding.failed(
                    "sg-bp3chinese", "Port 3306 is open to ::/0.", name="生产-数据库"
                ),
                Finding.passed("sg-bp4closed", "No rule opens 22 or 3389."),
            ],
        ),
        ItemResult(
            "ram-user-mfa",
            Status.NOT_CHECKED,
            reason="Permission denied: ram:ListUsers",
            missing_actions=("ram:ListUsers", "ram:GetLoginProfile"),
        ),
        ItemResult(
            "oss-bucket-no-public-read",
            Status.EXCEPTED,
            findings=[
                Finding(
                    "static-site",
                    Status.EXCEPTED,
                    "Public website bucket; accepted by ops on 2026-11-01.",
                    region="cn-hangzhou",
                )
            ],
        ),
        ItemResult("rds-multi-zone", Status.NOT_APPLICABLE),
        ItemResult(
            "slb-health-check",
            Status.FAIL,
            findings=[
                Finding.failed(
                    "lb-formula",
                    '=HYPERLINK("http://evil.example","x")',
                    region="cn-hangzhou",
                    name="+cmd",
                )
            ],
        ),
        ItemResult(
            "legacy-removed-check",
            Status.FAIL,
            reason=None,
            findings=[
                Finding.failed("i-legacy1", "An old verdict.", region="cn-beijing")
            ],
        ),
    ]


def make_scan(catalogue: dict[str, Check]) -> ScanResult:
    results = _results()
    return ScanResult(
        scan_id="scan-2",
        account=ACCOUNT,
        started_at=STARTED,
        finished_at=STARTED + timedelta(minutes=2, seconds=13),
        packages=["standard"],
        regions=["cn-hangzhou", "ap-southeast-1", "cn-beijing"],
        results=results,
        score=compute_score(results, catalogue),
        api_calls=87,
        tool_version="0.1.0",
    )


def make_previous() -> ScanResult:
    """The scan before: root had an AccessKey, another SG failed, the SLB passed."""
    results = [
        ItemResult(
            "ram-root-no-accesskey",
            Status.FAIL,
            findings=[Finding.failed("1234567890123456", "The root account has one.")],
        ),
        ItemResult(
            "ecs-sg-no-open-admin-ports",
            Status.FAIL,
            findings=[
                Finding.failed(
                    "sg-bp1open22", "Port 22 is open.", region="cn-hangzhou"
                ),
                Finding.failed("sg-gone", "Port 22 is open.", region="cn-hangzhou"),
            ],
        ),
        ItemResult("slb-health-check", Status.PASS),
        ItemResult(
            "oss-bucket-no-public-read",
            Status.FAIL,
            findings=[Finding.failed("static-site", "Public.", region="cn-hangzhou")],
        ),
    ]
    return ScanResult(
        scan_id="scan-1",
        account=ACCOUNT,
        started_at=STARTED - timedelta(days=7),
        finished_at=STARTED - timedelta(days=7) + timedelta(minutes=2),
        packages=["standard"],
        regions=["cn-hangzhou"],
        results=results,
    )


@pytest.fixture
def catalogue() -> dict[str, Check]:
    return make_catalogue()


@pytest.fixture
def scan(catalogue) -> ScanResult:
    return make_scan(catalogue)


@pytest.fixture
def previous() -> ScanResult:
    return make_previous()
