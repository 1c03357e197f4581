"""The periodic jobs the worker (notifications/worker.py) runs every cycle besides its own e-mails and review reminders.

This is the worker's composition root, as main.py is the API's: it names jobs of other domains so that the
notifications domain never imports them (the domains' import graph stays acyclic: indicators reads bases, which reads
applications, which notifies). Each job opens its own transactions and decides itself whether it is due.
"""

from __future__ import annotations

from skillbase.config import Settings
from skillbase.db import Database
from skillbase.indicators.service import refresh_daily
from skillbase.reports import service as reports
from skillbase.rosters.service import import_queued


async def refresh_indicators(db: Database, settings: Settings) -> None:
    """Every base's indicators once a Beijing day (the pace and the overdue reports move with time)."""
    async with db.transaction() as session:
        await refresh_daily(session)


async def remind_reports(db: Database, settings: Settings) -> None:
    """The months that have started get their reports; organisations are told once when one is due soon and once when
    it is overdue, administrators once per run about the newly overdue."""
    async with db.transaction() as session:
        await reports.remind(session, settings)


PERIODIC_JOBS = (
    remind_reports,
    # rosters uploaded while no API process could import them (or whose import was cut short before its claim)
    import_queued,
    refresh_indicators,
)
