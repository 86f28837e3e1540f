"""Exceptions cover a resource, a tag or a whole item; they persist and expire."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from store_support import ACCOUNT, fail, item, ok

from cloud_checkup.app.exceptions import (
    InvalidException,
    RecordedException,
    apply_exceptions,
    check_expiry,
    covering_exception,
    new_exception,
    parse_tag,
)
from cloud_checkup.checks.base import Status

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
SG = "ecs-security-group-no-public-remote-admin"


def _exception(**scope) -> RecordedException:
    reason = "  Staging jump host, no data  "
    return new_exception(ACCOUNT.id, SG, reason, now=NOW, **scope)


def test_a_resource_exception_excepts_that_resource_only():
    results = [item(SG, fail("sg-1"), fail("sg-2"), ok("sg-3"))]

    [after] = apply_exceptions(results, [_exception(resource_id="sg-1")], NOW)

    assert [f.status for f in after.findings] == [
        Status.EXCEPTED,
        Status.FAIL,
        Status.PASS,
    ]
    assert after.status is Status.FAIL
    assert results[0].findings[0].status is Status.FAIL  # the input is unchanged


def test_an_item_whose_every_failure_is_covered_is_excepted():
    results = [item(SG, fail("sg-1"), ok("sg-2"))]

    [after] = apply_exceptions(results, [_exception(resource_id="sg-1")], NOW)

    assert after.status is Status.EXCEPTED


def test_a_tag_exception_covers_resources_carrying_exactly_that_tag():
    results = [
        item(
            SG,
            fail("sg-1", tags={"env": "staging"}),
            fail("sg-2", tags={"env": "Staging"}),
            fail("sg-3", tags={"team": "staging"}),
        )
    ]

    [after] = apply_exceptions(results, [_exception(tag=parse_tag("env=staging"))], NOW)

    assert [f.status for f in after.findings] == [
        Status.EXCEPTED,
        Status.FAIL,
        Status.FAIL,
    ]


def test_a_whole_item_exception_covers_every_failure_of_that_item_only():
    results = [item(SG, fail("sg-1"), fail("sg-2")), item("other", fail("sg-1"))]

    after = apply_exceptions(results, [_exception()], NOW)

    assert [r.status for r in after] == [Status.EXCEPTED, Status.FAIL]


def test_an_expired_exception_does_nothing():
    exception = _exception(resource_id="sg-1", expires_on=date(2026, 12, 3))
    results = [item(SG, fail("sg-1"))]

    assert apply_exceptions(results, [exception], NOW) == results
    on_expiry_day = datetime(2026, 12, 3, 23, 0, tzinfo=UTC)
    [still] = apply_exceptions(results, [exception], on_expiry_day)
    assert still.status is Status.EXCEPTED


def test_a_reason_is_required_and_trimmed():
    assert _exception().reason == "Staging jump host, no data"
    with pytest.raises(InvalidException, match="reason"):
        new_exception(ACCOUNT.id, SG, "   ", now=NOW)


@pytest.mark.parametrize(
    "reason",
    ["ok\x1b[31m red", "bell\x07", "over\rwritten", "\u202eevil", "a\u2066b"],
    ids=["escape", "bell", "carriage-return", "right-to-left-override", "isolate"],
)
def test_a_reason_that_would_rewrite_a_terminal_line_is_refused(reason):
    # Printed by 'exceptions list', such characters recolour, overwrite or reorder
    # what the user reads.
    with pytest.raises(InvalidException, match="U\\+"):
        new_exception(ACCOUNT.id, SG, reason, now=NOW)


def test_a_reason_may_have_lines_tabs_and_right_to_left_text():
    reason = "Legacy host\n\tsee ticket 42\n\u05e9\u05dc\u05d5\u05dd \u200f(ok)"
    assert new_exception(ACCOUNT.id, SG, reason, now=NOW).reason == reason


def test_who_and_when_are_recorded(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "alice")

    exception = _exception()

    assert (exception.created_by, exception.created_at) == ("alice", NOW)


def test_a_new_exception_may_not_end_before_today():
    today = NOW.date()

    with pytest.raises(InvalidException, match="2026-12-03 has already passed"):
        check_expiry(date(2026, 12, 3), today)
    check_expiry(today, today)  # the last day may be today
    check_expiry(None, today)


def test_a_resource_and_a_tag_together_are_refused():
    with pytest.raises(InvalidException):
        _exception(resource_id="sg-1", tag=("env", "staging"))
    with pytest.raises(InvalidException):
        parse_tag("staging")


def test_exceptions_persist_and_can_be_removed(store):
    stored = store.add_exception(
        _exception(tag=("env", "staging"), expires_on=date(2027, 1, 31))
    )

    assert store.exceptions(ACCOUNT.id) == [stored]
    assert store.exceptions("another-account") == []
    assert store.remove_exception(stored.id)
    assert not store.remove_exception(stored.id)
    assert store.exceptions() == []


def test_the_covering_exception_gives_the_reason_to_show():
    exception = _exception(resource_id="sg-1")

    found = covering_exception(SG, fail("sg-1"), [exception], NOW)

    assert found.reason == "Staging jump host, no data"
    assert covering_exception(SG, fail("sg-2"), [exception], NOW) is None
