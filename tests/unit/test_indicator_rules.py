"""indicators/rules.py without a database: exact rates, the projection, years, qualifying competitions, flags."""

from __future__ import annotations

from typing import Any

import pytest

from skillbase.indicators import rules
from skillbase.indicators.rules import Risk, Targets
from skillbase.models.enums import CompetitionLevel
from skillbase.models.indicators import MONTH_FIGURES

TRAINING = Targets(600, 1800, 95, 90, 900, None, None, None)
COMPETITION = Targets(None, None, None, None, None, 1, CompetitionLevel.district, 300)


def month(no: int, **figures: int) -> dict[str, Any]:
    return {"month_no": no, **dict.fromkeys(MONTH_FIGURES, 0), **figures}


@pytest.mark.parametrize(
    ("part", "whole", "floor", "met"),
    [
        (950, 1000, 95, True),
        (949, 1000, 95, False),
        (19, 20, 95, True),
        (900, 1000, 90, True),
        (899, 1000, 90, False),
        (0, 0, 95, None),
        (5, 5, None, None),
    ],
)
def test_rates_compare_exactly_with_integers(part: int, whole: int, floor: int | None, met: bool | None) -> None:
    assert rules.rate_met(part, whole, floor) is met


def test_years_are_twelve_months_and_the_improvement_year_is_the_third() -> None:
    assert [rules.year_of(m) for m in (1, 12, 13, 24, 25, 36, 40)] == [1, 1, 2, 2, 3, 3, 3]
    with pytest.raises(ValueError, match="from 1"):
        rules.year_of(0)


def test_months_elapsed_counts_whole_months_of_the_year_only() -> None:
    assert rules.months_elapsed(None, 1) == 0
    assert [rules.months_elapsed(m, 1) for m in (1, 2, 7, 12, 13, 30)] == [0, 1, 6, 11, 12, 12]
    assert [rules.months_elapsed(m, 2) for m in (5, 13, 14, 25)] == [0, 0, 1, 12]


def test_projection_is_the_pace_times_twelve_rounded_down_and_absent_before_a_whole_month() -> None:
    assert rules.project(301, 6) == 602
    assert rules.project(100, 7) == 171  # 171.4
    assert rules.project(5, 0) is None
    assert rules.project(599, 12) == 599


@pytest.mark.parametrize(
    ("level", "contestants", "ok"),
    [("district", 300, True), ("district", 299, False), ("school", 300, False), ("national", 300, True), ("city", 10_000, True)],
)
def test_a_competition_qualifies_at_the_minimum_level_and_300_contestants(level: str, contestants: int, ok: bool) -> None:
    assert rules.qualifies(level, contestants, CompetitionLevel.district, 300) is ok
    assert rules.qualifies(level, contestants, None, None) is False


def test_year_one_at_the_target_passes_and_one_below_is_flagged() -> None:
    met = rules.year_result([month(3, certificates=600)], TRAINING, 1, current_month=13)
    assert (met.certificates_assessed, met.reached_permille, met.projection, met.flags) == (600, 1000, 600, [])
    short = rules.year_result([month(3, certificates=599)], TRAINING, 1, current_month=13)
    assert [f.risk for f in short.flags] == [Risk.certificates_short] and short.reached_permille == 998


def test_year_two_is_assessed_cumulatively_against_the_two_year_target() -> None:
    months = [month(2, certificates=700), month(14, certificates=300, trainees=80, certified_trainees=80)]
    y2 = rules.year_result(months, TRAINING, 2, current_month=16)  # 3 months of year 2 over
    assert y2.certificates_assessed == 1000 and y2.certificate_target == 1800
    assert y2.projection == 700 + 300 * 12 // 3 == 1900
    assert y2.capacity_projection == 80 * 12 // 3 == 320
    assert [f.risk for f in y2.flags] == [Risk.capacity_short]


def test_rates_below_their_floors_are_flagged_with_their_numbers() -> None:
    y1 = rules.year_result([month(1, surveyed=1000, satisfied=949, trainees=1000, certified_trainees=899)], TRAINING, 1, 2)
    flags = {f.risk: f.rule for f in y1.flags}
    assert "949 × 100 < 95 × 1000" in flags[Risk.satisfaction_low]
    assert "899 × 100 < 90 × 1000" in flags[Risk.certification_low]


def test_a_competition_base_is_flagged_from_year_two_without_a_qualifying_competition() -> None:
    assert rules.progress([month(2, competitions=1)], COMPETITION, 10).risks == []
    late = rules.progress([month(2, competitions=1)], COMPETITION, 14)
    assert late.risks == [Risk.competition_missing] and late.reached_permille == 0
    done = rules.progress([month(15, competitions=1, qualifying_competitions=1)], COMPETITION, 16)
    assert done.risks == [] and done.reached_permille == 1000


def test_declared_figures_differing_from_the_computed_ones_are_listed_and_blank_ones_ignored() -> None:
    m = {**month(1, certificates=2, trainees=3), "declared_certificates": 3, "declared_trainees": 3, "declared_surveyed": None}
    assert rules.declared_differences(m) == ["declared_certificates"]


def test_before_the_period_starts_nothing_is_projected_or_flagged() -> None:
    p = rules.progress([], TRAINING, None)
    assert (p.current_month, p.projection, p.at_risk) == (None, None, False)
