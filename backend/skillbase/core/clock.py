"""The one clock of the application: every business decision asks it what time and what day it is.

- `now()`: the current instant, timezone-aware UTC.
- `china_now()`: the same instant in Beijing time (Asia/Shanghai).
- `today()`: the current date in Beijing — periods, deadlines and due dates are Beijing calendar days.

Two things move it, both process-wide (module state, so code running inside the ASGI app during a test, the
worker and the CLI all see the same time):

- tests freeze and move it (`freeze` / `unfreeze`, wrapped by the `frozen_clock` fixture in tests/conftest.py);
- development shifts it by whole days (`set_offset`): from the setting CLOCK_OFFSET_DAYS at start-up, or at run
  time through the development-only `POST /api/v1/dev/clock` (absent outside ENVIRONMENT=development), so the
  end-to-end tests and demo scenarios let time pass instead of editing dates in the database.

Record timestamps the database fills (created_at / updated_at server defaults) need not come from here; anything
that decides (a period over, a review due, a login wait) must. tests/unit/test_clock.py fails on a new
`datetime.now` / `date.today` / `time.time` elsewhere in backend/skillbase.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from skillbase.config import Settings

CHINA_TZ = ZoneInfo("Asia/Shanghai")

_frozen_at: datetime | None = None  # tests: the time stands still here (before the offset)
_offset: timedelta = timedelta(0)  # development: how far the clock runs ahead of (or behind) the real time


def now() -> datetime:
    """The current instant, aware, in UTC."""
    base = _frozen_at if _frozen_at is not None else datetime.now(UTC)
    return base + _offset


def china_now() -> datetime:
    """The current instant in Beijing time."""
    return now().astimezone(CHINA_TZ)


def today() -> date:
    """Today's date in Beijing."""
    return china_now().date()


def offset() -> timedelta:
    return _offset


def set_offset(delta: timedelta) -> None:
    """Run the clock `delta` ahead of the real (or frozen) time. Development and tests only: config.py refuses
    CLOCK_OFFSET_DAYS in production and the endpoint that calls this exists only in development."""
    global _offset
    _offset = delta


def freeze(at: datetime) -> None:
    """Stop the clock at `at` (aware). For tests."""
    global _frozen_at
    if at.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    _frozen_at = at.astimezone(UTC)


def frozen_at() -> datetime | None:
    return _frozen_at


def unfreeze() -> None:
    global _frozen_at
    _frozen_at = None


def configure(settings: Settings) -> None:
    """Apply CLOCK_OFFSET_DAYS at start-up (the API's lifespan, the worker, the CLI). config.py refuses the setting in
    production; refused here too, so no path around the validator shifts a production clock."""
    if settings.clock_offset_days and settings.environment == "production":
        raise RuntimeError("CLOCK_OFFSET_DAYS is refused in production")
    set_offset(timedelta(days=settings.clock_offset_days))
