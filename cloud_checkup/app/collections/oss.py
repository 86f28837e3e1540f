"""OSS: buckets and each bucket's configuration (ACL, encryption, versioning)."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging, Scope

_BUCKETS = "oss.buckets"

COLLECTIONS = [
    ListCollection(
        name=_BUCKETS,
        product="oss",
        action="ListBuckets",
        items="ListAllMyBucketsResult.Buckets.Bucket",
        scope=Scope.GLOBAL,
        paging=Paging.OSS_MARKER,
        page_size=1000,
        size_param="max-keys",
        id_field="Name",
    ),
    DetailCollection(
        name="oss.bucket_info",
        product="oss",
        action="GetBucketInfo",
        parent=_BUCKETS,
        param="bucket",
        parent_field="Name",
        items="BucketInfo.Bucket",
        absent_codes=("NoSuchBucket",),
    ),
]
