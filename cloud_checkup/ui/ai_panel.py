"""The AI package choice: its checkbox, prerequisite, AI scan estimate and allowance."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cloud_checkup.app.allowance import (
    FREE_AI_SCANS,
    AiScanPlan,
    Allowance,
    NextSteps,
    left_out_reason,
    plan_ai_scans,
)
from cloud_checkup.app.runner import AiPreflight, ScanRequest
from cloud_checkup.checks import Package

from .presentation import plural
from .widgets import mute


@dataclass(frozen=True)
class AiState:
    """What the panel knows about the AI package for the chosen account.

    Attributes:
        account_id: the account, when an earlier scan named it (the allowance is
            per account, so without it the allowance is unknown).
        allowance: the claimed free allowance, ``None`` when not claimed.
        now: when ``allowance`` was read, to tell what remains of it.
        billable: whether Security Center can bill the account's AI scans; a
            sandbox account (the demo) never is, so no allowance applies to it.
    """

    preflight: AiPreflight
    account_id: str | None = None
    allowance: Allowance | None = None
    now: datetime | None = None
    billable: bool = True

    @property
    def remaining(self) -> int:
        if self.allowance is None or self.now is None:
            return 0
        return self.allowance.remaining(self.now)

    def ai_items(self, request: ScanRequest) -> list[str]:
        """The AI items ``request`` runs, as the estimate knows them (all of them)."""
        if Package.AI not in request.packages:
            return []
        estimate = self.preflight.estimate
        items = estimate.scans_by_item if estimate else {}
        return [i for i in items if request.check_ids is None or i in request.check_ids]

    def plan(self, items: list[str], consent: bool) -> AiScanPlan:
        """Which of the AI ``items`` fit the allowance, by the AI scans each makes."""
        estimate = self.preflight.estimate
        costs = estimate.scans_by_item if estimate else {}
        return plan_ai_scans(costs, items, self.remaining, consent)

    def needs_consent(self, items: list[str]) -> bool:
        """Scanning ``items`` goes past the free allowance of a billable account."""
        available = self.preflight.status.available
        return self.billable and available and self.plan(items, True).beyond_allowance

    def left_out_reason(self, item: str, steps: NextSteps) -> str:
        estimate = self.preflight.estimate
        scans = estimate.scans_by_item.get(item, 0) if estimate else 0
        return left_out_reason(self.allowance, self.now, scans, steps)


class AiPackagePanel(QWidget):
    """The AI package checkbox with why it is off, or the AI scans it will make.

    The box can be ticked only once Security Center has answered that the package is
    available (``state``); until then it is disabled and says what it waits for.

    Signals:
        claimRequested(str): the user asked to claim the free allowance of an account.
        retryRequested(): the user asked to read the prerequisite again.
    """

    claimRequested = Signal(str)  # noqa: N815 - Qt signal naming
    retryRequested = Signal()  # noqa: N815 - Qt signal naming

    STATUS_WIDTH = 340

    def __init__(self, ai_items: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.state: AiState | None = None
        self._ai_items = ai_items
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.checkbox = QCheckBox(
            self.tr("AI package: add {count} AI security items").format(count=ai_items),
            self,
        )
        self.checkbox.setObjectName("aiCheckbox")
        self.status = mute(QLabel(self))
        self.status.setObjectName("aiStatus")
        self.status.setWordWrap(True)
        # A fixed width lets the wrapped lines ask for the height they need.
        self.status.setFixedWidth(self.STATUS_WIDTH)
        self.help_link = QLabel(self)
        self.help_link.setObjectName("aiHelpLink")
        self.help_link.setOpenExternalLinks(True)
        self.help_link.setTextFormat(Qt.TextFormat.RichText)
        self.claim_button = QPushButton(
            self.tr("Claim {count} free AI scans").format(count=f"{FREE_AI_SCANS:,}"),
            self,
        )
        self.claim_button.clicked.connect(self._request_claim)
        self.retry_button = QPushButton(self.tr("Check again"), self)
        self.retry_button.setObjectName("aiRetry")
        self.retry_button.clicked.connect(self.retryRequested)
        for widget in (
            self.checkbox,
            self.status,
            self.help_link,
            self.claim_button,
            self.retry_button,
        ):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        self.help_link.hide()
        self.claim_button.hide()
        self.retry_button.hide()
        self._scanning = False
        self.checking = False
        self.show_unknown()

    def show_unknown(self) -> None:
        self.state = None
        self.checkbox.setToolTip(
            self.tr(
                "Adds the AI security checks (PAI, Model Studio, AI guardrails, AI "
                "infrastructure) to the standard checkup."
            )
        )
        self.status.setText("")
        self.help_link.hide()
        self.claim_button.hide()
        self.retry_button.hide()
        self.checking = False
        self._update_enabled()

    def show_checking(self) -> None:
        self.show_unknown()
        self.checking = True
        self.status.setText(
            self.tr("Checking Security Center: is the AI package available?")
        )

    def show_error(self, message: str) -> None:
        """The prerequisite could not be read: say so; the box waits for an answer."""
        self.show_unknown()
        self.status.setText(
            self.tr(
                "Security Center could not tell whether the AI package is available: "
                "{why}"
            ).format(why=message)
        )
        self.retry_button.show()

    def show_state(self, state: AiState) -> None:
        self.state = state
        self.checking = False
        self.retry_button.hide()
        status = state.preflight.status
        if not status.available:
            self._show_unavailable(state)
        else:
            self._show_estimate(state)
        self._update_enabled()

    def _show_unavailable(self, state: AiState) -> None:
        status = state.preflight.status
        self.checkbox.setChecked(False)
        why = self.tr("Not available for this account: {reason}").format(
            reason=status.reason
        )
        self.checkbox.setToolTip(f"{why}\n\n{status.how_to_enable}")
        self.status.setText(f"{why} {status.how_to_enable}")
        link = html.escape(status.help_url, quote=True)
        text = html.escape(self.tr("How to turn it on"))
        self.help_link.setText(f"<a href='{link}'>{text}</a>")
        self.help_link.setToolTip(status.help_url)
        self.help_link.setVisible(bool(status.help_url))
        self.claim_button.hide()

    def _show_estimate(self, state: AiState) -> None:
        self.help_link.hide()
        self.checkbox.setToolTip(state.preflight.status.reason)
        lines = [self._estimate_text(state), self._allowance_text(state)]
        self.status.setText("\n".join(line for line in lines if line))
        unclaimed = state.account_id is not None and state.allowance is None
        self.claim_button.setVisible(state.billable and unclaimed)

    def _estimate_text(self, state: AiState) -> str:
        estimate = state.preflight.estimate
        if estimate is None:
            return self.tr("The number of AI scans is not known yet.")
        # The figure the command line shows too, and the one the ledger will count.
        text = self.tr("{scans} ({items}, each on the assets of its kind)").format(
            scans=plural(
                estimate.scans, self.tr("{count} AI scan"), self.tr("{count} AI scans")
            ),
            items=plural(
                estimate.items, self.tr("{count} item"), self.tr("{count} items")
            ),
        )
        if estimate.unreadable:
            text += self.tr("; some AI assets could not be counted")
        return text

    def _allowance_text(self, state: AiState) -> str:
        if not state.billable:
            return self.tr(
                "A sandbox account: its AI scans are never billed, so no allowance "
                "is needed."
            )
        if state.account_id is None:
            return self.tr("Free allowance: known after the first checkup.")
        if state.allowance is None:
            return self.tr("Free allowance: not claimed.")
        if state.now is not None and state.allowance.expired(state.now):
            return self.tr("Free allowance: expired on {day:%d %b %Y}.").format(
                day=state.allowance.expires_at.astimezone()
            )
        return self.tr("Free allowance: {left} left, until {day:%d %b %Y}.").format(
            left=plural(
                state.remaining, self.tr("{count} AI scan"), self.tr("{count} AI scans")
            ),
            day=state.allowance.expires_at.astimezone(),
        )

    def set_scanning(self, scanning: bool) -> None:
        self._scanning = scanning
        self._update_enabled()

    def _update_enabled(self) -> None:
        available = self.state is not None and self.state.preflight.status.available
        self.checkbox.setEnabled(not self._scanning and available)
        self.claim_button.setEnabled(not self._scanning)
        self.retry_button.setEnabled(not self._scanning)

    def _request_claim(self) -> None:
        if self.state is not None and self.state.account_id is not None:
            self.claimRequested.emit(self.state.account_id)


def ask_consent(parent: QWidget, plan: AiScanPlan) -> QMessageBox:
    """Ask before AI scans past the free allowance; the caller reads the button.

    The box is opened (not executed); its buttons carry ``consent`` properties:
    ``"all"`` scans everything, ``"covered"`` only what the allowance pays for.
    """
    box = QMessageBox(parent)
    box.setObjectName("aiConsent")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(box.tr("AI scans past the free allowance"))
    box.setText(
        box.tr(
            "This checkup would make about {scans} AI scans; the free allowance "
            "covers {covered}. Security Center may bill the other {beyond}."
        ).format(
            scans=f"{plan.scans:,}",
            covered=f"{plan.covered:,}",
            beyond=f"{plan.beyond_allowance:,}",
        )
    )
    scan_all = box.addButton(
        box.tr("Scan everything (may be billed)"), QMessageBox.ButtonRole.AcceptRole
    )
    scan_all.setProperty("consent", "all")
    covered = box.addButton(
        box.tr("Scan only what the allowance covers"), QMessageBox.ButtonRole.AcceptRole
    )
    covered.setProperty("consent", "covered")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(covered)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
