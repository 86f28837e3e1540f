"""The HTTP connection pool every request goes through, and where it points.

Against Alibaba Cloud requests go over HTTPS to the real hosts. Against the sandbox
the same requests, with the same hostnames and signatures, go as plain HTTP straight
to the sandbox's loopback address, as if every hostname resolved there: only the
destination changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

# Requests on the wire at once, each on a connection of its own (idle connections
# stay pooled per host for the next request).
MAX_CONNECTIONS = 256


@dataclass(frozen=True)
class Destination:
    """Where requests go: Alibaba Cloud itself, or a sandbox on loopback.

    ``address`` is the sandbox's (loopback address, port): every host connects there.
    """

    scheme: str = "https"
    address: tuple[str, int] | None = None

    @classmethod
    def sandbox(cls, url: str) -> Destination:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if not _is_loopback(host):
            raise ValueError(f"the sandbox must be on loopback, not {host!r}")
        address = "127.0.0.1" if host == "localhost" else host
        return cls(scheme="http", address=(address, parts.port or 80))

    @property
    def sandbox_url(self) -> str | None:
        """The sandbox's URL as a person would type it; ``None`` for Alibaba Cloud."""
        if self.address is None:
            return None
        host, port = self.address
        return f"{self.scheme}://{f'[{host}]' if ':' in host else host}:{port}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Sandboxed(AbstractResolver):
    """Resolves every hostname to the sandbox's loopback address."""

    def __init__(self, address: tuple[str, int]):
        self._host, self._port = address
        self._family = socket.AF_INET6 if ":" in self._host else socket.AF_INET

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return [
            ResolveResult(
                hostname=host,
                host=self._host,
                port=self._port,
                family=self._family,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
        ]

    async def close(self) -> None:
        pass


class Transport:
    """One shared aiohttp session: connections are pooled and reused across calls.

    Requests beyond the pool's size wait their turn here, first come first served,
    and not inside aiohttp's pool: that wakes a waiting request of a host picked at
    random, so with hundreds of hosts (every OSS bucket is one) the busiest host's
    requests can wait past the connect timeout.
    """

    def __init__(
        self,
        destination: Destination | None = None,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        max_connections: int = MAX_CONNECTIONS,
    ):
        self.destination = destination or Destination()
        self._timeout = aiohttp.ClientTimeout(
            total=connect_timeout + read_timeout, connect=connect_timeout
        )
        self._max_connections = max_connections
        self._turns = asyncio.Semaphore(max_connections)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Transport:
        address = self.destination.address
        connector = aiohttp.TCPConnector(
            limit=self._max_connections,
            ttl_dns_cache=300,
            resolver=_Sandboxed(address) if address else None,
        )
        # trust_env stays off: a proxy from the environment must never redirect the
        # sandbox's traffic, and real traffic goes where the endpoint table says.
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=self._timeout, trust_env=False
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def url(self, host: str, path_and_query: str) -> str:
        return f"{self.destination.scheme}://{host}{path_and_query}"

    @contextlib.asynccontextmanager
    async def request(
        self, method: str, url: str, headers: dict[str, str], body: bytes = b""
    ) -> AsyncIterator[aiohttp.ClientResponse]:
        """Send one request once a connection is free; yields the response."""
        if self._session is None:
            raise RuntimeError(
                "the transport is not open; use 'async with Transport()'"
            )
        async with (
            self._turns,
            self._session.request(
                method,
                URL(url, encoded=True),
                headers=headers,
                data=body or None,
                allow_redirects=False,
            ) as response,
        ):
            yield response
