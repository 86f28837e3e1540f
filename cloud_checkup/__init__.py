"""Cloud Health Checkup: a read-only health checkup of an Alibaba Cloud account."""

__version__ = "0.1.0"
