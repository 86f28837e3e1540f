"""A local loopback server answering like Alibaba Cloud OpenAPI and OSS, from a dataset.

It is the app's demo account and the bed for integration tests and benchmarks; the app
reaches it only over HTTP, usually as an HTTP proxy.
"""

from cloud_checkup.sandbox.dataset import Dataset, DatasetError, Identity, load_dataset
from cloud_checkup.sandbox.errors import ApiError
from cloud_checkup.sandbox.faults import FaultRule, Faults, faults_from_spec
from cloud_checkup.sandbox.server import RequestRecord, Sandbox, SandboxThread, serve

__all__ = [
    "ApiError",
    "Dataset",
    "DatasetError",
    "FaultRule",
    "Faults",
    "Identity",
    "RequestRecord",
    "Sandbox",
    "SandboxThread",
    "faults_from_spec",
    "load_dataset",
    "serve",
]
