"""Whether an ECS instance's metadata service answers without a session token."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._details import not_returned
from .base import Finding


def metadata_token_finding(
    instance_id: str, instance: Mapping[str, Any], **kw: Any
) -> Finding:
    """The verdict on the instance's ``MetadataOptions`` (DescribeInstances).

    A disabled metadata service (HttpEndpoint disabled) or one that requires a token
    (HttpTokens required, IMDSv2) passes; HttpTokens optional fails. Options, or an
    HttpTokens, left out of the answer are not the same as "optional".
    """
    options = instance.get("MetadataOptions")
    if not isinstance(options, Mapping):
        return not_returned(instance_id, "MetadataOptions", **kw)
    if str(options.get("HttpEndpoint") or "").lower() == "disabled":
        return Finding.passed(instance_id, "Metadata service is off", **kw)
    tokens = str(options.get("HttpTokens") or "")
    if not tokens:
        return not_returned(instance_id, "MetadataOptions.HttpTokens", **kw)
    if tokens.lower() == "required":
        return Finding.passed(instance_id, "Tokens required (IMDSv2)", **kw)
    text = f"Metadata answers without a token (HttpTokens {tokens})"
    return Finding.failed(instance_id, text, **kw)
