"""Billing (bssopenapi 2017-12-14): subscription instances of every product."""

from __future__ import annotations

from .base import ListCollection, Paging, Scope

COLLECTIONS = [
    ListCollection(
        name="bss.subscriptions",
        product="bssopenapi",
        action="QueryAvailableInstances",
        items="Data.InstanceList",
        scope=Scope.GLOBAL,
        paging=Paging.PAGE_NUMBER,
        page_size=300,
        size_param="PageSize",
        page_param="PageNum",
        params={"SubscriptionType": "Subscription"},
        id_field="InstanceID",
    ),
]
