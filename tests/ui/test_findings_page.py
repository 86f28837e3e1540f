"""What a second new user's trial found on the Findings page, its detail pane and
the dialogs it opens: missing columns, clipped text, blank tables, ambiguous dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cloud_checkup.ui.exceptions_page import ExceptionDialog

pytestmark = pytest.mark.gui


def test_the_exception_expiry_date_reads_the_same_everywhere(qapp):
    dialog = ExceptionDialog(
        "1111222233334444",
        "sg-ssh",
        "Title of sg-ssh",
        [],
        clock=lambda: datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
    )
    assert dialog.expiry_date.text() == "2027-03-04"  # three months on, ISO
