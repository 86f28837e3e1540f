"""The OSS buckets the AI items judge: those whose names say they hold AI data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._ai import AI_BUCKETS, detail_or_unknown
from .._buckets import NotRead
from ..base import Finding, Inventory

BUCKET_TYPE = "ACS::OSS::Bucket"

# A bucket verdict: (passes, words for the report), or the setting that decides it
# when it could not be read.
Verdict = tuple[bool, str] | NotRead


def ai_bucket_findings(
    inventory: Inventory, judge: Callable[[Mapping[str, Any]], Verdict]
) -> Iterable[Finding]:
    """One finding per AI bucket, from ``judge`` applied to its GetBucketInfo."""
    for bucket in AI_BUCKETS.records(inventory):
        name = str(bucket["Name"])
        kw = {"region": bucket.region, "name": name, "resource_type": BUCKET_TYPE}
        info, unknown = detail_or_unknown(
            inventory, "oss.bucket_info", name, "the bucket information", **kw
        )
        if unknown or info is None:
            if unknown:
                yield unknown
            continue
        verdict = judge(info)
        if isinstance(verdict, NotRead):
            yield verdict.finding(name, **kw)
        elif verdict[0]:
            yield Finding.passed(name, verdict[1], **kw)
        else:
            yield Finding.failed(name, verdict[1], **kw)
