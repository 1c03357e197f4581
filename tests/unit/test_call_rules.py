from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from skillbase.calls.rules import CHINA_TZ, DEFAULT_POLICIES, DEFAULT_RUBRIC, accepting_at, closes_at
from skillbase.calls.schemas import default_policies
from skillbase.models.enums import BaseType

DEADLINE = date(2024, 8, 31)
OPENS = date(2024, 6, 1)


def shanghai(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)  # type: ignore[misc]


def test_deadline_day_counts_until_235959_beijing_time() -> None:
    assert accepting_at(OPENS, DEADLINE, shanghai(2024, 8, 31, 23, 59, 59))
    assert accepting_at(OPENS, DEADLINE, shanghai(2024, 8, 31, 23, 59, 59, 999999))


def test_midnight_after_the_deadline_is_too_late() -> None:
    assert not accepting_at(OPENS, DEADLINE, shanghai(2024, 9, 1, 0, 0, 0))


def test_deadline_is_judged_in_beijing_time_not_utc() -> None:
    # 2024-08-31 16:00 UTC is already 2024-09-01 00:00 in Beijing
    assert not accepting_at(OPENS, DEADLINE, datetime(2024, 8, 31, 16, 0, 0, tzinfo=UTC))
    assert accepting_at(OPENS, DEADLINE, datetime(2024, 8, 31, 15, 59, 59, tzinfo=UTC))
    assert closes_at(DEADLINE) == shanghai(2024, 9, 1)


def test_a_call_does_not_accept_before_it_opens() -> None:
    assert not accepting_at(OPENS, DEADLINE, shanghai(2024, 5, 31, 23, 59, 59))
    assert accepting_at(OPENS, DEADLINE, shanghai(2024, 6, 1, 0, 0, 0))


@pytest.mark.parametrize(
    ("base_type", "subsidy_yuan", "first_percent", "year1", "two_year"),
    [
        (BaseType.skills_upgrading, 1_000_000, 40, 600, 1800),
        (BaseType.industry_chain, 500_000, 40, 300, 900),
        (BaseType.competition, 100_000, 100, None, None),
    ],
)
def test_defaults_are_the_policy_numbers(base_type: BaseType, subsidy_yuan: int, first_percent: int, year1: int, two_year: int) -> None:
    policy = default_policies([base_type])[base_type]
    assert policy.subsidy_fen == subsidy_yuan * 100
    assert policy.first_tranche_percent == first_percent
    assert policy.year1_certificate_target == year1
    assert policy.two_year_certificate_target == two_year


def test_default_rubric_sums_to_100() -> None:
    assert sum(c["max_points"] for c in DEFAULT_RUBRIC) == 100


def test_every_base_type_requires_the_six_attachments() -> None:
    for policy in DEFAULT_POLICIES.values():
        assert len(policy["required_attachments"]) == 6
