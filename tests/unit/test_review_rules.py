"""Expert review rules without a database: panel size, conflicts, scoring, the aggregation arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from skillbase.calls.rules import DEFAULT_RUBRIC
from skillbase.reviews.rules import (
    Candidate,
    ExpertEmployer,
    aggregate,
    conflict_reason,
    panel_size_problem,
    rank,
    same_org_name,
    same_organisation,
    score_problems,
    specialty_match,
)


@pytest.mark.parametrize(("n", "ok"), [(0, False), (1, False), (2, False), (3, True), (4, False), (5, True), (6, False), (7, True)])
def test_panel_needs_at_least_three_and_an_odd_number(n: int, ok: bool) -> None:
    assert (panel_size_problem(n) is None) is ok


def test_expert_of_the_applicant_is_recognised_by_code_or_name() -> None:
    assert same_organisation("北京顺义航空装备制造有限公司", None, "北京顺义航空装备制造 有限公司", "X")
    assert same_organisation("某大学", "91110113MA0000003X", "另一个名字", "91110113ma0000003x")
    assert not same_organisation("北京工业技师学院", None, "北京市顺义区高级技工学校", "X")


@pytest.mark.parametrize(
    ("expert", "applicant"),
    [
        ("北京市顺义区技师学院", "顺义区技师学院"),  # a region prefix added
        ("北京市" + "顺义区技师学院", "北京顺义区技师学院"),  # 北京市 / 北京
        ("顺义区 技师学院", "顺义区技师学院"),  # whitespace
        ("北京（顺义）航空有限公司", "北京(顺义)航空有限公司"),  # full- and half-width brackets
        ("ＡＢＣ科技有限公司", "abc科技有限公司"),  # full-width letters
        ("中国北京市顺义区技师学院", "技师学院"),
    ],
)
def test_names_equal_but_for_region_prefixes_brackets_and_spaces_are_the_same(expert: str, applicant: str) -> None:
    assert same_org_name(expert, applicant)


@pytest.mark.parametrize(
    ("expert", "applicant"),
    [
        ("朝阳区第一中学", "顺义区第一中学"),  # two districts: two schools
        ("北京工业技师学院", "北京市顺义区高级技工学校"),
        ("北京市", "北京市"),  # a bare region is nobody's name
        ("顺义区技师学院分院", "顺义区技师学院"),
    ],
)
def test_different_names_are_not_the_same(expert: str, applicant: str) -> None:
    assert not same_org_name(expert, applicant)


def test_conflict_compares_linked_organisation_and_credit_codes_before_names() -> None:
    code = "91110113MA0000003X"
    assert "关联" in (conflict_reason(ExpertEmployer(name="完全不同的名字", organization_id=7), 7, "申报单位", code) or "")
    assert "信用代码" in (conflict_reason(ExpertEmployer(name="另一家", credit_code=code.lower()), 1, "申报单位", code) or "")
    linked = ExpertEmployer(name="简称", organization_id=2, organization_credit_code=code, organization_name="全称有限公司")
    assert "信用代码" in (conflict_reason(linked, 1, "另一个名字", code) or "")
    assert "名称相同" in (conflict_reason(ExpertEmployer(name="北京市顺义区某学校"), 1, "顺义区某学校", code) or "")
    assert (
        conflict_reason(ExpertEmployer(name="别的单位", organization_id=2, credit_code="91110113MA00000048"), 1, "申报单位", code) is None
    )


def test_specialty_match_counts_declared_specialties_covered() -> None:
    assert specialty_match(["数控车工", "钳工"], ["数控车工", "电工"]) == 1
    assert specialty_match(["数控"], ["数控车工", "数控铣工"]) == 2
    assert specialty_match([], ["数控车工"]) == 0


def test_suggestions_rank_eligible_then_match_then_load() -> None:
    ranked = rank(
        [
            Candidate(1, "甲", match=2, load=5, excluded=None),
            Candidate(2, "乙", match=2, load=1, excluded=None),
            Candidate(3, "丙", match=3, load=0, excluded="本单位专家"),
            Candidate(4, "丁", match=0, load=0, excluded=None),
        ]
    )
    assert [c.expert_id for c in ranked] == [2, 1, 4, 3]


def test_scores_must_be_whole_numbers_within_each_maximum() -> None:
    full = {c["key"]: c["max_points"] for c in DEFAULT_RUBRIC}
    assert score_problems(full, DEFAULT_RUBRIC, complete=True) == []
    too_much = full | {"management": 16}
    assert [p["field"] for p in score_problems(too_much, DEFAULT_RUBRIC, complete=True)] == ["scores.management"]
    assert score_problems(full | {"teachers": 7.5}, DEFAULT_RUBRIC, complete=True)
    assert score_problems(full | {"nonsense": 1}, DEFAULT_RUBRIC, complete=True)
    partial = {"management": 10}
    assert score_problems(partial, DEFAULT_RUBRIC, complete=False) == []
    assert len(score_problems(partial, DEFAULT_RUBRIC, complete=True)) == len(DEFAULT_RUBRIC) - 1


def test_aggregation_worked_example() -> None:
    # three experts: 82, 75, 91 -> mean 82.67, median 82, spread 16; with a divergence threshold of 15 it is flagged
    result = aggregate([82, 75, 91], [True, False, True], divergence_points=15)
    assert result.mean == Decimal("82.67") and result.median == Decimal("82.00")
    assert result.spread == 16 and result.diverges is True
    assert (result.recommend_votes, result.against_votes, result.majority_recommends) == (2, 1, True)
    calm = aggregate([80, 85, 90, 70, 75], [False, False, True, False, True], divergence_points=20)
    assert calm.mean == Decimal("80.00") and calm.median == Decimal("80.00") and calm.diverges is False
    assert calm.majority_recommends is False
