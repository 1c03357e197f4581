"""Login backoff arithmetic without a database (auth/rules.py)."""

from __future__ import annotations

import pytest

from skillbase.auth.rules import backoff_seconds, retry_after


@pytest.mark.parametrize(("failures", "delay"), [(0, 0), (4, 0), (5, 1), (6, 2), (7, 4), (12, 128), (13, 256), (14, 300), (10_000, 300)])
def test_the_delay_starts_after_the_free_failures_and_doubles_up_to_the_cap(failures: int, delay: float) -> None:
    assert backoff_seconds(failures, free=5, cap=300) == delay


@pytest.mark.parametrize(("delay", "since", "wait"), [(0, 0, 0), (1, 0, 1), (8, 5, 3), (8, 7.2, 1), (8, 8, 0), (8, 60, 0)])
def test_retry_after_is_what_is_left_rounded_up(delay: float, since: float, wait: int) -> None:
    assert retry_after(delay, since) == wait
