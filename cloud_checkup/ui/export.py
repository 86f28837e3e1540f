"""Where an exported report goes by default, and writing it with errors in words."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from cloud_checkup.app.model import ScanResult
from cloud_checkup.reports import export_html

log = logging.getLogger(__name__)

_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class ExportError(Exception):
    """The report could not be written; the message is for the user."""


def default_report_name(scan: ScanResult) -> str:
    """``checkup-<account alias>-<YYYYMMDD-HHMM>.html``, in the scan's local time."""
    account = scan.account.alias or scan.account.id
    account = _UNSAFE_IN_FILE_NAME.sub("-", account).strip("-.") or "account"
    started = scan.started_at.astimezone()
    return f"checkup-{account}-{started:%Y%m%d-%H%M}.html"


def default_report_directory() -> Path:
    """The user's Documents folder when there is one, else their home folder."""
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def default_report_path(scan: ScanResult) -> Path:
    return default_report_directory() / default_report_name(scan)


def write_html_report(scan: ScanResult, path: str) -> Path:
    """Write the HTML report to ``path`` (``.html`` added when missing).

    Raises:
        ExportError: the file could not be written, in words the user can act on.
    """
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        target = target.with_name(target.name + ".html")
    try:
        export_html(scan, str(target))
    except OSError as error:
        log.warning("could not write the HTML report to %s: %s", target, error)
        reason = error.strerror or str(error)
        raise ExportError(
            _tr(
                "The report could not be saved to {path}: {reason}. Choose another "
                "folder or file name and try again."
            ).format(path=target, reason=reason)
        ) from error
    log.info("wrote the HTML report of scan %s to %s", scan.scan_id, target)
    return target


def _tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)
