"""Which KMS keys an item looks at: enabled keys this account created and manages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._resources import detail_findings
from ..base import Finding, Inventory

# Keys of these specs are symmetric; only they rotate automatically.
SYMMETRIC_SPECS = frozenset({"aliyun_aes_256", "aliyun_sm4"})


def key_findings(
    inventory: Inventory,
    verdict: Callable[[str, Mapping[str, Any], dict[str, Any]], Finding | None],
) -> Iterable[Finding]:
    """One finding per enabled customer-managed key, from ``DescribeKey``."""

    def decide(key_id, key, metadata, where):
        if metadata is None or not _customer_managed(metadata):
            return None
        return verdict(key_id, metadata, where)

    return detail_findings(
        inventory,
        "kms.keys",
        "kms.key_details",
        id_field="KeyId",
        what="the key's metadata",
        verdict=decide,
        where=lambda key: {"region": key.region},
    )


def _customer_managed(metadata: Mapping[str, Any]) -> bool:
    # Keys created by a cloud service (Creator "Oss", "Ecs", ...) are managed by that
    # service; customer keys name the creating account. Keys being deleted are past
    # saving.
    creator = str(metadata.get("Creator") or "").strip()
    enabled = str(metadata.get("KeyState", "")).lower() == "enabled"
    return enabled and (not creator or creator.isdigit())
