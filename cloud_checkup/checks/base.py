"""What a check is: its metadata, the inventory it reads and the findings it returns.

A check is one registered object: metadata beside a pure ``evaluate`` function that
turns the collected inventory into findings. Checks do no I/O and read no clock but
``inventory.now``; the engine fetches what they declare in ``needs``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


class Category(enum.StrEnum):
    IDENTITY = "identity"
    INFRASTRUCTURE = "infrastructure"
    RESILIENCE = "resilience"
    STABILITY = "stability"
    AI = "ai"

    @property
    def dimension(self) -> str:
        return _DIMENSIONS[self]


_DIMENSIONS = {
    Category.IDENTITY: "security",
    Category.INFRASTRUCTURE: "security",
    Category.RESILIENCE: "stability",
    Category.STABILITY: "stability",
    Category.AI: "ai",
}

# Display names are kept as data (not in code paths) so that a translation can be
# added by looking them up by id.
CATEGORY_NAMES = {
    Category.IDENTITY: "Identity and access security",
    Category.INFRASTRUCTURE: "Infrastructure security (network, data, logging)",
    Category.RESILIENCE: "High availability and disaster recovery",
    Category.STABILITY: (
        "Stability audit (expiry, quotas, events, versions, monitoring)"
    ),
    Category.AI: "AI security (PAI, Model Studio, AI guardrails, AI infrastructure)",
}


class Severity(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for the most severe, so that sorting by rank puts high first."""
        return {"high": 0, "medium": 1, "low": 2}[self.value]


class Status(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_CHECKED = "not_checked"
    NOT_APPLICABLE = "not_applicable"
    EXCEPTED = "excepted"


class Package(enum.StrEnum):
    STANDARD = "standard"
    AI = "ai"


@dataclass(frozen=True)
class Remediation:
    """How to fix a failing item: steps, where in the console, docs, a command."""

    steps: tuple[str, ...]
    console_path: tuple[str, ...]
    doc_url: str
    command: str | None = None


@dataclass(frozen=True)
class Finding:
    """The verdict on one resource (or on the account, for account-wide settings)."""

    resource_id: str
    status: Status
    detail: str = ""
    region: str | None = None
    name: str | None = None
    resource_type: str | None = None
    tags: tuple[tuple[str, str], ...] = ()  # the resource's tags, for exceptions by tag

    @classmethod
    def passed(cls, resource_id: str, detail: str = "", **kw: Any) -> Finding:
        return cls(resource_id, Status.PASS, detail, **kw)

    @classmethod
    def failed(cls, resource_id: str, detail: str, **kw: Any) -> Finding:
        return cls(resource_id, Status.FAIL, detail, **kw)

    @classmethod
    def not_applicable(cls, resource_id: str, detail: str, **kw: Any) -> Finding:
        """A resource the item does not judge, and why (another item covers it)."""
        return cls(resource_id, Status.NOT_APPLICABLE, detail, **kw)

    @classmethod
    def unknown(cls, resource_id: str, detail: str, **kw: Any) -> Finding:
        """A resource whose data could not be read: the item can never pass."""
        return cls(resource_id, Status.NOT_CHECKED, detail, **kw)


class Record(Mapping[str, Any]):
    """One resource as the API returned it, with the region it was read in.

    The raw body is kept unchanged (Alibaba's own field names), so a check reads
    ``record["SecurityGroupId"]`` exactly as in the API reference. ``key`` is the
    parent resource id for records fetched per resource (for example the rules of one
    security group).
    """

    __slots__ = ("_data", "region", "key")

    def __init__(
        self, data: Mapping[str, Any], region: str | None, key: str | None = None
    ):
        self._data = data
        self.region = region
        self.key = key

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    # Straight to the body: Mapping's own get and ``in`` go through __getitem__ and an
    # exception for every absent field, and checks ask millions of times a scan.
    def get(self, name: str, default: Any = None) -> Any:
        return self._data.get(name, default)

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Record(region={self.region!r}, key={self.key!r}, data={self._data!r})"

    @property
    def raw(self) -> Mapping[str, Any]:
        return self._data


class DetailError(Exception):
    """A per-resource read that gave no record, and why.

    ``absent`` means the API said the resource has none of this (a RAM user without a
    login profile): a fact, not a failure. ``unsupported`` means the call does not apply
    to this kind of resource (``InstanceEngineType.NotSupport``). Otherwise the read
    failed and the resource could not be checked.
    """

    def __init__(
        self,
        key: str,
        code: str,
        message: str,
        *,
        absent: bool = False,
        unsupported: bool = False,
    ):
        super().__init__(f"{key}: {code}: {message}")
        self.key = key
        self.code = code
        self.message = message
        self.absent = absent
        self.unsupported = unsupported


class Inventory(Protocol):
    """What a check may read: the collections it named in ``needs``, and the time."""

    now: datetime
    account_id: str

    def records(self, collection: str) -> list[Record]:
        """Every record of a list collection, across the scanned regions."""

    def details(self, collection: str) -> Mapping[str, Record]:
        """Per-resource records by resource id (only the ones read successfully)."""

    def detail_errors(self, collection: str) -> Mapping[str, DetailError]:
        """Per-resource reads that failed, keyed by resource id."""

    def regions(self) -> list[str]:
        """The regions this scan covered."""


Evaluate = Callable[[Inventory], Iterable[Finding]]


def _every(record: Mapping[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Assets:
    """The resources an item judges: the records of one list that ``applies`` keeps.

    ``applies`` reads only the list's own fields, so that which resources an item
    judges is known from the list alone, before the scan: the AI package counts one
    AI scan per AI item per asset it judges, and shows that count first.
    """

    collection: str
    applies: Callable[[Mapping[str, Any]], bool] = _every

    def records(self, inventory: Inventory) -> list[Record]:
        return [r for r in inventory.records(self.collection) if self.applies(r)]


@dataclass(frozen=True)
class Check:
    """One check item of the catalogue.

    Attributes:
        id: stable identifier, kebab-case, unique in the catalogue.
        title: the passing case ("The root account has no AccessKey").
        needs: names of the collections ``evaluate`` reads; the RAM actions the item
            requires are those of its collections.
        top10: rank (1-10) in the Top 10 configuration risks, if the item is one.
        references: CIS recommendations, Cloud Config rules and other sources.
        applies_to: the resources the item judges, in words, where they are
            narrower than its resource type ("RDS PostgreSQL instances"); says why
            the item is not applicable when there are none.
        assets: the resources the item judges, as data, for AI items whose assets
            are not simply every record of the first list they read.
    """

    id: str
    title: str
    category: Category
    severity: Severity
    description: str
    risk: str
    remediation: Remediation
    needs: tuple[str, ...]
    evaluate: Evaluate
    package: Package = Package.STANDARD
    references: tuple[str, ...] = ()
    top10: int | None = None
    resource_type: str | None = None
    tags: tuple[str, ...] = field(default=())
    applies_to: str | None = None
    assets: Assets | None = None


_REGISTRY: dict[str, Check] = {}


def check(**metadata: Any) -> Callable[[Evaluate], Check]:
    """Register the decorated evaluate function as a check with ``metadata``.

    Example::

        @check(id="ram-password-policy-length", title="...", category=Category.IDENTITY,
               severity=Severity.MEDIUM, ..., needs=("ram.password_policy",))
        def evaluate(inventory):
            ...
    """

    def register(evaluate: Evaluate) -> Check:
        item = Check(evaluate=evaluate, **metadata)
        if item.id in _REGISTRY:
            raise ValueError(f"check id {item.id!r} is registered twice")
        if item.package is Package.AI and item.category is not Category.AI:
            raise ValueError(f"check {item.id!r}: the AI package holds only ai items")
        _REGISTRY[item.id] = item
        return item

    return register


def registered() -> dict[str, Check]:
    return dict(_REGISTRY)
