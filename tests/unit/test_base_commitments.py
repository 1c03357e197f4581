"""A base's commitments frozen from its call, and the construction calendar (bases/commitments.py), without a database."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from skillbase.bases.commitments import (
    add_months,
    construction_ends_on,
    construction_month,
    freeze,
    month_starts_on,
    tranches,
)
from skillbase.calls.schemas import default_policies
from skillbase.models.enums import BaseType


@pytest.mark.parametrize(
    ("subsidy", "percent", "first", "final"),
    [
        (100_000_000, 40, 40_000_000, 60_000_000),
        (50_000_000, 40, 20_000_000, 30_000_000),
        (10_000_000, 100, 10_000_000, 0),
        (101, 33, 33, 68),  # rounded down: the final tranche takes the odd fen
        (0, 40, 0, 0),
        (999_999_999, 1, 9_999_999, 990_000_000),
    ],
)
def test_tranches_sum_exactly_to_the_subsidy(subsidy: int, percent: int, first: int, final: int) -> None:
    assert tranches(subsidy, percent) == (first, final)
    assert first + final == subsidy


@pytest.mark.parametrize(("subsidy", "percent"), [(-1, 40), (100, 0), (100, 101)])
def test_tranches_refuse_impossible_numbers(subsidy: int, percent: int) -> None:
    with pytest.raises(ValueError):
        tranches(subsidy, percent)


@pytest.mark.parametrize(
    ("starts", "months", "ends"),
    [
        (date(2026, 3, 15), 24, date(2028, 3, 14)),
        (date(2026, 1, 1), 12, date(2026, 12, 31)),
        (date(2026, 1, 28), 1, date(2026, 2, 27)),
        # no 29, 30 or 31 February in 2027: the month ends with February
        (date(2027, 1, 29), 1, date(2027, 2, 28)),
        (date(2027, 1, 30), 1, date(2027, 2, 28)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        # 2028 is a leap year: 29 February exists, 30 and 31 do not
        (date(2028, 1, 29), 1, date(2028, 2, 28)),
        (date(2028, 1, 30), 1, date(2028, 2, 29)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        # recognised on a leap day: two years later there is no 29 February
        (date(2028, 2, 29), 24, date(2030, 2, 28)),
        (date(2026, 2, 28), 24, date(2028, 2, 27)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 5, 31), 24, date(2028, 5, 30)),
    ],
)
def test_construction_ends_the_day_before_the_same_day_months_later(starts: date, months: int, ends: date) -> None:
    assert construction_ends_on(starts, months) == ends


def test_construction_lasts_at_least_a_month() -> None:
    with pytest.raises(ValueError):
        construction_ends_on(date(2026, 1, 1), 0)


def test_months_follow_each_other_without_gap_or_overlap() -> None:
    for starts in (date(2027, 1, 31), date(2028, 1, 30), date(2026, 3, 31), date(2026, 2, 28), date(2026, 7, 15)):
        for m in range(1, 40):
            first, next_first = month_starts_on(starts, m), month_starts_on(starts, m + 1)
            assert first < next_first
            assert construction_month(starts, first) == m
            assert construction_month(starts, next_first - timedelta(days=1)) == m
        assert construction_ends_on(starts, 24) == month_starts_on(starts, 25) - timedelta(days=1)


@pytest.mark.parametrize(
    ("starts", "day", "month"),
    [
        (date(2026, 3, 15), date(2026, 3, 15), 1),
        (date(2026, 3, 15), date(2026, 4, 14), 1),
        (date(2026, 3, 15), date(2026, 4, 15), 2),
        (date(2026, 3, 15), date(2027, 3, 14), 12),
        (date(2026, 3, 15), date(2027, 3, 15), 13),  # the first month of construction year 2
        (date(2026, 3, 15), date(2028, 3, 14), 24),
        (date(2026, 3, 15), date(2028, 3, 15), 25),  # past the period: an improvement year keeps counting
        (date(2027, 1, 31), date(2027, 2, 28), 1),
        (date(2027, 1, 31), date(2027, 3, 1), 2),
        (date(2027, 1, 31), date(2027, 3, 30), 2),
        (date(2027, 1, 31), date(2027, 3, 31), 3),
        (date(2028, 1, 30), date(2028, 2, 29), 1),
        (date(2028, 1, 30), date(2028, 3, 1), 2),
    ],
)
def test_construction_month_of_a_day(starts: date, day: date, month: int) -> None:
    assert construction_month(starts, day) == month


def test_no_construction_month_before_the_start() -> None:
    with pytest.raises(ValueError):
        construction_month(date(2026, 3, 15), date(2026, 3, 14))


@pytest.mark.parametrize(
    ("day", "months", "shifted"),
    [
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 15), -13, date(2024, 12, 15)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 6, 30), 0, date(2026, 6, 30)),
    ],
)
def test_add_months_clamps_to_a_shorter_month(day: date, months: int, shifted: date) -> None:
    assert add_months(day, months) == shifted


@pytest.mark.parametrize("month", [1, 2, 12, 13, 24, 25])
def test_recognised_months_back_lands_in_that_month(month: int) -> None:
    for today in (date(2026, 3, 31), date(2026, 12, 1), date(2028, 2, 29), date(2027, 1, 30)):
        assert construction_month(add_months(today, 1 - month), today) == month


def _policy(base_type: BaseType) -> dict[str, object]:
    return default_policies([base_type])[base_type].model_dump(mode="json")


def test_freeze_copies_a_training_base_policy() -> None:
    call_id = uuid.uuid4()
    c = freeze(call_id=call_id, policy=_policy(BaseType.skills_upgrading), report_due_day=10, recognised_on=date(2026, 12, 1))
    assert c.call_id == call_id and c.title == "顺义区职业技能提升培训基地"
    assert (c.subsidy_fen, c.first_tranche_percent, c.first_tranche_fen, c.final_tranche_fen) == (100_000_000, 40, 40_000_000, 60_000_000)
    assert (c.construction_starts_on, c.construction_ends_on, c.construction_months) == (date(2026, 12, 1), date(2028, 11, 30), 24)
    assert (c.improvement_months, c.report_due_day) == (12, 10)
    assert (c.year1_certificate_target, c.two_year_certificate_target, c.capacity_per_year) == (600, 1800, 900)
    assert (c.satisfaction_floor_percent, c.certification_rate_floor_percent) == (95, 90)
    assert (c.brand_award_fen, c.brand_volume_multiplier) == (5_000_000, 2)
    assert (c.high_skill_award_per_step_fen, c.high_skill_step, c.high_skill_award_cap_fen) == (5_000_000, 100, 50_000_000)
    assert (c.competition_min_count, c.competition_min_level, c.competition_min_contestants) == (None, None, None)


def test_freeze_copies_a_competition_base_policy() -> None:
    c = freeze(call_id=uuid.uuid4(), policy=_policy(BaseType.competition), report_due_day=5, recognised_on=date(2027, 1, 31))
    assert (c.subsidy_fen, c.first_tranche_fen, c.final_tranche_fen) == (10_000_000, 10_000_000, 0)
    assert (c.competition_min_count, c.competition_min_level, c.competition_min_contestants) == (1, "district", 300)
    assert c.year1_certificate_target is None and c.brand_award_fen is None and c.high_skill_step is None
    assert c.construction_ends_on == date(2029, 1, 30)
    assert set(c.columns()) >= {"call_id", "title", "subsidy_fen", "report_due_day", "competition_min_level"}
