"""What a second new user's trial found on the Findings page, its detail pane and
the dialogs it opens: missing columns, clipped text, blank tables, ambiguous dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from cloud_checkup.ui.exceptions_page import ExceptionDialog
from cloud_checkup.ui.models import Top10Column

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


@pytest.mark.parametrize(
    "name",
    ["findingsView", "resourcesView", "top10View", "exceptionsView", "profilesView"],
)
def test_column_titles_sit_over_their_left_aligned_cells(fake_window, name):
    (view,) = fake_window.findChildren(QTableView, name)
    alignment = view.horizontalHeader().defaultAlignment()
    assert alignment & Qt.AlignmentFlag.AlignLeft


def test_the_top10_rank_title_stays_over_its_centred_ranks(fake_window):
    model = fake_window.checkup_page.top10_model
    alignment = Qt.ItemDataRole.TextAlignmentRole
    rank = model.headerData(Top10Column.RANK, Qt.Orientation.Horizontal, alignment)
    assert rank == model.index(0, Top10Column.RANK).data(alignment)
