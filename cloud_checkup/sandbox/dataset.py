"""Load and validate a sandbox dataset: the fake account the sandbox answers for.

A dataset is one JSON/YAML file, an already-parsed mapping, or a folder holding
``dataset.yaml`` plus ``services/*.yaml``. Every problem is reported as a
:class:`DatasetError` naming the file and the path inside it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from cloud_checkup.sandbox.hosts import PRODUCT_CODES

FORMAT = "cloud-checkup-sandbox/1"
GLOBAL = "global"
ERROR_KEY = "$error"

# The biggest dataset the sandbox takes (generated benchmark accounts stay far below).
MAX_VALUES = 5_000_000

_REGION_RE = re.compile(r"^[a-z]{2}(-[a-z0-9]+)+$")
_ACTION_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_DENY_RE = re.compile(r"^(\*|[a-z0-9*-]+:[A-Za-z0-9*]+)$")


class DatasetError(ValueError):
    """A dataset that cannot be served; the message names file, path and problem."""

    def __init__(self, source: str, path: str, problem: str):
        self.source = source
        self.path = path
        self.problem = problem
        where = f"{source}: {path}" if path else source
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Identity:
    """An AccessKey the sandbox accepts, and what it is refused."""

    access_key_id: str
    access_key_secret: str = field(repr=False)
    arn: str
    deny: tuple[str, ...] = ()
    security_token: str | None = field(default=None, repr=False)

    @property
    def principal_type(self) -> str:
        """The principal kind as STS names it: Account, RAMUser or AssumedRoleUser."""
        resource = self.arn.rsplit(":", 1)[-1]
        if resource == "root":
            return "Account"
        if resource.startswith("assumed-role/"):
            return "AssumedRoleUser"
        return "RAMUser"

    @property
    def display_name(self) -> str:
        return self.arn.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Dataset:
    """A validated dataset.

    Attributes:
        services: product code -> region id or "global" -> action -> entry, where an
            entry is a response body, ``{by, responses}`` or ``{"$error": {...}}``.
        source: the file or folder it came from, for messages.
    """

    account_id: str
    account_alias: str | None
    identities: dict[str, Identity]
    regions: tuple[str, ...]
    services: dict[str, dict[str, dict[str, Any]]]
    source: str = "<dataset>"


def load_dataset(path_or_mapping: str | Path | Mapping[str, Any]) -> Dataset:
    """Load, merge and validate a dataset.

    Args:
        path_or_mapping: a ``.json``/``.yaml``/``.yml`` file, a dataset folder, or an
            already-parsed mapping.

    Raises:
        DatasetError: the dataset cannot be read or is not valid.
    """
    if isinstance(path_or_mapping, Mapping):
        return _build(dict(path_or_mapping), "<dataset>", {})
    path = Path(path_or_mapping)
    if path.is_dir():
        return _load_folder(path)
    return _build(_read_mapping(path), str(path), {})


def _read_mapping(path: Path) -> dict[str, Any]:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DatasetError(source, "", f"cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(
            source, "", f"is not UTF-8 text (byte {exc.start})"
        ) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        elif path.suffix.lower() in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        else:
            raise DatasetError(source, "", "is neither .json, .yaml nor .yml")
    except json.JSONDecodeError as exc:
        raise DatasetError(
            source, "", f"is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark else ""
        raise DatasetError(source, "", f"is not valid YAML{line}") from None
    except RecursionError:
        raise DatasetError(source, "", "is nested too deeply") from None
    if not isinstance(data, dict):
        raise DatasetError(source, "", "must hold a mapping at the top level")
    if _expanded_size(data, {}) > MAX_VALUES:
        # YAML aliases can make a small file expand to billions of values.
        raise DatasetError(
            source, "", f"expands to more than {MAX_VALUES:,} values (YAML aliases?)"
        )
    return data


def _expanded_size(value: Any, sizes: dict[int, int]) -> int:
    """How many values ``value`` holds once every YAML alias is expanded.

    Shared (aliased) nodes are measured once, so a file of nested aliases is sized
    without expanding it.
    """
    if not isinstance(value, dict | list):
        return 1
    known = sizes.get(id(value))
    if known is not None:
        return known
    children = value.values() if isinstance(value, dict) else value
    size = 1
    for child in children:
        size += _expanded_size(child, sizes)
        if size > MAX_VALUES:
            break
    sizes[id(value)] = size
    return size


def _load_folder(folder: Path) -> Dataset:
    main = folder / "dataset.yaml"
    if not main.is_file():
        raise DatasetError(str(folder), "", "a dataset folder needs a dataset.yaml")
    data = _read_mapping(main)
    origins: dict[tuple[str, str, str], str] = {}
    services = data.get("services") or {}
    _check_services(services, str(main))
    _record_origins(services, str(main), origins)
    merged = {
        product: {region: dict(actions) for region, actions in regions.items()}
        for product, regions in services.items()
    }
    for extra in sorted((folder / "services").glob("*.y*ml")):
        part = _read_mapping(extra)
        _check_services(part, str(extra), prefix="")
        _record_origins(part, str(extra), origins)
        for product, regions in part.items():
            for region, actions in regions.items():
                merged.setdefault(product, {}).setdefault(region, {}).update(actions)
    data["services"] = merged
    return _build(data, str(folder), origins)


def _record_origins(
    services: dict[str, Any], source: str, origins: dict[tuple[str, str, str], str]
) -> None:
    """Several files may add actions to one product and region, never the same one."""
    for product, regions in services.items():
        for region, actions in regions.items():
            for action in actions:
                earlier = origins.get((product, region, action))
                if earlier:
                    raise DatasetError(
                        source,
                        f"{product}.{region}.{action}",
                        f"is also defined in {earlier}; keep each action of a "
                        "product and region in one file",
                    )
                origins[(product, region, action)] = source


def _build(
    data: dict[str, Any], source: str, origins: dict[tuple[str, str, str], str]
) -> Dataset:
    if data.get("format") != FORMAT:
        raise DatasetError(
            source, "format", f"must be {FORMAT!r}, not {data.get('format')!r}"
        )
    account = _require_mapping(data.get("account"), source, "account")
    account_id = account.get("id")
    if not isinstance(account_id, str | int) or not str(account_id).isdigit():
        raise DatasetError(source, "account.id", "must be the numeric account id")
    alias = account.get("alias")
    identities = _check_identities(data.get("identities"), source)
    regions = _check_regions(data.get("regions"), source)
    services = data.get("services") or {}
    if not origins:
        _check_services(services, source)
    services = resolve_relative_times(services, datetime.now(UTC), source)
    return Dataset(
        account_id=str(account_id),
        account_alias=str(alias) if alias is not None else None,
        identities=identities,
        regions=regions,
        services=services,
        source=source,
    )


_RELATIVE_TIME = re.compile(r"^@now(?:([+-]\d+)([dhm]))?(?:\|(.+))?$")
_DEFAULT_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def resolve_relative_times(
    value: Any, now: datetime, source: str, path: str = "services"
):
    """Replace ``"@now-30d"`` style strings with times relative to ``now``.

    ``@now``, ``@now-30d``, ``@now+12h``, ``@now-90m``, optionally followed by
    ``|<strftime format>`` (default ``%Y-%m-%dT%H:%M:%SZ``) or ``|ms`` for epoch
    milliseconds. A demo account then looks the same whenever it is scanned: a key
    created "100 days ago" stays 100 days old.
    """
    if isinstance(value, dict):
        return {
            k: resolve_relative_times(v, now, source, f"{path}.{k}")
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [
            resolve_relative_times(v, now, source, f"{path}[{i}]")
            for i, v in enumerate(value)
        ]
    if not isinstance(value, str) or not value.startswith("@now"):
        return value
    match = _RELATIVE_TIME.match(value)
    if not match:
        raise DatasetError(
            source, path, f"{value!r} is not a relative time like '@now-30d|%Y-%m-%d'"
        )
    amount, unit, fmt = match.groups()
    units = {"d": "days", "h": "hours", "m": "minutes"}
    moment = now + (timedelta(**{units[unit]: int(amount)}) if unit else timedelta())
    if fmt == "ms":
        return int(moment.timestamp() * 1000)
    return moment.strftime(fmt or _DEFAULT_TIME_FORMAT)


def _require_mapping(value: Any, source: str, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DatasetError(source, path, f"must be a mapping, not {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "missing"
    return type(value).__name__


def _check_identities(value: Any, source: str) -> dict[str, Identity]:
    if not isinstance(value, list) or not value:
        raise DatasetError(source, "identities", "must list at least one identity")
    identities: dict[str, Identity] = {}
    for index, entry in enumerate(value):
        path = f"identities[{index}]"
        entry = _require_mapping(entry, source, path)
        for key in ("access_key_id", "access_key_secret", "arn"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise DatasetError(
                    source, f"{path}.{key}", "must be a non-empty string"
                )
        if not entry["arn"].startswith("acs:ram::"):
            raise DatasetError(
                source, f"{path}.arn", "must look like acs:ram::<account>:user/<name>"
            )
        deny = entry.get("deny") or []
        _check_deny(deny, source, f"{path}.deny")
        token = entry.get("security_token")
        if token is not None and not isinstance(token, str):
            raise DatasetError(source, f"{path}.security_token", "must be a string")
        if entry["access_key_id"] in identities:
            raise DatasetError(source, f"{path}.access_key_id", "is listed twice")
        identities[entry["access_key_id"]] = Identity(
            access_key_id=entry["access_key_id"],
            access_key_secret=entry["access_key_secret"],
            arn=entry["arn"],
            deny=tuple(deny),
            security_token=token,
        )
    return identities


def _check_deny(deny: Any, source: str, path: str) -> None:
    if not isinstance(deny, list):
        raise DatasetError(source, path, "must be a list of 'product:Action' patterns")
    for index, pattern in enumerate(deny):
        if not isinstance(pattern, str) or not _DENY_RE.match(pattern):
            raise DatasetError(
                source,
                f"{path}[{index}]",
                f"{pattern!r} is not a 'product:Action' pattern (e.g. ram:ListUsers, "
                "ecs:*)",
            )


def _check_regions(value: Any, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DatasetError(source, "regions", "must list at least one region id")
    for index, region in enumerate(value):
        if not isinstance(region, str) or not _REGION_RE.match(region):
            raise DatasetError(
                source, f"regions[{index}]", f"{region!r} is not a region id"
            )
    return tuple(value)


def _check_services(services: Any, source: str, prefix: str = "services.") -> None:
    services = _require_mapping(services, source, prefix.rstrip(".") or "top level")
    for product, regions in services.items():
        path = f"{prefix}{product}"
        if product not in PRODUCT_CODES:
            raise DatasetError(
                source,
                path,
                f"unknown product code; known: {', '.join(sorted(PRODUCT_CODES))}",
            )
        regions = _require_mapping(regions, source, path)
        for region, actions in regions.items():
            _check_region_actions(region, actions, source, f"{path}.{region}")


def _check_region_actions(region: Any, actions: Any, source: str, path: str) -> None:
    if region != GLOBAL and not (isinstance(region, str) and _REGION_RE.match(region)):
        raise DatasetError(source, path, "must be a region id or 'global'")
    actions = _require_mapping(actions, source, path)
    for action, entry in actions.items():
        action_path = f"{path}.{action}"
        if not isinstance(action, str) or not _ACTION_RE.match(action):
            raise DatasetError(source, action_path, "is not an API action name")
        _check_entry(entry, source, action_path)


def _check_entry(entry: Any, source: str, path: str) -> None:
    if isinstance(entry, str):
        return  # a raw body, sent as given (e.g. an OSS XML document)
    entry = _require_mapping(entry, source, path)
    if ERROR_KEY in entry:
        _check_error(entry, source, path)
    elif "by" in entry or "responses" in entry:
        _check_per_resource(entry, source, path)


def _check_per_resource(entry: dict[str, Any], source: str, path: str) -> None:
    if not isinstance(entry.get("by"), str) or not entry["by"]:
        raise DatasetError(
            source, f"{path}.by", "must name the request parameter (or 'bucket')"
        )
    responses = entry.get("responses")
    if not isinstance(responses, dict):
        raise DatasetError(
            source,
            f"{path}.responses",
            f"must map each id to a response body, not {_kind(responses)}",
        )
    for key, body in responses.items():
        body_path = f"{path}.responses.{key}"
        if isinstance(body, str):
            continue
        body = _require_mapping(body, source, body_path)
        if ERROR_KEY in body:
            _check_error(body, source, body_path)


def _check_error(entry: dict[str, Any], source: str, path: str) -> None:
    error = entry[ERROR_KEY]
    error_path = f"{path}.{ERROR_KEY}"
    if not isinstance(error, dict) or not isinstance(error.get("Code"), str):
        raise DatasetError(source, error_path, "must be a mapping with a string Code")
    status = error.get("HttpStatus", 400)
    if not isinstance(status, int) or not 400 <= status <= 599:
        raise DatasetError(
            source, f"{error_path}.HttpStatus", "must be an HTTP error status 400-599"
        )
