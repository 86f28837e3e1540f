"""The AI package's prerequisite and its cost in AI scans, read before a scan starts.

The AI security package needs Security Center's cloud security posture management
(CSPM) pay-as-you-go module switched on. Scanning one AI item on one AI asset is one
AI scan; the app shows assets x items before starting, and the allowance ledger counts
what each scan actually used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cloud_checkup.checks.base import Category, Check, Status

from .cloud import CloudClient, CloudError
from .collect import Collector
from .collections import DetailCollection, ListCollection, all_collections
from .model import ScanResult

log = logging.getLogger(__name__)

CSPM_HELP_URL = (
    "https://www.alibabacloud.com/help/en/security-center/user-guide/"
    "cloud-security-posture-management-overview"
)
HOW_TO_ENABLE = (
    "In the Security Center console, open Cloud Security Posture Management and turn "
    "on its pay-as-you-go billing. This has a basic fee; Security Center bills it, not "
    "this app."
)


@dataclass(frozen=True)
class AiPackageStatus:
    """Whether the AI package can run for an account, and if not, why."""

    available: bool
    reason: str
    how_to_enable: str = HOW_TO_ENABLE
    help_url: str = CSPM_HELP_URL


@dataclass(frozen=True)
class AiEstimate:
    """The AI scans a run would make: distinct AI assets times AI items."""

    assets: int
    items: int
    unreadable: tuple[str, ...] = ()

    @property
    def scans(self) -> int:
        return self.assets * self.items


async def ai_package_status(cloud: CloudClient) -> AiPackageStatus:
    """Read Security Center's pay-as-you-go module switches for the CSPM module."""
    try:
        config = await cloud.call("sas", "DescribeVersionConfig")
    except CloudError as error:
        if error.is_permission:
            return AiPackageStatus(
                False,
                "Security Center's settings cannot be read with this identity "
                f"(it needs {error.action}).",
            )
        return AiPackageStatus(
            False, f"Security Center did not answer ({error.code}); try again later."
        )
    return _status_from_config(config)


def _status_from_config(config: Mapping) -> AiPackageStatus:
    switches = _module_switches(config.get("PostPayModuleSwitch"))
    if switches is None:
        return AiPackageStatus(
            False,
            "Security Center's pay-as-you-go settings could not be understood.",
        )
    if str(switches.get("CSPM", "0")) == "1":
        return AiPackageStatus(True, "Cloud security posture management is on.")
    return AiPackageStatus(
        False,
        "Security Center's cloud security posture management (CSPM) pay-as-you-go "
        "module is off.",
    )


def _module_switches(value: object) -> dict | None:
    """``PostPayModuleSwitch`` is a JSON object inside a string; absent means none."""
    if value in (None, ""):
        return {}
    if isinstance(value, Mapping):
        return dict(value)
    try:
        parsed = json.loads(str(value))
    except ValueError:
        log.warning("PostPayModuleSwitch is not JSON: %.80r", value)
        return None
    return parsed if isinstance(parsed, dict) else None


def ai_asset_collections(checks: Iterable[Check]) -> list[ListCollection]:
    """The list collections naming AI assets: each AI item's first list it reads."""
    known = all_collections()
    found: dict[str, ListCollection] = {}
    for item in checks:
        if item.category is not Category.AI:
            continue
        for name in item.needs:
            spec = known[name]
            if isinstance(spec, DetailCollection):
                spec = known[spec.parent]
            found.setdefault(spec.name, spec)
            break
    return list(found.values())


async def estimate_ai_scans(
    cloud: CloudClient, regions: list[str], checks: Iterable[Check]
) -> AiEstimate:
    checks = list(checks)
    ai_items = [item for item in checks if item.category is Category.AI]
    collector = Collector(cloud, regions)
    assets: set[tuple[str, str]] = set()
    unreadable = []
    for spec in ai_asset_collections(ai_items):
        result = await collector.fetch_list(spec)
        if not result.ok:
            unreadable.append(f"{spec.name}: {result.error}")
            continue
        for index, record in enumerate(result.records):
            key = record.get(spec.id_field) if spec.id_field else None
            assets.add((spec.name, str(key if key is not None else index)))
    return AiEstimate(len(assets), len(ai_items), tuple(unreadable))


def ai_scans_used(scan: ScanResult, catalogue: Mapping[str, Check]) -> int:
    """The AI scans a finished scan made: one per AI item per asset it evaluated."""
    used = 0
    for result in scan.results:
        item = catalogue.get(result.check_id)
        if item is None or item.category is not Category.AI:
            continue
        used += sum(1 for f in result.findings if f.status is not Status.NOT_CHECKED)
    return used
