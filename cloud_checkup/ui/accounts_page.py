"""The Accounts page: account profiles, their last test, and the permissions to grant.

Profiles are read and written through ``ProfileStore``, whose keyring calls run off
the GUI thread; the page only starts that work and shows its outcome.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.connection import ConnectionResult
from cloud_checkup.app.credential_sources import ExistingSetup, import_setup
from cloud_checkup.app.profiles import Profile, ProfileError, ProfileSecrets
from cloud_checkup.app.secrets import KeyringUnavailable
from cloud_checkup.checks.base import Check, Package, Severity, Status

from . import presentation
from .models import AnyIndex, RowsModel
from .profile_dialogs import (
    ImportSetupDialog,
    PermissionsDialog,
    ProfileDialog,
    connection_text,
)
from .services import WindowServices
from .tasks import TaskRunner
from .widgets import align_headers_with_cells, ask, heading, mute, show_error, tint

log = logging.getLogger(__name__)

PROFILE_ROLE = Qt.ItemDataRole.UserRole + 1


class ProfilesColumn(enum.IntEnum):
    NAME = 0
    CREDENTIAL = 1
    KEY = 2
    LAST_TEST = 3


class ProfilesModel(RowsModel):
    """The account profiles with their credential type and last test result."""

    columns = ProfilesColumn

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tests: dict[str, ConnectionResult] = {}

    def set_profiles(self, profiles: Sequence[Profile]) -> None:
        self._set_rows(sorted(profiles, key=lambda p: p.name.casefold()))

    def set_test_result(self, result: ConnectionResult) -> None:
        self._tests[result.profile_name] = result
        for row, profile in enumerate(self._rows):
            if profile.name == result.profile_name:
                last = len(ProfilesColumn) - 1
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def forget_test(self, name: str) -> None:
        self._tests.pop(name, None)

    def test_result(self, name: str) -> ConnectionResult | None:
        return self._tests.get(name)

    def profile(self, row: int) -> Profile:
        return self._rows[row]

    def profiles(self) -> list[Profile]:
        return list(self._rows)

    def row_of(self, name: str) -> int | None:
        names = [p.name for p in self._rows]
        return names.index(name) if name in names else None

    def headers(self) -> dict[enum.IntEnum, str]:
        return {
            ProfilesColumn.NAME: self.tr("Profile"),
            ProfilesColumn.CREDENTIAL: self.tr("Credential type"),
            ProfilesColumn.KEY: self.tr("AccessKey ID or role"),
            ProfilesColumn.LAST_TEST: self.tr("Last test"),
        }

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        profile = self._row_at(index)
        if profile is None:
            return None
        column = ProfilesColumn(index.column())
        test = self._tests.get(profile.name)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(profile, column, test)
        if column is not ProfilesColumn.LAST_TEST or test is None:
            return profile if role == PROFILE_ROLE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return test.message
        if role == Qt.ItemDataRole.DecorationRole:
            healthy = test.ok and not test.warning
            return presentation.status_icon(Status.PASS if healthy else Status.FAIL)
        if role == PROFILE_ROLE:
            return profile
        return None

    def _display(
        self, profile: Profile, column: ProfilesColumn, test: ConnectionResult | None
    ) -> str:
        if column is ProfilesColumn.NAME:
            return profile.name
        if column is ProfilesColumn.CREDENTIAL:
            return self.tr(profile.type_name)
        if column is ProfilesColumn.KEY:
            return (
                profile.access_key_id
                or profile.role_arn
                or profile.role_name
                or profile.source_profile
                or ""
            )
        if test is None:
            return self.tr("Not tested")
        if not test.ok:
            return self.tr("Failed: {message}").format(message=test.message)
        return connection_text(test)


class AccountsPage(QWidget):
    """Add, edit, test and remove account profiles; show the RAM policy to attach.

    Signals:
        profilesChanged(object): the profiles as now saved (a ``list[Profile]``).
        policyCopied(): the required-permissions policy went to the clipboard.
    """

    profilesChanged = Signal(object)  # noqa: N815 - Qt signal naming
    policyCopied = Signal()  # noqa: N815 - Qt signal naming

    def __init__(
        self,
        services: WindowServices,
        catalogue: Mapping[str, Check],
        packages: Callable[[], frozenset[Package]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._catalogue = catalogue
        self._packages = packages
        self.tasks = TaskRunner(self)
        self.dialog: ProfileDialog | ImportSetupDialog | PermissionsDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading(self.tr("Accounts"), parent=self))
        intro = mute(
            QLabel(
                self.tr(
                    "Each profile is one Alibaba Cloud account and the credential "
                    "used to read it. Secrets stay in the system keyring."
                ),
                self,
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self._build_table(), 1)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("testResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout.addWidget(self.result_label)
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("rootWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.warning_label.setMargin(8)
        tint(self.warning_label, presentation.SEVERITY_COLOURS[Severity.HIGH])
        self.warning_label.hide()
        layout.addWidget(self.warning_label)
        self._update_buttons()

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.import_button = QPushButton(self.tr("Import existing set-up…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.test_button = QPushButton(self.tr("Test"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.permissions_button = QPushButton(self.tr("Required permissions…"), self)
        for button, slot in (
            (self.add_button, self.add_profile),
            (self.import_button, self.import_existing),
            (self.edit_button, self.edit_profile),
            (self.test_button, self.test_profile),
            (self.remove_button, self.remove_profile),
            (self.permissions_button, self.show_permissions),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.insertStretch(5, 1)
        return row

    def _build_table(self) -> QTableView:
        self.model = ProfilesModel(self)
        view = QTableView(self)
        view.setObjectName("profilesView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.verticalHeader().hide()
        align_headers_with_cells(view)
        header = view.horizontalHeader()
        for column in ProfilesColumn:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            ProfilesColumn.LAST_TEST, QHeaderView.ResizeMode.Stretch
        )
        view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        view.doubleClicked.connect(lambda _: self.edit_profile())
        self.table = view
        return view

    # Loading

    def reload(self) -> None:
        """Read the profiles file again (off the GUI thread) and show it."""
        self.tasks.run(
            self._services.profiles.list(), self._show_profiles, self._show_failure
        )

    def _show_profiles(self, profiles: list[Profile]) -> None:
        selected = self.selected_profile()
        self.model.set_profiles(profiles)
        if selected is not None:
            self.select(selected.name)
        self._update_buttons()
        self.profilesChanged.emit(self.model.profiles())

    def selected_profile(self) -> Profile | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(PROFILE_ROLE) if rows else None

    def select(self, name: str) -> None:
        row = self.model.row_of(name)
        if row is not None:
            self.table.selectRow(row)

    def _on_selection_changed(self, *_: Any) -> None:
        self._update_buttons()
        profile = self.selected_profile()
        result = self.model.test_result(profile.name) if profile else None
        self._show_result(result)

    def _update_buttons(self) -> None:
        chosen = self.selected_profile() is not None
        for button in (self.edit_button, self.test_button, self.remove_button):
            button.setEnabled(chosen)

    # Add and edit

    def add_profile(self) -> None:
        self._open_profile_dialog(None)

    def edit_profile(self) -> None:
        profile = self.selected_profile()
        if profile is not None:
            self._open_profile_dialog(profile)

    def _open_profile_dialog(self, profile: Profile | None) -> None:
        dialog = ProfileDialog(profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saveRequested.connect(
            lambda new, secrets: self._save(dialog, profile, new, secrets)
        )
        dialog.testRequested.connect(
            lambda new, secrets: self._test_in_dialog(dialog, new, secrets)
        )
        self.dialog = dialog
        dialog.open()

    def _save(
        self,
        dialog: ProfileDialog,
        old: Profile | None,
        new: Profile,
        secrets: ProfileSecrets | None,
    ) -> None:
        store = self._services.profiles
        work = (
            store.add(new, secrets)
            if old is None
            else store.update(old.name, new, secrets)
        )
        dialog.save_button.setEnabled(False)

        def saved(_: None) -> None:
            if old is not None and old.name != new.name:
                self.model.forget_test(old.name)
            dialog.accept()
            self._after_change(new.name)

        def failed(error: Exception) -> None:
            dialog.save_button.setEnabled(True)
            dialog.show_message(_failure_text(error), error=True)

        self.tasks.run(work, saved, failed)

    def _test_in_dialog(
        self, dialog: ProfileDialog, profile: Profile, secrets: ProfileSecrets | None
    ) -> None:
        # Secrets are tested as entered; an edit that left them blank tests the
        # stored ones, which the keyring still holds under the old name.
        if secrets is None and dialog.original is not None:
            profile = dialog.original
        work = self._services.test_connection(profile, self._services.profiles, secrets)
        self.tasks.run(
            work, dialog.show_test_result, lambda e: _log_and_show(dialog, e)
        )

    def _after_change(self, name: str | None) -> None:
        def shown(profiles: list[Profile]) -> None:
            self._show_profiles(profiles)
            if name is not None:
                self.select(name)

        self.tasks.run(self._services.profiles.list(), shown, self._show_failure)

    # Import

    def import_existing(self) -> None:
        """Offer the set-ups found on this computer (read off the GUI thread)."""

        async def discover() -> list[ExistingSetup]:
            return await asyncio.to_thread(self._services.discover_setups)

        self.tasks.run(discover(), self._open_import_dialog, self._show_failure)

    def _open_import_dialog(self, setups: list[ExistingSetup]) -> None:
        dialog = ImportSetupDialog(setups, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(
            lambda setup, name, copy: self._import(dialog, setup, name, copy)
        )
        self.dialog = dialog
        dialog.open()

    def _import(
        self, dialog: ImportSetupDialog, setup: ExistingSetup, name: str, copy: bool
    ) -> None:
        try:
            if copy:
                profile, secrets = import_setup(setup, name)
            else:
                profile, secrets = setup.use_as_is(name), None
        except ProfileError as error:
            dialog.message.setText(str(error))
            return

        def saved(_: None) -> None:
            dialog.accept()
            self._after_change(name)

        self.tasks.run(
            self._services.profiles.add(profile, secrets),
            saved,
            lambda error: dialog.message.setText(_failure_text(error)),
        )

    # Test and remove

    def test_profile(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Testing {name}…").format(name=profile.name))
        self.warning_label.hide()
        work = self._services.test_connection(profile, self._services.profiles, None)
        self.tasks.run(work, self._on_tested, self._show_failure)

    def _on_tested(self, result: ConnectionResult) -> None:
        self.test_button.setEnabled(self.selected_profile() is not None)
        self.model.set_test_result(result)
        profile = self.selected_profile()
        if profile is not None and profile.name == result.profile_name:
            self._show_result(result)

    def _show_result(self, result: ConnectionResult | None) -> None:
        self.result_label.setPalette(self.palette())
        if result is None:
            self.result_label.setText("")
            self.warning_label.hide()
            return
        self.result_label.setText(
            result.message if not result.ok else connection_text(result)
        )
        if not result.ok:
            tint(self.result_label, presentation.STATUS_COLOURS[Status.FAIL])
        self.warning_label.setText(result.warning or "")
        self.warning_label.setVisible(bool(result.warning))

    def remove_profile(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        ask(
            self,
            "confirmRemove",
            self.tr("Remove the profile?"),
            self.tr(
                "Remove the profile {name} and delete its secrets from the keyring? "
                "Its scans stay in the history."
            ).format(name=profile.name),
            self.tr("Remove"),
            lambda: self._remove(profile),
        )

    def _remove(self, profile: Profile) -> None:
        def removed(_: None) -> None:
            self.model.forget_test(profile.name)
            self._show_result(None)
            self._after_change(None)

        self.tasks.run(
            self._services.profiles.remove(profile.name), removed, self._show_failure
        )

    # Permissions

    def show_permissions(self) -> None:
        dialog = PermissionsDialog(self._catalogue, self._packages(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.copied.connect(lambda _: self.policyCopied.emit())
        self.dialog = dialog
        dialog.open()

    def _show_failure(self, error: Exception) -> None:
        show_error(self, self.tr("Accounts"), _failure_text(error))


def _failure_text(error: Exception) -> str:
    if isinstance(error, ProfileError | KeyringUnavailable):
        return str(error)
    log.error("an account profile operation failed", exc_info=error)
    return QCoreApplication.translate(
        "AccountsPage",
        "The profile could not be saved because of an internal error. The details "
        "are in the application log.",
    )


def _log_and_show(dialog: ProfileDialog, error: Exception) -> None:
    dialog.show_message(_failure_text(error), error=True)
