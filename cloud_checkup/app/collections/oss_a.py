"""OSS: each bucket's bucket policy (a JSON document, absent on most buckets)."""

from __future__ import annotations

from .base import DetailCollection

COLLECTIONS = [
    DetailCollection(
        name="oss.bucket_policies",
        product="oss",
        action="GetBucketPolicy",
        parent="oss.buckets",
        param="bucket",
        parent_field="Name",
        items=None,
        absent_codes=("NoSuchBucketPolicy",),
    ),
]
