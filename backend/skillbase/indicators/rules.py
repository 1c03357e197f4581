"""Indicators against targets as pure functions (domain.md §4 and §7): per-year targets from a base's frozen
commitments, the share reached, the projection to the year's end, the risk flags, the declared-vs-computed check.

Integers only. A rate is compared exactly: satisfied × 100 ≥ floor × surveyed (95.0 % passes a 95 % floor, 94.9 %
fails); shares are shown in per-mille, rounded down.

Years. Construction month m belongs to year (m - 1) // 12 + 1: year 1 = months 1–12, year 2 = 13–24, year 3 = the
improvement months 25–36. Certificate targets are assessed cumulatively, as the assessments do: year 1 counts months
1–12 against the year-1 target; year 2 counts months 1–24 against the two-year target; the improvement year counts
months 1–36 against the same two-year target.

Projection (documented reading of "the pace so far"): with e = whole construction months of the year already ended
(0..12; the current month is not over, and its report is not even due), a year's count c is projected to
c × 12 // e at the year's end (floor); a year that is over (e = 12) projects to its count; before a month has ended
(e = 0) there is no pace and no projection. A cumulative target adds the earlier years' counts to the projection.
A flag is raised when the projection falls short of the target, or a rate (over the year) falls below its floor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from skillbase.models.enums import COMPETITION_LEVEL_RANK, CompetitionLevel
from skillbase.models.indicators import MONTH_FIGURES

MONTHS_PER_YEAR = 12
LAST_YEAR = 3  # year 3 = the improvement year (months 25–36)

# declared figure of a report -> the figure computed from its rosters and competitions
DECLARED_PAIRS: tuple[tuple[str, str], ...] = (
    ("declared_trainees", "trainees"),
    ("declared_certified_trainees", "certified_trainees"),
    ("declared_certificates", "certificates"),
    ("declared_senior_certificates", "senior_certificates"),
    ("declared_surveyed", "surveyed"),
    ("declared_satisfied", "satisfied"),
    ("declared_competitions", "competitions"),
)

PROJECTION_RULE = (
    "推算 = 本年度取证人次 ÷ 本年度已结束的整月数 × 12（向下取整），累计目标另加此前年度的人次；"
    "本年度尚无结束的整月时不推算；年度结束后即为实际数。"
    "比率按整数比较：满意人数 × 100 ≥ 下限 × 调查人数，取证人数 × 100 ≥ 下限 × 结业人次。"
)

Month = Mapping[str, int | None]  # month_no, the MONTH_FIGURES and the declared_* of one row of base_month_figures


class Risk(StrEnum):
    """Why a base is flagged; each is one rule below."""

    certificates_short = "certificates_short"  # projected (or final) certificates below the target
    satisfaction_low = "satisfaction_low"  # satisfied × 100 < floor × surveyed
    certification_low = "certification_low"  # certified × 100 < floor × trainees
    capacity_short = "capacity_short"  # year-2 trainees projected below the capacity target
    competition_missing = "competition_missing"  # year 2 or later without the required qualifying competitions


@dataclass(frozen=True)
class Targets:
    """The commitments the indicators are measured against (the base's frozen columns of the same names)."""

    year1_certificate_target: int | None
    two_year_certificate_target: int | None
    satisfaction_floor_percent: int | None
    certification_rate_floor_percent: int | None
    capacity_per_year: int | None
    competition_min_count: int | None
    competition_min_level: CompetitionLevel | None
    competition_min_contestants: int | None

    @classmethod
    def of(cls, base: object) -> Targets:
        """From a base, its commitments, or a row mapping with the same names."""
        values = {name: base[name] if isinstance(base, Mapping) else getattr(base, name) for name in cls.__dataclass_fields__}
        level = values["competition_min_level"]
        values["competition_min_level"] = CompetitionLevel(level) if level is not None else None
        return cls(**values)

    @property
    def is_competition(self) -> bool:
        return self.year1_certificate_target is None and self.competition_min_count is not None


@dataclass(frozen=True)
class Flag:
    risk: Risk
    rule: str  # the rule with the numbers it used, in Chinese


@dataclass
class YearResult:
    year: int
    first_month: int
    last_month: int
    months_elapsed: int
    figures: dict[str, int]  # the year's own sums of MONTH_FIGURES
    certificates_assessed: int  # cumulative from month 1 to the year's end (or today)
    certificate_target: int | None
    reached_permille: int | None
    projection: int | None
    projected_permille: int | None
    satisfaction_permille: int | None
    satisfaction_met: bool | None
    certification_permille: int | None
    certification_met: bool | None
    capacity_projection: int | None  # year 2 only
    qualifying_competitions_assessed: int  # cumulative, like the certificates
    flags: list[Flag] = field(default_factory=list)


def year_of(month_no: int) -> int:
    """Construction year of month `month_no` (1-based); months past 36 stay in year 3."""
    if month_no < 1:
        raise ValueError("construction months count from 1")
    return min((month_no - 1) // MONTHS_PER_YEAR + 1, LAST_YEAR)


def first_month(year: int) -> int:
    return (year - 1) * MONTHS_PER_YEAR + 1


def months_elapsed(current_month: int | None, year: int) -> int:
    """Whole months of `year` already ended when today is in `current_month` (None: before the start)."""
    if current_month is None:
        return 0
    return max(0, min(MONTHS_PER_YEAR, current_month - first_month(year)))


def permille(part: int, whole: int | None) -> int | None:
    """part ÷ whole in ‰, rounded down; None without a whole."""
    if not whole:
        return None
    return part * 1000 // whole


def rate_met(part: int, whole: int, floor_percent: int | None) -> bool | None:
    """part ÷ whole ≥ floor %, exactly (part × 100 ≥ floor × whole); None when there is no floor or nothing to rate."""
    if floor_percent is None or whole == 0:
        return None
    return part * 100 >= floor_percent * whole


def project(count: int, elapsed: int) -> int | None:
    """The year's count projected to its end from the pace so far (see the module docstring)."""
    if elapsed <= 0:
        return None
    return count * MONTHS_PER_YEAR // elapsed


def qualifies(level: CompetitionLevel | str, contestants: int, min_level: CompetitionLevel | None, min_contestants: int | None) -> bool:
    """A competition counts toward the target when its level ranks at least the minimum and it had enough contestants."""
    if min_level is None or min_contestants is None:
        return False
    return COMPETITION_LEVEL_RANK[CompetitionLevel(level)] >= COMPETITION_LEVEL_RANK[min_level] and contestants >= min_contestants


def sums(months: Iterable[Month], lo: int, hi: int) -> dict[str, int]:
    """MONTH_FIGURES summed over months lo..hi."""
    total = dict.fromkeys(MONTH_FIGURES, 0)
    for m in months:
        if lo <= int(m["month_no"] or 0) <= hi:
            for name in MONTH_FIGURES:
                total[name] += int(m[name] or 0)
    return total


def declared_differences(month: Month) -> list[str]:
    """The declared figures of a month that differ from the computed ones (a blank declared figure is not compared)."""
    return [declared for declared, computed in DECLARED_PAIRS if month.get(declared) is not None and month[declared] != month[computed]]


def year_result(months: Sequence[Month], targets: Targets, year: int, current_month: int | None) -> YearResult:
    lo, hi = first_month(year), first_month(year) + MONTHS_PER_YEAR - 1
    own = sums(months, lo, hi)
    before = sums(months, 1, lo - 1)
    elapsed = months_elapsed(current_month, year)
    assessed = before["certificates"] + own["certificates"]
    target = targets.year1_certificate_target if year == 1 else targets.two_year_certificate_target
    pace = project(own["certificates"], elapsed)
    projection = None if pace is None or target is None else before["certificates"] + pace
    flags: list[Flag] = []
    if target is not None and projection is not None and projection < target:
        flags.append(
            Flag(
                Risk.certificates_short,
                f"取证人次预计 {projection} < 目标 {target}（第{year}年已过 {elapsed} 个月取证 {own['certificates']} 人次，"
                f"按 {own['certificates']} ÷ {elapsed} × 12 推算，加此前 {before['certificates']} 人次）",
            )
        )
    satisfaction = rate_met(own["satisfied"], own["surveyed"], targets.satisfaction_floor_percent)
    if satisfaction is False:
        flags.append(
            Flag(
                Risk.satisfaction_low,
                f"满意度 {own['satisfied']}/{own['surveyed']} 低于 {targets.satisfaction_floor_percent}%"
                f"（{own['satisfied']} × 100 < {targets.satisfaction_floor_percent} × {own['surveyed']}）",
            )
        )
    certification = rate_met(own["certified_trainees"], own["trainees"], targets.certification_rate_floor_percent)
    if certification is False:
        flags.append(
            Flag(
                Risk.certification_low,
                f"取证率 {own['certified_trainees']}/{own['trainees']} 低于 {targets.certification_rate_floor_percent}%"
                f"（{own['certified_trainees']} × 100 < {targets.certification_rate_floor_percent} × {own['trainees']}）",
            )
        )
    capacity_projection = project(own["trainees"], elapsed) if year == 2 else None
    if capacity_projection is not None and targets.capacity_per_year is not None and capacity_projection < targets.capacity_per_year:
        flags.append(
            Flag(
                Risk.capacity_short,
                f"第2年培训人次预计 {capacity_projection} < 年培训能力目标 {targets.capacity_per_year}"
                f"（已过 {elapsed} 个月培训 {own['trainees']} 人次）",
            )
        )
    qualifying = before["qualifying_competitions"] + own["qualifying_competitions"]
    required = targets.competition_min_count
    if targets.is_competition and required is not None and year >= 2 and qualifying < required:
        flags.append(
            Flag(
                Risk.competition_missing,
                f"达标竞赛 {qualifying} 场 < 须承办 {required} 场（{targets.competition_min_level}级及以上、"
                f"参赛不少于 {targets.competition_min_contestants} 人）",
            )
        )
    return YearResult(
        year=year,
        first_month=lo,
        last_month=hi,
        months_elapsed=elapsed,
        figures=own,
        certificates_assessed=assessed,
        certificate_target=target,
        reached_permille=permille(assessed, target),
        projection=projection,
        projected_permille=permille(projection, target) if projection is not None else None,
        satisfaction_permille=permille(own["satisfied"], own["surveyed"]),
        satisfaction_met=satisfaction,
        certification_permille=permille(own["certified_trainees"], own["trainees"]),
        certification_met=certification,
        capacity_projection=capacity_projection,
        qualifying_competitions_assessed=qualifying,
        flags=flags,
    )


def years_shown(current_month: int | None, improvement_months: int) -> list[int]:
    """Years 1 and 2 always; the improvement year once the base is in it (and the call grants one)."""
    years = [1, 2]
    if improvement_months > 0 and current_month is not None and current_month > 2 * MONTHS_PER_YEAR:
        years.append(LAST_YEAR)
    return years


@dataclass
class Progress:
    """One base's row of the register (base_progress), from its month figures and today's construction month."""

    current_month: int | None
    current_year: int | None
    certificates: int
    certificate_target: int | None
    reached_permille: int | None
    projection: int | None
    projected_permille: int | None
    satisfaction_permille: int | None
    certification_permille: int | None
    capacity: int
    qualifying_competitions: int
    declared_mismatch_months: int
    at_risk: bool
    risks: list[str]


def progress(months: Sequence[Month], targets: Targets, current_month: int | None) -> Progress:
    year = year_of(current_month) if current_month is not None else None
    capacity = sums(months, first_month(2), first_month(3) - 1)["trainees"]
    qualifying = sums(months, 1, 10**6)["qualifying_competitions"]
    mismatched = sum(1 for m in months if declared_differences(m))
    if year is None:
        return Progress(None, None, 0, targets.year1_certificate_target, 0 if targets.year1_certificate_target else None,
                        None, None, None, None, capacity, qualifying, mismatched, False, [])  # fmt: skip
    result = year_result(months, targets, year, current_month)
    if targets.is_competition:
        reached = permille(result.qualifying_competitions_assessed, targets.competition_min_count)
    else:
        reached = result.reached_permille
    return Progress(
        current_month=current_month,
        current_year=year,
        certificates=result.certificates_assessed,
        certificate_target=result.certificate_target,
        reached_permille=reached,
        projection=result.projection,
        projected_permille=result.projected_permille,
        satisfaction_permille=result.satisfaction_permille,
        certification_permille=result.certification_permille,
        capacity=capacity,
        qualifying_competitions=qualifying,
        declared_mismatch_months=mismatched,
        at_risk=bool(result.flags),
        risks=[f.risk.value for f in result.flags],
    )
