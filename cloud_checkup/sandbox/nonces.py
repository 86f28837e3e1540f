"""The signature nonces the gateway has seen, so that a replayed request is refused.

Alibaba refuses a ``SignatureNonce`` used again within its replay window. Nonces are
remembered in the order they arrive, so forgetting the expired ones only ever looks
at the oldest: each request costs the same however many came before it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

# How long a nonce stays used: a little over the 15 minutes of allowed clock skew
# either side of the gateway's clock.
NONCE_WINDOW = 31 * 60


class NonceLedger:
    """Nonces seen within the last ``window`` seconds.

    Args:
        clock: monotonic seconds (tests pass a fake one).
    """

    def __init__(
        self,
        window: float = NONCE_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._window = window
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def record(self, nonce: str) -> bool:
        """Remember ``nonce``; False if it was already used within the window."""
        now = self._clock()
        self._forget_before(now - self._window)
        if nonce in self._seen:
            return False
        self._seen[nonce] = now
        return True

    def _forget_before(self, cutoff: float) -> None:
        while self._seen:
            oldest, seen_at = next(iter(self._seen.items()))
            if seen_at > cutoff:
                return
            del self._seen[oldest]
