"""Exceptions: failures a user has accepted, with a reason, and applying them.

An exception covers one resource of an item, the resources carrying a tag
(``env=staging``), or a whole item. A covered failing finding becomes ``excepted``; an
item whose every failing finding is covered becomes ``excepted`` and costs nothing in
the score. An exception past its expiry date covers nothing.
"""

from __future__ import annotations

import dataclasses
import getpass
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from cloud_checkup.checks.base import Finding, Status

from .model import ExceptionNote, ItemResult


class InvalidException(ValueError):
    """An exception that cannot be recorded; the message says what to correct."""


# Explicit bidirectional embeddings, overrides and isolates: printed, they reorder the
# rest of the line. Right-to-left text and its marks (U+200F) need none of them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class RecordedException:
    """An accepted failure of one account.

    Attributes:
        resource_id: the one resource covered; ``None`` with ``tag`` also ``None``
            means every resource of the item.
        tag: ``(key, value)``: covers the resources carrying exactly this tag.
        expires_on: the last day the exception applies (by the date of the scan).
        id: the store's number for it, ``None`` until stored.
    """

    account_id: str
    check_id: str
    reason: str
    created_by: str
    created_at: datetime
    resource_id: str | None = None
    tag: tuple[str, str] | None = None
    expires_on: date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        reason = (self.reason or "").strip()
        if not reason:
            raise InvalidException("An exception needs a written reason.")
        object.__setattr__(self, "reason", reason)
        if self.resource_id is not None and self.tag is not None:
            raise InvalidException("An exception covers a resource or a tag, not both.")
        if self.tag is not None and not self.tag[0]:
            raise InvalidException("The tag of an exception needs a key.")
        if not self.check_id or not self.account_id:
            raise InvalidException("An exception needs a check item and an account.")

    @property
    def scope(self) -> str:
        """What it covers, in words: ``resource i-123``, ``tag env=staging``."""
        if self.resource_id is not None:
            return f"resource {self.resource_id}"
        if self.tag is not None:
            return f"tag {self.tag[0]}={self.tag[1]}"
        return "every resource"

    def active(self, now: datetime) -> bool:
        return self.expires_on is None or now.date() <= self.expires_on

    def covers(self, check_id: str, finding: Finding) -> bool:
        if check_id != self.check_id:
            return False
        if self.resource_id is not None:
            return finding.resource_id == self.resource_id
        if self.tag is not None:
            return self.tag in finding.tags
        return True


def new_exception(
    account_id: str,
    check_id: str,
    reason: str,
    *,
    now: datetime,
    resource_id: str | None = None,
    tag: tuple[str, str] | None = None,
    expires_on: date | None = None,
) -> RecordedException:
    """An exception recorded now by the user running the app.

    Raises:
        InvalidException: no reason, or one with characters that would rewrite the
            line a terminal shows it on (see ``_check_printable``).
    """
    _check_printable(reason)
    return RecordedException(
        account_id=account_id,
        check_id=check_id,
        reason=reason,
        created_by=getpass.getuser(),
        created_at=now,
        resource_id=resource_id,
        tag=tag,
        expires_on=expires_on,
    )


def _check_printable(reason: str) -> None:
    """Refuse control characters but newlines and tabs, and bidirectional overrides:
    ``exceptions list`` prints the reason, and these would recolour, overwrite or
    reorder what the user reads there."""
    for character in reason:
        control = unicodedata.category(character) == "Cc" and character not in "\n\t"
        if control or character in _BIDI_CONTROLS:
            raise InvalidException(
                f"The reason holds the invisible character U+{ord(character):04X}; "
                "write it in plain text (lines and tabs are fine)."
            )


def check_expiry(expires_on: date | None, today: date) -> None:
    """Refuse a last day already past when recording: it would cover nothing.

    Stored exceptions past their date stay valid records (they show as expired);
    only a new one is refused. ``today`` is the date scans compare with (UTC).

    Raises:
        InvalidException: ``expires_on`` is before ``today``.
    """
    if expires_on is not None and expires_on < today:
        raise InvalidException(
            f"The expiry date {expires_on} has already passed (today is {today}, "
            "UTC): the exception would cover nothing. Give today or a later date as "
            "its last day, or no expiry date."
        )


def parse_tag(text: str) -> tuple[str, str]:
    """``"env=staging"`` -> ``("env", "staging")``; keys and values keep their case."""
    key, separator, value = text.partition("=")
    if not separator or not key.strip():
        raise InvalidException(f"A tag is written KEY=VALUE, not {text!r}.")
    return key.strip(), value.strip()


def covering_exception(
    check_id: str,
    finding: Finding,
    exceptions: Iterable[RecordedException],
    now: datetime,
) -> RecordedException | None:
    """The first active exception that covers ``finding``, for showing its reason."""
    return next(
        (e for e in exceptions if e.active(now) and e.covers(check_id, finding)), None
    )


def apply_exceptions(
    results: Iterable[ItemResult],
    exceptions: Iterable[RecordedException],
    now: datetime,
) -> list[ItemResult]:
    """The results with covered failures marked ``excepted``; the inputs are unchanged.

    The caller passes the exceptions of the scanned account.
    """
    active = [e for e in exceptions if e.active(now)]
    return [_apply(result, active, now) for result in results]


def _apply(
    result: ItemResult, active: list[RecordedException], now: datetime
) -> ItemResult:
    mine = [e for e in active if e.check_id == result.check_id]
    if not mine or result.status is not Status.FAIL:
        return result
    findings = [_except(result.check_id, f, mine, now) for f in result.findings]
    still_failing = any(f.status is Status.FAIL for f in findings)
    # A failing item without findings can only be covered by a whole-item exception.
    whole_item = [e for e in mine if e.resource_id is None and e.tag is None]
    covered = not still_failing and (bool(result.findings) or bool(whole_item))
    status = Status.EXCEPTED if covered else Status.FAIL
    used = [
        covering_exception(result.check_id, f, mine, now)
        for f in result.findings
        if f.status is Status.FAIL
    ]
    if not result.findings and covered:
        used = whole_item[:1]
    notes = tuple(_note(e) for e in dict.fromkeys(e for e in used if e is not None))
    return dataclasses.replace(
        result, status=status, findings=findings, exceptions=notes
    )


def _note(exception: RecordedException) -> ExceptionNote:
    return ExceptionNote(
        exception_id=exception.id,
        scope=exception.scope,
        reason=exception.reason,
        created_by=exception.created_by,
        created_at=exception.created_at,
        expires_on=exception.expires_on,
        resource_id=exception.resource_id,
        tag=exception.tag,
    )


def _except(
    check_id: str, finding: Finding, mine: list[RecordedException], now: datetime
) -> Finding:
    if finding.status is not Status.FAIL:
        return finding
    if covering_exception(check_id, finding, mine, now) is None:
        return finding
    return dataclasses.replace(finding, status=Status.EXCEPTED)
