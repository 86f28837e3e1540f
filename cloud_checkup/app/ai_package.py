"""The AI package's prerequisite and its cost in AI scans, read before a scan starts.

The AI security package needs Security Center's cloud security posture management
(CSPM) pay-as-you-go module switched on. Scanning one AI item on one AI asset is one
AI scan. An item judges only the assets of its own kind (``Check.assets``: a DSW item
judges DSW instances, not OSS buckets), so the AI scans of a run are the sum, over its
AI items, of the assets each judges. The app shows that sum before starting, read from
the same lists the scan reads, and the allowance ledger counts what each scan used by
the same rule.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cloud_checkup.checks.base import Assets, Category, Check, Status

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
    """The AI scans a run would make: for each AI item, the assets it judges.

    Attributes:
        scans_by_item: AI scans per AI item id, in catalogue order.
        assets: distinct AI assets that at least one item judges.
        unreadable: the lists that could not be read (their assets are not counted).
    """

    scans_by_item: Mapping[str, int] = field(default_factory=dict)
    assets: int = 0
    unreadable: tuple[str, ...] = ()

    @property
    def items(self) -> int:
        return len(self.scans_by_item)

    @property
    def scans(self) -> int:
        return sum(self.scans_by_item.values())


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


def item_assets(item: Check) -> Assets:
    """What an item judges: its declared assets, else every record of its first list."""
    if item.assets is not None:
        return item.assets
    spec = all_collections()[item.needs[0]]
    if isinstance(spec, DetailCollection):
        return Assets(spec.parent)
    return Assets(spec.name)


async def estimate_ai_scans(
    cloud: CloudClient, regions: list[str], checks: Iterable[Check]
) -> AiEstimate:
    """The AI scans the AI items among ``checks`` will make, from the lists they read.

    Each list is read once, as the scan reads it; an item judges the records its
    ``Assets`` keep. Assets whose details turn out unreadable during the scan are
    not counted then (``ai_scans_used``), so the estimate is the most a scan uses.
    """
    ai_items = [item for item in checks if item.category is Category.AI]
    collector = Collector(cloud, regions)
    known = all_collections()
    lists: dict[str, list] = {}
    unreadable = []
    for name in dict.fromkeys(item_assets(item).collection for item in ai_items):
        result = await collector.fetch_list(known[name])
        if result.ok:
            lists[name] = result.records
        else:
            unreadable.append(f"{name}: {result.error}")
    scans_by_item: dict[str, int] = {}
    assets: set[tuple[str, str]] = set()
    for item in ai_items:
        scope = item_assets(item)
        spec = known[scope.collection]
        judged = [
            _asset_key(spec, index, record)
            for index, record in enumerate(lists.get(spec.name, ()))
            if scope.applies(record)
        ]
        scans_by_item[item.id] = len(judged)
        assets.update(judged)
    return AiEstimate(scans_by_item, len(assets), tuple(unreadable))


def _asset_key(spec: ListCollection, index: int, record) -> tuple[str, str]:
    """The asset a record names: its id, or its place in the list if it has none."""
    key = record.get(spec.id_field) if spec.id_field else None
    return spec.name, str(key if key is not None else index)


def ai_scans_used(scan: ScanResult, catalogue: Mapping[str, Check]) -> int:
    """The AI scans a finished scan made: one per AI item per asset it judged.

    An asset whose data could not be read (not checked) was not judged, so it is not
    counted.
    """
    used = 0
    for result in scan.results:
        item = catalogue.get(result.check_id)
        if item is None or item.category is not Category.AI:
            continue
        used += len(
            {
                f.resource_id
                for f in result.findings
                if f.status is not Status.NOT_CHECKED
            }
        )
    return used
