"""OSS: buckets spread over the regions, their settings and bucket policies."""

from __future__ import annotations

from typing import Any

from ._common import ACCOUNT_ID, Account, past_time
from .logs import TRAIL_BUCKET

# What buckets are named for; "models", "datasets" and "checkpoints" make AI buckets.
_PURPOSES = (
    "web-static",
    "backups",
    "logs",
    "models",
    "datasets",
    "uploads",
    "reports",
    "checkpoints",
)


def build(a: Account) -> None:
    regions = a.regions
    buckets = [
        {
            "Name": _name(n),
            "Location": f"oss-{regions[n % len(regions)]}",
            "Region": regions[n % len(regions)],
            "CreationDate": past_time(a.rng, seconds=True),
            "StorageClass": "Standard",
        }
        for n in range(a.counts["buckets"])
    ]
    a.put(
        "oss",
        "ListBuckets",
        {
            "ListAllMyBucketsResult": {
                "Owner": {"ID": ACCOUNT_ID, "DisplayName": ACCOUNT_ID},
                "Buckets": {"Bucket": buckets},
            }
        },
    )
    locations = {b["Name"]: b["Location"] for b in buckets}
    a.put_each(
        "oss",
        "GetBucketInfo",
        "bucket",
        locations,
        lambda name: _info(a, name, locations[name]),
    )
    # Buckets without a policy answer NoSuchBucketPolicy, as OSS does.
    policies = {name: _policy(a, name) for name in locations if a.chance(0.4)}
    a.put_each("oss", "GetBucketPolicy", "bucket", policies, policies.get)


def _name(n: int) -> str:
    if n == 0:
        return TRAIL_BUCKET
    return f"{_PURPOSES[n % len(_PURPOSES)]}-{n:05d}"


def _info(a: Account, name: str, location: str) -> dict[str, Any]:
    rng = a.rng
    bucket = {
        "Name": name,
        "Location": location,
        "AccessControlList": {
            "Grant": rng.choice(["private", "private", "public-read"])
        },
        "ServerSideEncryptionRule": {
            "SSEAlgorithm": rng.choice(["KMS", "AES256", "None"])
        },
        "Versioning": rng.choice(["Enabled", "Suspended"]),
        "DataRedundancyType": rng.choice(["LRS", "ZRS"]),
        "CrossRegionReplication": "Enabled" if a.chance(0.3) else "Disabled",
        "BlockPublicAccess": "true" if a.chance(0.2) else "false",
        # Access logs to the trail bucket, or off (an empty LogBucket).
        "BucketPolicy": {
            "LogBucket": TRAIL_BUCKET if a.chance(0.3) else "",
            "LogPrefix": "access/",
        },
    }
    return {"BucketInfo": {"Bucket": bucket}}


def _policy(a: Account, name: str) -> dict[str, Any]:
    """A bucket policy of one of the kinds people write: refuse plain HTTP, let
    anyone read (sometimes only from the office), or share with a partner."""
    objects = [f"acs:oss:*:{ACCOUNT_ID}:{name}/*"]
    kind = a.pick({"https": 0.5, "public": 0.2, "office": 0.15, "partner": 0.15})
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Action": ["oss:GetObject"],
        "Principal": ["*"],
        "Resource": objects,
    }
    if kind == "https":
        statement |= {
            "Effect": "Deny",
            "Action": ["oss:*"],
            "Resource": [f"acs:oss:*:{ACCOUNT_ID}:{name}", *objects],
            "Condition": {"Bool": {"acs:SecureTransport": ["false"]}},
        }
    elif kind == "office":
        statement["Condition"] = {"IpAddress": {"acs:SourceIp": ["203.0.113.0/24"]}}
    elif kind == "partner":
        statement["Principal"] = ["1509876543210987"]
    return {"Version": "1", "Statement": [statement]}
