"""Moving the development clock: every change is audited."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.dev.schemas import ClockRead, ClockSet


def read_clock() -> ClockRead:
    return ClockRead(now=clock.now(), today=clock.today(), offset_days=clock.offset().days)


async def set_clock(session: AsyncSession, data: ClockSet, actor: Principal) -> ClockRead:
    before = clock.offset().days
    clock.set_offset(timedelta(days=data.offset_days))
    await audit.record(session, "dev.clock_set", actor=actor, details={"offset_days_before": before, "offset_days": data.offset_days})
    return read_clock()
