"""The replay guard: a nonce is refused within its window and forgotten after it."""

from __future__ import annotations

from cloud_checkup.sandbox.nonces import NonceLedger


def _ledger(window: float = 60.0):
    now = [0.0]
    return NonceLedger(window, clock=lambda: now[0]), now


def test_a_nonce_is_refused_again_within_the_window():
    ledger, now = _ledger()
    assert ledger.record("a")
    now[0] = 59.9
    assert not ledger.record("a")
    assert ledger.record("b")


def test_a_nonce_may_be_used_again_once_its_window_has_passed():
    ledger, now = _ledger()
    assert ledger.record("a")
    now[0] = 60.0
    assert ledger.record("a")


def test_expired_nonces_are_forgotten_and_recent_ones_kept():
    ledger, now = _ledger()
    for second in range(100):
        now[0] = float(second)
        assert ledger.record(f"n{second}")
    # At 100 s, the nonces of seconds 0-40 are past the 60 s window.
    now[0] = 100.0
    assert ledger.record("late")
    assert len(ledger) == 60
    assert not ledger.record("n41")
