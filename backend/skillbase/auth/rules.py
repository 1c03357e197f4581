"""Login throttling arithmetic, pure (the numbers come from Settings).

Why a progressive delay and not a lockout: a hard per-account lockout after N failures lets anyone lock the
owner out by typing wrong passwords on purpose. Instead, after `free` failures every further attempt on the
account must wait `base * 2^(failures - free)` seconds after the last failure (1, 2, 4, 8 … s), capped at
`cap`. A guesser gets a few tries an hour; the owner waits seconds (at most `cap`) and then gets in.

Which failures count against a caller (see auth/service.py): from an address the owner has recently logged in
from, only the failures from that address (an attacker elsewhere cannot slow the owner down there at all);
from any other address, every failure on the account. The per-address block (many failures from one address
over any accounts) stays a hard 429 for the window.
"""

from __future__ import annotations

import math


def backoff_seconds(failures: int, *, free: int, cap: int, base: float = 1.0) -> float:
    """How long after the last failure the next attempt must wait: 0 for the first `free` failures."""
    if failures < free:
        return 0.0
    exponent = min(failures - free, 62)  # 2**62 s is far past any cap; keeps the float finite
    return float(min(base * 2.0**exponent, cap))


def retry_after(delay: float, seconds_since_last_failure: float) -> int:
    """Whole seconds still to wait (0: go ahead). Rounded up, so a client that waits Retry-After is let in."""
    remaining = delay - seconds_since_last_failure
    return math.ceil(remaining) if remaining > 0 else 0
