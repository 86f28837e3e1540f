"""The frozen app's entry point: the ``cloud-checkup`` command, self-tests included."""

from __future__ import annotations

import sys

from cloud_checkup.cli import main

if __name__ == "__main__":
    sys.exit(main())
