"""Dialogs of the Accounts page: a profile's settings, existing set-ups, permissions.

Every dialog is opened with ``open()`` (never ``exec()``: a nested event loop would
re-enter the scan's asyncio tasks) and reports through its signals.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from cloud_checkup.app.connection import ConnectionResult
from cloud_checkup.app.credential_sources import ExistingSetup
from cloud_checkup.app.engine import ScanError, ScanRequest, select_checks
from cloud_checkup.app.policy import ram_policy
from cloud_checkup.app.profiles import (
    CREDENTIAL_TYPE_NAMES,
    CredentialType,
    Profile,
    ProfileError,
    ProfileSecrets,
)
from cloud_checkup.checks.base import Check, Package, Status

from . import presentation
from .widgets import mute, tint

SECRET_FIELDS = ("access_key_secret", "security_token")

# The settings each credential type asks for, in the order the form shows them.
FIELDS_BY_TYPE: dict[CredentialType, tuple[str, ...]] = {
    CredentialType.ACCESS_KEY: ("access_key_id", "access_key_secret"),
    CredentialType.STS: ("access_key_id", "access_key_secret", "security_token"),
    CredentialType.RAM_ROLE_ARN: (
        "access_key_id",
        "access_key_secret",
        "role_arn",
        "role_session_name",
        "session_duration",
    ),
    CredentialType.ECS_RAM_ROLE: ("role_name",),
    CredentialType.OIDC_ROLE_ARN: (
        "role_arn",
        "oidc_provider_arn",
        "oidc_token_file",
        "role_session_name",
        "session_duration",
    ),
    CredentialType.ENVIRONMENT: (),
    CredentialType.ALIYUN_CLI: ("source_profile", "source_file"),
    CredentialType.CREDENTIALS_FILE: ("source_profile", "source_file"),
}

# Marked for translation here, translated where the dialog shows them.
FIELD_LABELS = {
    "access_key_id": QT_TRANSLATE_NOOP("ProfileDialog", "AccessKey ID"),
    "access_key_secret": QT_TRANSLATE_NOOP("ProfileDialog", "AccessKey secret"),
    "security_token": QT_TRANSLATE_NOOP("ProfileDialog", "STS security token"),
    "role_arn": QT_TRANSLATE_NOOP("ProfileDialog", "RAM role ARN"),
    "role_session_name": QT_TRANSLATE_NOOP("ProfileDialog", "Session name"),
    "session_duration": QT_TRANSLATE_NOOP("ProfileDialog", "Session duration (s)"),
    "role_name": QT_TRANSLATE_NOOP("ProfileDialog", "ECS RAM role name"),
    "oidc_provider_arn": QT_TRANSLATE_NOOP("ProfileDialog", "OIDC provider ARN"),
    "oidc_token_file": QT_TRANSLATE_NOOP("ProfileDialog", "OIDC token file"),
    "source_profile": QT_TRANSLATE_NOOP("ProfileDialog", "Profile or section"),
    "source_file": QT_TRANSLATE_NOOP("ProfileDialog", "File"),
}

FIELD_HINTS = {
    "role_session_name": "cloud-checkup",
    "session_duration": "3600",
    "role_name": QT_TRANSLATE_NOOP("ProfileDialog", "empty: the instance's own role"),
    "source_profile": QT_TRANSLATE_NOOP(
        "ProfileDialog", "empty: the file's current or default one"
    ),
    "source_file": QT_TRANSLATE_NOOP("ProfileDialog", "empty: the usual place"),
}


def connection_text(result: ConnectionResult) -> str:
    """Who the credential is, or what went wrong, for the Accounts page."""
    if not result.ok or result.identity is None:
        return result.message
    identity = result.identity
    return QCoreApplication.translate(
        "ProfileDialog", "Account {account} · {kind} {name} ({seconds:.1f} s)"
    ).format(
        account=identity.account_id,
        kind=identity.type_name,
        name=identity.name,
        seconds=result.elapsed,
    )


class ProfileDialog(QDialog):
    """Add or edit a profile: the credential type's fields, secrets masked.

    When editing, empty secret fields keep the secrets already in the keyring.

    Signals:
        saveRequested(object, object): the entered ``Profile`` and its
            ``ProfileSecrets`` (``None``: keep the stored ones), already validated.
        testRequested(object, object): test the entered values before saving.
    """

    saveRequested = Signal(object, object)  # noqa: N815 - Qt signal naming
    testRequested = Signal(object, object)  # noqa: N815 - Qt signal naming

    def __init__(self, profile: Profile | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.original = profile
        self.setWindowTitle(
            self.tr("Edit account profile") if profile else self.tr("Add an account")
        )
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("for example prod-shop"))
        self.form.addRow(self.tr("Name"), self.name)
        self.credential_type = QComboBox(self)
        for kind, text in CREDENTIAL_TYPE_NAMES.items():
            self.credential_type.addItem(self.tr(text), kind)
        self.form.addRow(self.tr("Credential type"), self.credential_type)
        self.fields = self._build_fields()
        self.regions = QLineEdit(self)
        self.regions.setPlaceholderText(
            self.tr("empty: every region; or cn-hangzhou,…")
        )
        self.form.addRow(self.tr("Regions"), self.regions)
        layout.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("profileMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self._build_buttons())
        self.credential_type.currentIndexChanged.connect(self._show_type_fields)
        self._fill(profile)

    def _build_fields(self) -> dict[str, QLineEdit]:
        fields = {}
        for name, label in FIELD_LABELS.items():
            edit = QLineEdit(self)
            edit.setObjectName(name)
            if name in SECRET_FIELDS:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self.tr(FIELD_HINTS.get(name, "")))
            self.form.addRow(self.tr(label), edit)
            fields[name] = edit
        return fields

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.test_button = buttons.addButton(
            self.tr("Test connection"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.test_button.clicked.connect(self._request_test)
        self.save_button.clicked.connect(self._request_save)
        buttons.rejected.connect(self.reject)
        return buttons

    def _fill(self, profile: Profile | None) -> None:
        if profile is None:
            self._show_type_fields()
            return
        self.name.setText(profile.name)
        index = self.credential_type.findData(profile.credential_type)
        self.credential_type.setCurrentIndex(index)
        for name, edit in self.fields.items():
            value = getattr(profile, name, None)
            if name in SECRET_FIELDS:
                edit.setPlaceholderText(self.tr("unchanged (kept in the keyring)"))
            elif value is not None:
                edit.setText(str(value))
        self.regions.setText(",".join(profile.regions))
        self._show_type_fields()

    def chosen_type(self) -> CredentialType:
        # Qt hands a StrEnum back as a plain str.
        return CredentialType(self.credential_type.currentData())

    def _show_type_fields(self) -> None:
        wanted = FIELDS_BY_TYPE[self.chosen_type()]
        for name, edit in self.fields.items():
            self.form.setRowVisible(edit, name in wanted)

    def entered(self) -> tuple[Profile, ProfileSecrets | None]:
        """The profile and secrets as entered.

        Raises:
            ProfileError: a value is missing or malformed, in the user's words.
        """
        kind = self.chosen_type()
        wanted = FIELDS_BY_TYPE[kind]
        values = {
            name: self.fields[name].text().strip() or None
            for name in wanted
            if name not in SECRET_FIELDS
        }
        if values.get("session_duration"):
            try:
                values["session_duration"] = int(values["session_duration"])
            except ValueError as error:
                raise ProfileError(
                    self.tr("The session duration is a number of seconds.")
                ) from error
        regions = tuple(r.strip() for r in self.regions.text().split(",") if r.strip())
        profile = Profile(
            name=self.name.text().strip(),
            credential_type=kind,
            regions=regions,
            **values,
        )
        secrets = ProfileSecrets(
            **{
                name: self.fields[name].text() or None
                for name in SECRET_FIELDS
                if name in wanted
            }
        )
        keep_stored = self.original is not None and secrets.is_empty()
        profile.validate(None if keep_stored else secrets)
        return profile, None if keep_stored else secrets

    def _request_save(self) -> None:
        try:
            profile, secrets = self.entered()
        except ProfileError as error:
            self.show_message(str(error), error=True)
            return
        self.saveRequested.emit(profile, secrets)

    def _request_test(self) -> None:
        try:
            profile, secrets = self.entered()
        except ProfileError as error:
            self.show_message(str(error), error=True)
            return
        self.show_message(self.tr("Testing the connection…"))
        self.testRequested.emit(profile, secrets)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setPalette(self.palette())
        self.message.setText(text)
        if error:
            tint(self.message, presentation.STATUS_COLOURS[Status.FAIL])

    def show_test_result(self, result: ConnectionResult) -> None:
        text = connection_text(result)
        if result.warning:
            text += "\n\n" + result.warning
        self.show_message(text, error=not result.ok or bool(result.warning))


class ImportSetupDialog(QDialog):
    """Pick a credential set-up found on this computer, to copy or to use as is.

    Signals:
        chosen(object, str, bool): the ``ExistingSetup``, the new profile's name,
            and whether to copy it (True) rather than read it at each use.
    """

    chosen = Signal(object, str, bool)

    def __init__(self, setups: Sequence[ExistingSetup], parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import an existing set-up"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Set-ups found in this app's environment variables, the aliyun CLI's "
                "profiles and the Alibaba Cloud credentials file. Copying one moves "
                "its secret into the keyring; using it as it is reads it at each "
                "checkup and copies nothing."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        for setup in setups:
            item = QListWidgetItem(setup.description, self.list)
            item.setData(Qt.ItemDataRole.UserRole, setup)
        layout.addWidget(self.list)
        self.empty = mute(QLabel(self.tr("No existing set-up was found."), self))
        self.empty.setVisible(not setups)
        layout.addWidget(self.empty)
        form = QFormLayout()
        self.name = QLineEdit(self)
        form.addRow(self.tr("Profile name"), self.name)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton(
            self.tr("Copy into a profile"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_button = buttons.addButton(
            self.tr("Use as it is"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(lambda: self._choose(copy=True))
        self.use_button.clicked.connect(lambda: self._choose(copy=False))
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(self._on_current_changed)
        if setups:
            self.list.setCurrentRow(0)
        self._on_current_changed()

    def selected(self) -> ExistingSetup | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_current_changed(self) -> None:
        setup = self.selected()
        self.copy_button.setEnabled(setup is not None and bool(setup.importable_as))
        self.use_button.setEnabled(setup is not None)
        if setup is not None and not self.name.text():
            self.name.setText(setup.source_profile or "environment")

    def _choose(self, copy: bool) -> None:
        setup = self.selected()
        name = self.name.text().strip()
        if setup is None:
            return
        if not name:
            self.message.setText(self.tr("Give the new profile a name."))
            return
        self.chosen.emit(setup, name, copy)


def policy_text(packages: frozenset[Package], catalogue: Mapping[str, Check]) -> str:
    """The least-privilege RAM policy for the packages' items, as pretty JSON."""
    try:
        checks = select_checks(ScanRequest(packages=packages), catalogue)
    except ScanError as error:
        return str(error)
    return json.dumps(ram_policy(checks), indent=2)


class PermissionsDialog(QDialog):
    """The RAM policy the selected packages need, ready to paste into the console.

    Signals:
        copied(str): the policy went to the clipboard.
    """

    copied = Signal(str)

    def __init__(
        self,
        catalogue: Mapping[str, Check],
        packages: frozenset[Package],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self.setWindowTitle(self.tr("Required permissions"))
        self.resize(560, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Attach this policy to the RAM user or role the checkup uses. It "
                "allows exactly the read actions the chosen items need, nothing else."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.include_ai = QCheckBox(self.tr("Include the AI package"), self)
        self.include_ai.setChecked(Package.AI in packages)
        layout.addWidget(self.include_ai)
        self.policy = QPlainTextEdit(self)
        self.policy.setObjectName("policyText")
        self.policy.setReadOnly(True)
        self.policy.setFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        )
        layout.addWidget(self.policy, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._copy)
        layout.addWidget(buttons)
        self.include_ai.toggled.connect(self._show_policy)
        self._show_policy()

    def packages(self) -> frozenset[Package]:
        chosen = {Package.STANDARD}
        if self.include_ai.isChecked():
            chosen.add(Package.AI)
        return frozenset(chosen)

    def _show_policy(self) -> None:
        self.policy.setPlainText(policy_text(self.packages(), self._catalogue))

    def _copy(self) -> None:
        text = self.policy.toPlainText()
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
