"""Quota Center (quotas 2020-05-10): quotas and their usage for key products.

ListProductQuotas answers for one product code at a time, so each product is its own
collection.
"""

from __future__ import annotations

from .base import ListCollection, Paging, Scope

# Products whose quotas most often stop a scale-out or a recovery.
QUOTA_PRODUCTS = ("ecs", "vpc")

COLLECTIONS = [
    ListCollection(
        name=f"quotas.{code}",
        product="quotas",
        action="ListProductQuotas",
        items="Quotas",
        scope=Scope.GLOBAL,
        paging=Paging.NEXT_TOKEN,
        page_size=200,
        size_param="MaxResults",
        params={"ProductCode": code},
        id_field="QuotaArn",
    )
    for code in QUOTA_PRODUCTS
]
