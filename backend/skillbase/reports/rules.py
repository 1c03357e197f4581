"""The reporting calendar as pure functions (domain.md §7): report m covers construction month m from recognition
(`bases.commitments.month_starts_on`) and is due on the base's `report_due_day` of the calendar month after the month
ends; overdue once past that day while not (re)submitted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from skillbase.bases.commitments import add_months, construction_month, month_starts_on
from skillbase.models.enums import ReportStatus
from skillbase.reports.workflow import OPEN


@dataclass(frozen=True)
class Period:
    month_no: int
    starts_on: date
    ends_on: date
    due_on: date


def period(starts_on: date, month_no: int, report_due_day: int) -> Period:
    first = month_starts_on(starts_on, month_no)
    last = month_starts_on(starts_on, month_no + 1) - timedelta(days=1)
    following = add_months(last.replace(day=1), 1)
    return Period(month_no, first, last, following.replace(day=report_due_day))


def started_months(starts_on: date, construction_months: int, today: date) -> int:
    """How many construction months have started by `today` (0 before the start), never more than the period has."""
    if today < starts_on:
        return 0
    return min(construction_month(starts_on, today), construction_months)


def periods_started(starts_on: date, construction_months: int, report_due_day: int, today: date) -> list[Period]:
    return [period(starts_on, m, report_due_day) for m in range(1, started_months(starts_on, construction_months, today) + 1)]


def is_overdue(status: ReportStatus | str, due_on: date, today: date) -> bool:
    """The same rule as `repository.overdue` (the SQL the lists filter on)."""
    return ReportStatus(status) in OPEN and due_on < today
