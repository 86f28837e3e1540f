"""The read-only guard: every action is checked here before anything is sent.

Only configuration reads pass. A read that returns business data or secrets (object
contents, log contents, secret values) is refused as well, since the checkup never
needs them.
"""

from __future__ import annotations

from .errors import ReadOnlyViolation

READ_PREFIXES = ("Describe", "List", "Get", "Query", "Lookup", "Search")

# Reads of business data or secrets: allowed by prefix, refused by policy.
DATA_READS = frozenset(
    {
        "oss:GetObject",
        "oss:GetObjectMeta",
        "oss:ListObjects",
        "oss:ListObjectsV2",
        "oss:ListObjectVersions",
        "kms:GetSecretValue",
        "kms:GetParametersForImport",
        "kms:GetPublicKey",
        "oos:GetSecretParameter",
        "oos:GetSecretParameters",
        "oos:GetParameter",
        "sls:GetLogs",
        "sls:GetLogsV2",
        "sls:GetHistograms",
        "sls:GetCursor",
        "sls:PullLogs",
        "actiontrail:LookupEvents",
        "rds:DescribeSQLLogRecords",
        "rds:DescribeSlowLogRecords",
        "rds:DescribeBinlogFiles",
        "polardb:DescribeSQLLogRecords",
        "r-kvstore:DescribeSlowLogRecords",
        "ecs:DescribeInstanceVncUrl",
        "ecs:GetInstanceConsoleOutput",
        "ecs:GetInstanceScreenshot",
        "ecs:DescribeUserData",
        "ecs:DescribeInvocationResults",
        "sts:AssumeRole",
    }
)


def is_read(product: str, action: str) -> bool:
    if f"{product}:{action}" in DATA_READS:
        return False
    return action.startswith(READ_PREFIXES) and action[:1].isupper()


def ensure_read(product: str, action: str) -> None:
    """Raise ``ReadOnlyViolation`` unless ``product:action`` is a configuration read."""
    if not is_read(product, action):
        raise ReadOnlyViolation(
            f"{product}:{action} is not a configuration read; "
            "Cloud Health Checkup never calls it"
        )
