"""Redis, MongoDB and PolarDB read alike: one per-resource record per database, and
the same verdicts on whitelists, endpoints, switches and backup retention.

A :class:`Fleet` names where a product's databases are listed and how findings name
them; the helpers below turn one database's record into one finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._fields import admits_every_address, as_int, as_list, dig, is_on
from ._resources import Verdict, detail_findings
from .base import Finding, Inventory, Record

# Whitelist groups Alibaba's own services keep (DMS, DTS, DAS) are not the user's.
_HIDDEN = "hidden"


@dataclass(frozen=True)
class Fleet:
    """One product's databases: the list they come from and how findings name them.

    Attributes:
        collection: the list collection of the databases.
        id_field: the database id in a listed record.
        name_field: the description the user gave the database.
        console: the console path to one database.
    """

    collection: str
    id_field: str
    name_field: str
    console: tuple[str, ...]

    def where(self, database: Record) -> dict[str, Any]:
        return {"region": database.region, "name": database.get(self.name_field)}

    def findings(
        self,
        inventory: Inventory,
        collection: str,
        what: str,
        verdict: Verdict,
        include: Callable[[Record], bool] = lambda database: True,
    ) -> Iterable[Finding]:
        """One finding per database from its record in ``collection``."""
        return detail_findings(
            inventory,
            self.collection,
            collection,
            id_field=self.id_field,
            what=what,
            verdict=verdict,
            where=self.where,
            include=include,
        )


REDIS = Fleet(
    "redis.instances",
    "InstanceId",
    "InstanceName",
    ("ApsaraDB for Redis", "Instances", "<instance>"),
)
MONGODB = Fleet(
    "mongodb.instances",
    "DBInstanceId",
    "DBInstanceDescription",
    ("ApsaraDB for MongoDB", "Instances", "<instance>"),
)
POLARDB = Fleet(
    "polardb.clusters",
    "DBClusterId",
    "DBClusterDescription",
    ("PolarDB", "Clusters", "<cluster>"),
)


# --- whitelists --------------------------------------------------------------------


@dataclass(frozen=True)
class Whitelist:
    """Where a product's answer keeps its whitelist groups, and their field names.

    Attributes:
        groups: dotted path to the list of groups.
        name, addresses, attribute: the fields of a group holding its name, its
            comma-separated entries and its attribute (``hidden`` for groups of
            Alibaba's own services).
        default: a top-level field holding the default group's entries, where the
            answer carries one beside the groups (MongoDB's ``SecurityIps``).
    """

    groups: str
    name: str
    addresses: str
    attribute: str
    default: str | None = None

    def open_entries(self, answer: Mapping[str, Any]) -> list[str] | None:
        """``group (entry)`` for each entry that admits every address, or None when
        the answer holds no whitelist at all (absent, which is not empty)."""
        default = answer.get(self.default) if self.default else None
        if self.groups.split(".", 1)[0] not in answer and default is None:
            return None
        named = [
            (group.get(self.name) or "default", group.get(self.addresses))
            for group in as_list(dig(answer, self.groups))
            if isinstance(group, Mapping)
            and str(group.get(self.attribute) or "").lower() != _HIDDEN
        ]
        if default is not None:
            named.append(("default", default))
        return sorted(
            {
                f"{name} ({entry})"
                for name, addresses in named
                for entry in _entries(addresses)
                if admits_every_address(entry)
            }
        )


def _entries(addresses: Any) -> list[str]:
    return [entry.strip() for entry in str(addresses or "").split(",")]


def whitelist_verdict(
    resource_id: str, open_entries: list[str] | None, where: dict[str, Any]
) -> Finding:
    if open_entries is None:
        return Finding.unknown(resource_id, "The whitelists were not returned", **where)
    if open_entries:
        text = "Whitelist admits every address: " + ", ".join(open_entries)
        return Finding.failed(resource_id, text, **where)
    return Finding.passed(resource_id, "No whitelist admits every address", **where)


# --- endpoints ---------------------------------------------------------------------


def public_addresses(
    entries: Iterable[Mapping[str, Any]], network_field: str, address_field: str
) -> list[str]:
    """The addresses of the entries whose network type is Public (in any case)."""
    return sorted(
        {
            str(entry.get(address_field) or entry.get("IPAddress") or "unnamed")
            for entry in entries
            if str(entry.get(network_field) or "").lower() == "public"
        }
    )


def endpoint_verdict(
    resource_id: str, public: list[str] | None, where: dict[str, Any]
) -> Finding:
    if public is None:
        return Finding.unknown(resource_id, "The endpoints were not returned", **where)
    if public:
        text = "Public endpoint: " + ", ".join(public)
        return Finding.failed(resource_id, text, **where)
    return Finding.passed(resource_id, "No public endpoint", **where)


# --- switches ----------------------------------------------------------------------


def switch_verdict(
    resource_id: str, value: Any, field: str, feature: str, where: dict[str, Any]
) -> Finding:
    """On passes, off fails; an absent field or a word naming neither is unknown.

    ``feature`` names what the switch turns on, in lower case ("audit log").
    """
    state = is_on(value)
    if state is None:
        text = _unreadable(field, value, "which names neither on nor off")
        return Finding.unknown(resource_id, text, **where)
    feature = feature[:1].upper() + feature[1:]
    if state:
        return Finding.passed(resource_id, f"{feature} is on", **where)
    return Finding.failed(resource_id, f"{feature} is off ({field} {value})", **where)


def switch_findings(
    inventory: Inventory,
    fleet: Fleet,
    collection: str,
    field: str,
    feature: str,
) -> Iterable[Finding]:
    """One finding per database on the switch ``field`` of its record."""

    def verdict(resource_id, database, record, where):
        if record is None:
            return None
        return switch_verdict(resource_id, record.get(field), field, feature, where)

    return fleet.findings(inventory, collection, f"the {feature} setting", verdict)


# --- backups -----------------------------------------------------------------------


def retention_verdict(
    resource_id: str,
    value: Any,
    field: str,
    minimum: int,
    where: dict[str, Any],
) -> Finding:
    """Backups kept ``minimum`` days or more pass; the days arrive as numbers or as
    numeric strings, and anything else cannot be judged."""
    days = as_int(value)
    if days is None or days < 0:
        text = _unreadable(field, value, "not a number of days")
        return Finding.unknown(resource_id, text, **where)
    text = f"Backups kept {days} days"
    if days < minimum:
        return Finding.failed(resource_id, f"{text}, fewer than {minimum}", **where)
    return Finding.passed(resource_id, text, **where)


def _unreadable(field: str, value: Any, why: str) -> str:
    """Why ``field`` cannot be judged: it is absent, or holds something unexpected."""
    if value in (None, ""):
        return f"{field} was not returned"
    return f"{field} is {value!r}, {why}"
