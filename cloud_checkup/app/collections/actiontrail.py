"""ActionTrail (actiontrail 2020-07-06): the trails that record API activity."""

from __future__ import annotations

from .base import ListCollection

COLLECTIONS = [
    # A multi-region trail is returned by every regional endpoint; the check keys
    # trails by home region and name.
    ListCollection(
        name="actiontrail.trails",
        product="actiontrail",
        action="DescribeTrails",
        items="TrailList",
        params={"IncludeShadowTrails": "true"},
    ),
]
