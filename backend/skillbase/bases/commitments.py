"""A base's commitments, frozen from its call at recognition, and the construction calendar, as pure functions.

Months of construction (domain.md §7, interpretation): the period starts on the recognition date; month m runs from the
same day m - 1 months later up to the day before the same day m months later. When that month has no such day (a base
recognised on 31 January has no 31 February), the month starts on the first day of the next month instead, so that the
months follow each other without a gap or an overlap:

    recognised 2026-01-31: month 1 = 01-31 .. 02-28, month 2 = 03-01 .. 03-30, month 3 = 03-31 .. 04-30, ...

The construction period ends the day before month `construction_months + 1` starts. Month 1 is the first month of
construction year 1; month 13 the first of year 2; months past the period (an improvement year) keep counting.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from skillbase.models.enums import CompetitionLevel


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier, when negative), clamped to the end of a shorter month."""
    year, month = _shift(day, months)
    return date(year, month, min(day.day, _days_in(year, month)))


def month_starts_on(starts_on: date, month: int) -> date:
    """The first day of construction month `month` (1-based) of a period starting on `starts_on`."""
    if month < 1:
        raise ValueError("construction months count from 1")
    year, m = _shift(starts_on, month - 1)
    if starts_on.day <= _days_in(year, m):
        return date(year, m, starts_on.day)
    return date(year, m, _days_in(year, m)) + timedelta(days=1)  # no such day: the first of the next month


def construction_ends_on(starts_on: date, construction_months: int) -> date:
    """The last day of a construction period of `construction_months` months: the day before the same day that many
    months later (the day before the first of the following month when that month has no such day)."""
    if construction_months < 1:
        raise ValueError("a construction period lasts at least one month")
    return month_starts_on(starts_on, construction_months + 1) - timedelta(days=1)


def construction_month(starts_on: date, day: date) -> int:
    """Which construction month `day` falls in (1 = the month starting on `starts_on`); ValueError before the start."""
    if day < starts_on:
        raise ValueError(f"{day} is before the construction period starts ({starts_on})")
    month = (day.year - starts_on.year) * 12 + day.month - starts_on.month + 1
    return month if day >= month_starts_on(starts_on, month) else month - 1


def tranches(subsidy_fen: int, first_tranche_percent: int) -> tuple[int, int]:
    """(first, final) tranche in fen: the first is the percentage rounded down, the final the rest, so both sum to the
    subsidy exactly."""
    if subsidy_fen < 0 or not 1 <= first_tranche_percent <= 100:
        raise ValueError("subsidy must be non-negative and the first tranche 1..100 %")
    first = subsidy_fen * first_tranche_percent // 100
    return first, subsidy_fen - first


@dataclass(frozen=True)
class Commitments:
    """What a base committed to at recognition: the column values of the same names on `bases`."""

    call_id: uuid.UUID
    title: str
    subsidy_fen: int
    first_tranche_percent: int
    first_tranche_fen: int
    final_tranche_fen: int
    construction_starts_on: date
    construction_ends_on: date
    construction_months: int
    improvement_months: int
    report_due_day: int
    year1_certificate_target: int | None
    two_year_certificate_target: int | None
    satisfaction_floor_percent: int | None
    certification_rate_floor_percent: int | None
    capacity_per_year: int | None
    brand_award_fen: int | None
    brand_volume_multiplier: int | None
    high_skill_award_per_step_fen: int | None
    high_skill_step: int | None
    high_skill_award_cap_fen: int | None
    competition_min_count: int | None
    competition_min_level: CompetitionLevel | None
    competition_min_contestants: int | None

    def columns(self) -> dict[str, Any]:
        return asdict(self)


_COPIED = (
    "year1_certificate_target",
    "two_year_certificate_target",
    "satisfaction_floor_percent",
    "certification_rate_floor_percent",
    "capacity_per_year",
    "brand_award_fen",
    "brand_volume_multiplier",
    "high_skill_award_per_step_fen",
    "high_skill_step",
    "high_skill_award_cap_fen",
    "competition_min_count",
    "competition_min_contestants",
)


def freeze(*, call_id: uuid.UUID, policy: Mapping[str, Any], report_due_day: int, recognised_on: date) -> Commitments:
    """The commitments of a base recognised on `recognised_on` under a call's policy for its base type (a
    `calls.schemas.BaseTypePolicy` as stored in `calls.policies`)."""
    subsidy, percent = int(policy["subsidy_fen"]), int(policy["first_tranche_percent"])
    first, final = tranches(subsidy, percent)
    months = int(policy["construction_months"])
    return Commitments(
        call_id=call_id,
        title=str(policy["title"]),
        subsidy_fen=subsidy,
        first_tranche_percent=percent,
        first_tranche_fen=first,
        final_tranche_fen=final,
        construction_starts_on=recognised_on,
        construction_ends_on=construction_ends_on(recognised_on, months),
        construction_months=months,
        improvement_months=int(policy["improvement_months"]),
        report_due_day=report_due_day,
        competition_min_level=CompetitionLevel(level) if (level := policy.get("competition_min_level")) else None,
        **{key: policy.get(key) for key in _COPIED},
    )
