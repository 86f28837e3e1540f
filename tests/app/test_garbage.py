"""Collections are spaced out while scans run, and put back when the last one ends."""

from __future__ import annotations

import gc

import pytest

from cloud_checkup.app.garbage import YOUNG_GENERATION, spaced_collections


@pytest.fixture
def default_threshold():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_the_young_generation_grows_during_a_scan_and_is_put_back(default_threshold):
    with spaced_collections:
        assert gc.get_threshold() == (YOUNG_GENERATION, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_scans_put_it_back_only_when_the_last_ends(default_threshold):
    spaced_collections.__enter__()  # the first scan starts
    spaced_collections.__enter__()  # a second starts before it ends
    spaced_collections.__exit__(None, None, None)  # the first ends
    assert gc.get_threshold()[0] == YOUNG_GENERATION
    spaced_collections.__exit__(None, None, None)  # the second ends
    assert gc.get_threshold() == (700, 10, 10)


def test_a_larger_threshold_set_by_the_program_is_kept(default_threshold):
    gc.set_threshold(50_000, 10, 10)
    with spaced_collections:
        assert gc.get_threshold()[0] == 50_000
    assert gc.get_threshold()[0] == 50_000
