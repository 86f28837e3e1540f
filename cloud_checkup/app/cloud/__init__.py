"""The only code that talks to Alibaba Cloud, or to the sandbox that answers like it."""

from .client import CloudClient
from .errors import CloudError, ReadOnlyViolation
from .transport import Transport

__all__ = ["CloudClient", "CloudError", "ReadOnlyViolation", "Transport"]
