"""What the generator's builders share: where answers go, seeded choices, ids, times.

A regional builder fills one :class:`Region`; an account-wide builder fills the
:class:`Account`. Both write answers into the dataset's ``services`` mapping
(product -> region -> action -> answer) and draw every choice from one seeded random
source, so the same arguments always give the same account.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

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


def listed(services: Services, product: str, action: str, path: str) -> Iterator[Any]:
    """Every item the list answers of ``product`` ``action`` hold, region by region;
    ``path`` is the dotted path to the list (``Instances.Instance``)."""
    for actions in services.get(product, {}).values():
        node: Any = actions.get(action)
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        yield from node or ()


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
    instances: list[dict[str, Any]] = field(default_factory=list)

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


@dataclass
class Account(Builder):
    """The account-wide products (RAM, OSS, billing...), built after every region,
    so that they can describe what the regions hold."""

    name: str = GLOBAL
    regions: list[str] = field(default_factory=list)

    def listed(self, product: str, action: str, path: str) -> Iterator[Any]:
        return listed(self.services, product, action, path)
