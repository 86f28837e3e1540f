"""Fixtures for sandbox tests: a small dataset, a running sandbox, a signing client."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_client import Client, make_dataset

from cloud_checkup.sandbox import SandboxThread


@pytest.fixture
def dataset() -> dict[str, Any]:
    return make_dataset()


@pytest.fixture
def sandbox(dataset):
    with SandboxThread(dataset) as running:
        yield running


@pytest.fixture
def client(sandbox) -> Client:
    return Client(sandbox.url)
