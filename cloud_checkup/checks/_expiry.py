"""Whether a subscription resource expires soon without being renewed automatically."""

from __future__ import annotations

from datetime import datetime, timedelta

from ._fields import parse_time, time_unreadable

EXPIRY_WINDOW = timedelta(days=30)


def expiry_detail(expires_at: object, now: datetime) -> tuple[bool | None, str]:
    """(expires within the window, words for the report) for an expiry time field.

    The first value is None when the field holds a time that cannot be read: the
    resource may expire tomorrow, so it cannot pass.
    """
    if time_unreadable(expires_at):
        return None, f"The expiry time {str(expires_at)[:40]!r} is unreadable"
    expires = parse_time(expires_at)
    if expires is None:
        return False, "no expiry time"
    days = (expires - now).days
    if expires <= now:
        return True, f"expired {-days} days ago"
    return expires - now <= EXPIRY_WINDOW, f"expires in {days} days"
