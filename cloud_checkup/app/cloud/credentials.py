"""Where the AccessKey that signs requests comes from.

Secrets stay in memory only: they are never logged, printed or written; the
dataclasses hide them from ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Credential:
    access_key_id: str
    access_key_secret: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)


class CredentialSource(Protocol):
    async def get(self) -> Credential:
        """The credential to sign the next request with (refreshed when it expires)."""


@dataclass(frozen=True)
class StaticCredentials:
    """A fixed AccessKey pair, optionally with an STS security token."""

    credential: Credential

    async def get(self) -> Credential:
        return self.credential
