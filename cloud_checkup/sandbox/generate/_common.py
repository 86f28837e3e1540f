"""What the generator's builders share: where answers go, seeded choices, ids, times.

A regional builder fills one :class:`Region`; an account-wide builder fills the
:class:`Account`. Both write answers into the dataset's ``services`` mapping
(product -> region -> action -> answer) and draw every choice from one seeded random
source, so the same arguments always give the same account.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

ACCOUNT_ID = "1357924680135792"
GLOBAL = "global"

Services = dict[str, dict[str, dict[str, Any]]]


def put(services: Services, product: str, region: str, action: str, body: Any) -> None:
    services.setdefault(product, {}).setdefault(region, {})[action] = body


def by(param: str, responses: dict[str, Any]) -> dict[str, Any]:
    """A per-resource entry: the answer for each value of the request's ``param``."""
    return {"by": param, "responses": responses}


def past_time(rng: random.Random, *, seconds: bool = False) -> str:
    """A creation time between 2019 and 2025, in Alibaba's ISO 8601 form."""
    year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    return f"{year}-{month:02d}-{day:02d}T{clock}{':00' if seconds else ''}Z"


def from_now(days: int, time_format: str = "") -> str:
    """A time ``days`` from the scan (negative: ago), resolved when the dataset loads,
    so expiry dates and key ages read the same whenever the account is scanned."""
    return f"@now{days:+d}d" + (f"|{time_format}" if time_format else "")


def spread(total: float, parts: int, index: int) -> int:
    """An even share of ``total`` for part ``index``, the remainder to the first."""
    whole = int(round(total))
    return whole // parts + (1 if index < whole % parts else 0)


def items(body: Any, path: str) -> list[Any]:
    """The list at the dotted ``path`` of an answer; empty when it has none."""
    for key in path.split("."):
        body = body.get(key) if isinstance(body, dict) else None
    return body or []


@dataclass
class Builder:
    """Where a builder's answers go (``name``: a region, or ``global``), its share of
    the resource budget, and the seeded random source every choice comes from."""

    rng: random.Random
    counts: dict[str, int]
    services: Services
    name: str

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, shares: Mapping[T, float]) -> T:
        """One of the keys of ``shares``, each as often as its share says."""
        return self.rng.choices(list(shares), list(shares.values()))[0]

    def put(self, product: str, action: str, body: Any) -> None:
        put(self.services, product, self.name, action, body)

    def put_each(
        self,
        product: str,
        action: str,
        param: str,
        ids: Iterable[str],
        answer: Callable[[str], Any],
    ) -> None:
        """One answer per resource, asked for by ``param``."""
        self.put(product, action, by(param, {i: answer(i) for i in ids}))


@dataclass
class Region(Builder):
    """One region being generated, and the facts earlier builders leave for later
    ones (the VPCs instances are placed in, the instances load balancers forward to).

    Ids carry the region's index, so they never collide across regions.
    """

    index: int
    vpc_ids: list[str] = field(default_factory=list)
    security_group_ids: list[str] = field(default_factory=list)
    instances: list[dict[str, Any]] = field(default_factory=list)
    load_balancers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def tag(self) -> str:
        return f"{self.index:02d}"

    @property
    def zones(self) -> list[str]:
        return [f"{self.name}-{z}" for z in "abc"]

    def ident(self, prefix: str, n: int) -> str:
        return f"{prefix}-r{self.tag}x{n:05d}"

    def ids(self, prefix: str, kind: str) -> list[str]:
        """The ids of this region's ``counts[kind]`` resources."""
        return [self.ident(prefix, n) for n in range(self.counts[kind])]

    def vswitch(self, vpc_id: str, zone: str) -> str:
        """The vSwitch of ``vpc_id`` in ``zone``: each VPC has one in every zone."""
        return f"{vpc_id.replace('vpc-', 'vsw-')}{zone[-1]}"


@dataclass
class Account(Builder):
    """The account-wide products (RAM, OSS, billing...), built after every region,
    so that they can describe what the regions hold."""

    name: str = GLOBAL
    regions: list[str] = field(default_factory=list)

    def put_in(self, region: str, product: str, action: str, body: Any) -> None:
        """An answer of a regional endpoint (Model Studio's keys in Singapore)."""
        put(self.services, product, region, action, body)

    def listed(self, product: str, action: str, path: str) -> Iterator[Any]:
        """Every item the regions' ``product`` ``action`` answers hold, region by
        region; ``path`` leads to the list (``Instances.Instance``)."""
        for actions in self.services.get(product, {}).values():
            yield from items(actions.get(action), path)

    def counted(self, product: str, action: str, path: str) -> dict[str, int]:
        """How many items each region's list answer holds, by region."""
        return {
            region: len(items(actions.get(action), path))
            for region, actions in self.services.get(product, {}).items()
        }
