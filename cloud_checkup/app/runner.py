"""A scan job against a target: the demo account, a sandbox dataset, or a real account.

The window and the command line both run scans through ``ScanJob``; a target only
decides where requests go and with which credential.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from .ai_package import (
    AiEstimate,
    AiPackageStatus,
    ai_package_status,
    estimate_ai_scans,
)
from .cloud import CloudClient
from .cloud.credentials import Credential, StaticCredentials
from .cloud.transport import Destination, Transport
from .engine import ScanError, Scanner, ScanRequest, list_regions, select_checks
from .events import ScanEvent
from .model import ScanResult

__all__ = [
    "AiPreflight",
    "ai_preflight",
    "SandboxTarget",
    "ScanError",
    "ScanJob",
    "ScanRequest",
    "Target",
    "demo_target",
]

DEMO_NAME = "Demo account"


class Target(Protocol):
    name: str

    def session(self) -> contextlib.AbstractAsyncContextManager[CloudClient]:
        """An open client for this target, closed when the scan ends."""


def demo_dataset_path() -> Path:
    return Path(str(resources.files("cloud_checkup.resources") / "demo"))


class SandboxTarget:
    """A dataset served by the sandbox on loopback, reached like Alibaba Cloud."""

    def __init__(self, dataset: Path | str, name: str | None = None, identity: int = 0):
        self.dataset = Path(dataset)
        self.name = name or self.dataset.stem
        self._identity = identity

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[CloudClient]:
        # The first import of the sandbox takes a noticeable moment: not on the loop's
        # (the window's) thread.
        await asyncio.to_thread(importlib.import_module, "cloud_checkup.sandbox")
        from cloud_checkup.sandbox import DatasetError, SandboxThread, load_dataset

        try:
            dataset = await asyncio.to_thread(load_dataset, self.dataset)
        except DatasetError as error:
            raise ScanError(str(error)) from error
        sandbox = SandboxThread(dataset)
        await asyncio.to_thread(sandbox.__enter__)
        try:
            credential = _dataset_credential(dataset, self._identity)
            async with Transport(Destination.sandbox(sandbox.url)) as transport:
                yield CloudClient(StaticCredentials(credential), transport)
        finally:
            await asyncio.to_thread(sandbox.__exit__, None, None, None)


def _dataset_credential(dataset: object, index: int) -> Credential:
    identity = list(dataset.identities.values())[index]
    return Credential(
        access_key_id=identity.access_key_id,
        access_key_secret=identity.access_key_secret,
        security_token=getattr(identity, "security_token", None),
    )


def demo_target() -> SandboxTarget:
    """The bundled sample account ("demo-shop"), served by the sandbox."""
    return SandboxTarget(demo_dataset_path(), name=DEMO_NAME)


@dataclass(frozen=True)
class AiPreflight:
    """What the window shows beside the AI checkbox before a scan."""

    status: AiPackageStatus
    estimate: AiEstimate | None = None


async def ai_preflight(target: Target, request: ScanRequest) -> AiPreflight:
    """Whether the AI package can run for the target, and the AI scans it would make.

    Raises:
        ScanError: the target cannot be reached at all.
    """
    from cloud_checkup.checks import Package, catalogue

    async with target.session() as cloud:
        status = await ai_package_status(cloud)
        if not status.available:
            return AiPreflight(status)
        regions = await list_regions(cloud, request.regions)
        with_ai = ScanRequest(
            packages=request.packages | {Package.AI},
            check_ids=request.check_ids,
            regions=request.regions,
        )
        checks = select_checks(with_ai, catalogue())
        return AiPreflight(status, await estimate_ai_scans(cloud, regions, checks))


class ScanJob:
    """One scan of one target; ``cancel()`` makes ``run()`` return what it has."""

    def __init__(
        self,
        target: Target,
        request: ScanRequest,
        on_event: Callable[[ScanEvent], None] | None = None,
    ):
        self.target = target
        self.request = request
        self._on_event = on_event or (lambda event: None)
        self._scanner: Scanner | None = None
        self._cancelled = False

    async def run(self) -> ScanResult:
        """Run the scan.

        Raises:
            ScanError: the scan could not run (credentials, network, bad dataset); the
                message is meant for the user.
        """
        async with self.target.session() as cloud:
            self._scanner = Scanner(cloud)
            if self._cancelled:
                self._scanner.cancel()
            return await self._scanner.run(self.request, self._on_event)

    def cancel(self) -> None:
        self._cancelled = True
        if self._scanner is not None:
            self._scanner.cancel()
