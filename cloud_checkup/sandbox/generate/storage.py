"""OSS: buckets spread over the regions, and their settings."""

from __future__ import annotations

from typing import Any

from ._common import ACCOUNT_ID, Account, past_time


def build(a: Account) -> None:
    regions = a.regions
    buckets = [
        {
            "Name": f"bucket-{n:05d}",
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
        "BlockPublicAccess": "false",
    }
    return {"BucketInfo": {"Bucket": bucket}}
