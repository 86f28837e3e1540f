"""KMS (kms 2016-01-20): customer master keys and their rotation and protection."""

from __future__ import annotations

from .base import DetailCollection, ListCollection, Paging

_KEYS = "kms.keys"

COLLECTIONS = [
    ListCollection(
        name=_KEYS,
        product="kms",
        action="ListKeys",
        items="Keys.Key",
        paging=Paging.PAGE_NUMBER,
        page_size=100,
        size_param="PageSize",
        id_field="KeyId",
    ),
    DetailCollection(
        name="kms.key_details",
        product="kms",
        action="DescribeKey",
        parent=_KEYS,
        param="KeyId",
        parent_field="KeyId",
        items="KeyMetadata",
        absent_codes=("Forbidden.KeyNotFound",),
    ),
]
