"""Whether a subscription resource expires soon without being renewed automatically."""

from __future__ import annotations

from datetime import datetime, timedelta

from ._fields import parse_time

EXPIRY_WINDOW = timedelta(days=30)


def expiry_detail(expires_at: str | None, now: datetime) -> tuple[bool, str]:
    """(expires within the window, words for the report) for an expiry time field."""
    expires = parse_time(expires_at)
    if expires is None:
        return False, "no expiry time"
    days = (expires - now).days
    if expires <= now:
        return True, f"expired {-days} days ago"
    return expires - now <= EXPIRY_WINDOW, f"expires in {days} days"
