"""A process that serves one dataset keeps it out of the garbage collector's way."""

from __future__ import annotations

import subprocess
import sys

SETTLE = """
import gc
from cloud_checkup.sandbox import load_dataset
from cloud_checkup.sandbox.generate import generate
from cloud_checkup.sandbox.server import YOUNG_GENERATION, settle_for_serving

dataset = load_dataset(generate(2, 200, 1))
settle_for_serving()
print(gc.get_freeze_count() > 10_000, gc.get_threshold()[0] == YOUNG_GENERATION)
"""


def test_the_dataset_is_put_out_of_the_collectors_reach():
    done = subprocess.run(
        [sys.executable, "-c", SETTLE], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["True", "True"], done.stderr
