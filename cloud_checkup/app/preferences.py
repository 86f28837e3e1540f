"""The app's preferences: a small JSON file beside the profiles, in the config folder.

Today they hold the retention rule of the history. A missing or unreadable file means
the defaults, which keep every scan: a damaged file must never delete anything.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .files import write_json
from .profiles import APP_NAME
from .store.retention import RetentionRule

log = logging.getLogger(__name__)

PREFERENCES_FORMAT = "cloud-checkup-preferences/1"


def default_preferences_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "preferences.json"


@dataclass(frozen=True)
class Preferences:
    retention: RetentionRule = field(default_factory=RetentionRule)


class PreferencesFile:
    """Reads and saves ``Preferences`` (the window's Settings page)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_preferences_path()

    def load(self) -> Preferences:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Preferences()
        # RecursionError: JSON nested deeper than the decoder goes.
        except (OSError, ValueError, RecursionError) as error:
            log.warning("ignoring the preferences in %s: %s", self.path, error)
            return Preferences()
        if not isinstance(document, dict) or document.get("format") != (
            PREFERENCES_FORMAT
        ):
            log.warning(
                "ignoring %s: not in the format %s", self.path, PREFERENCES_FORMAT
            )
            return Preferences()
        try:
            return Preferences(RetentionRule.from_json(document.get("retention", {})))
        except ValueError as error:
            log.warning("ignoring the retention rule in %s: %s", self.path, error)
            return Preferences()

    def save(self, preferences: Preferences) -> None:
        """Raises ``OSError`` when the file cannot be written."""
        write_json(
            self.path,
            {
                "format": PREFERENCES_FORMAT,
                "retention": preferences.retention.to_json(),
            },
        )
