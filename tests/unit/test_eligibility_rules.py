"""Every eligibility rule at its boundaries (domain.md §1, §2), without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from skillbase.applications.form import ApplicationForm
from skillbase.applications.rules import Check, EligibilityCode, Facts, category_checks, evaluate, exclusivity_check, failures
from skillbase.calls.rules import CHINA_TZ
from skillbase.calls.schemas import default_policies
from skillbase.models.enums import BaseType, OrganizationCategory
from tests.forms import complete_form, partners

POLICIES = default_policies(list(BaseType))
SLOTS = frozenset(s.value for s in POLICIES[BaseType.skills_upgrading].required_attachments)
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=CHINA_TZ)


def facts(
    base_type: BaseType,
    *,
    category: str | None = None,
    qualifications: tuple[str, ...] = ("chain_leader",),
    form: dict | None = None,
    other: frozenset[BaseType] = frozenset(),
    now: datetime = NOW,
) -> Facts:  # type: ignore[type-arg]
    default_category = {
        BaseType.skills_upgrading: "technical_school",
        BaseType.industry_chain: "enterprise",
        BaseType.competition: "enterprise",
    }[base_type]
    return Facts(
        base_type=base_type,
        policy=POLICIES[base_type],
        form=ApplicationForm.model_validate(form if form is not None else complete_form(base_type)),
        call_status="published",
        call_opens_on=date(2026, 1, 1),
        call_deadline=date(2026, 12, 31),
        now=now,
        organization_status="verified",
        organization_category=category or default_category,
        organization_qualifications=list(qualifications),
        other_live_base_types=other,
        attachment_slots=SLOTS,
    )


def failed_codes(f: Facts) -> set[str]:
    return {c.code for c in failures(evaluate(f))}


@pytest.mark.parametrize("base_type", list(BaseType))
def test_a_complete_application_of_each_type_passes(base_type: BaseType) -> None:
    assert failed_codes(facts(base_type)) == set()


def with_eligibility(base_type: BaseType, **changes: object) -> dict:  # type: ignore[type-arg]
    form = complete_form(base_type)
    form["eligibility"] |= changes
    return form


@pytest.mark.parametrize(("volume", "ok"), [(499, False), (500, True)])
def test_training_volume_boundary_500(volume: int, ok: bool) -> None:
    codes = failed_codes(facts(BaseType.skills_upgrading, form=with_eligibility(BaseType.skills_upgrading, training_volume=volume)))
    assert ("TRAINING_VOLUME_TOO_LOW" in codes) is not ok


@pytest.mark.parametrize(("n", "ok"), [(4, False), (5, True)])
def test_cooperating_enterprises_boundary_5(n: int, ok: bool) -> None:
    form = with_eligibility(BaseType.skills_upgrading, cooperating_enterprises=partners(n))
    assert ("TOO_FEW_COOPERATING_ENTERPRISES" in failed_codes(facts(BaseType.skills_upgrading, form=form))) is not ok


def test_unnamed_partners_do_not_count() -> None:
    form = with_eligibility(BaseType.skills_upgrading, cooperating_enterprises=[*partners(4), {"name": None}])
    assert "TOO_FEW_COOPERATING_ENTERPRISES" in failed_codes(facts(BaseType.skills_upgrading, form=form))


@pytest.mark.parametrize(("posts", "ok"), [(299, False), (300, True)])
def test_posts_boundary_300(posts: int, ok: bool) -> None:
    form = with_eligibility(BaseType.industry_chain, posts_offered=posts)
    assert ("TOO_FEW_POSTS" in failed_codes(facts(BaseType.industry_chain, form=form))) is not ok


@pytest.mark.parametrize(("n", "ok"), [(2, False), (3, True)])
def test_ecosystem_enterprises_boundary_3(n: int, ok: bool) -> None:
    form = with_eligibility(BaseType.industry_chain, ecosystem_enterprises=partners(n))
    assert ("TOO_FEW_ECOSYSTEM_ENTERPRISES" in failed_codes(facts(BaseType.industry_chain, form=form))) is not ok


@pytest.mark.parametrize(("n", "ok"), [(0, False), (1, True)])
def test_partner_institution_boundary_1(n: int, ok: bool) -> None:
    form = with_eligibility(BaseType.industry_chain, partner_institutions=partners(n))
    assert ("TOO_FEW_PARTNER_INSTITUTIONS" in failed_codes(facts(BaseType.industry_chain, form=form))) is not ok


def test_competition_needs_team_experience_emergency_logistics_and_selection() -> None:
    form = complete_form(BaseType.competition)
    form["eligibility"] = {}
    assert failed_codes(facts(BaseType.competition, form=form)) >= {
        "SUPPORT_TEAM_MISSING",
        "COMPETITION_EXPERIENCE_MISSING",
        "EMERGENCY_CAPABILITY_MISSING",
        "LOGISTICS_SUPPORT_MISSING",
        "STAGED_SELECTION_PLAN_MISSING",
    }


ALLOWED = {
    BaseType.skills_upgrading: {"higher_education", "technical_school", "training_institution", "enterprise_training_center"},
    BaseType.industry_chain: {"enterprise"},
    BaseType.competition: {"enterprise", "technical_school", "vocational_school", "training_institution"},
}


@pytest.mark.parametrize("base_type", list(BaseType))
@pytest.mark.parametrize("category", [c.value for c in OrganizationCategory])
def test_each_category_against_each_base_type(base_type: BaseType, category: str) -> None:
    checks = category_checks(base_type, POLICIES[base_type], category, ["chain_leader"])
    allowed = all(c.passed for c in checks if c.code.startswith("CATEGORY"))
    assert allowed is (category in ALLOWED[base_type])


def test_industry_chain_needs_at_least_one_enterprise_qualification() -> None:
    assert "QUALIFICATION_REQUIRED" in failed_codes(facts(BaseType.industry_chain, qualifications=()))
    assert "QUALIFICATION_REQUIRED" not in failed_codes(facts(BaseType.industry_chain, qualifications=("listed_company",)))


def test_skills_upgrading_is_refused_beside_a_live_industry_chain() -> None:
    check = exclusivity_check(BaseType.skills_upgrading, frozenset({BaseType.industry_chain}))
    assert not check.passed and check.code == "EXCLUSIVE_BASE_TYPES" and "不可同时申报" in check.message


def test_industry_chain_is_refused_beside_a_live_skills_upgrading() -> None:
    assert not exclusivity_check(BaseType.industry_chain, frozenset({BaseType.skills_upgrading})).passed


@pytest.mark.parametrize("training_base", [BaseType.skills_upgrading, BaseType.industry_chain])
def test_competition_base_is_allowed_beside_either_training_base(training_base: BaseType) -> None:
    assert exclusivity_check(BaseType.competition, frozenset({training_base})).passed
    assert exclusivity_check(training_base, frozenset({BaseType.competition})).passed


def test_deadline_last_second_and_first_second_after() -> None:
    last = datetime(2026, 12, 31, 23, 59, 59, tzinfo=CHINA_TZ)
    assert "DEADLINE_PASSED" not in failed_codes(facts(BaseType.skills_upgrading, now=last))
    assert "DEADLINE_PASSED" in failed_codes(facts(BaseType.skills_upgrading, now=last + timedelta(seconds=1)))


def test_unverified_organisation_is_refused() -> None:
    f = replace(facts(BaseType.skills_upgrading), organization_status="pending")
    assert "ORGANIZATION_NOT_VERIFIED" in failed_codes(f)


def test_missing_attachments_and_declarations_are_each_listed() -> None:
    form = complete_form()
    form["declarations"] = {}
    f = replace(facts(BaseType.skills_upgrading, form=form), attachment_slots=frozenset({"licence"}))
    checks = failures(evaluate(f))
    assert sum(c.code == "ATTACHMENT_MISSING" for c in checks) == 5
    assert {c.code for c in checks} >= {"NO_PENALTY_NOT_DECLARED", "PREMISES_NOT_DECLARED", "MANAGEMENT_RULES_NOT_DECLARED"}


def test_an_empty_form_lists_every_missing_section() -> None:
    checks = failures(evaluate(facts(BaseType.skills_upgrading, form={})))
    fields = {c.field for c in checks}
    assert {"cover.form_filler", "table_1_2.project_background", "table_4.funding", "specialties"} <= fields


def test_each_specialty_is_checked_on_its_own() -> None:
    form = complete_form(specialties=("数控车工", "电工"))
    form["specialties"][1]["capacity_items"][0]["year2_acceptance"] = ""
    checks = failures(evaluate(facts(BaseType.skills_upgrading, form=form)))
    assert [c.field for c in checks] == ["specialties.1.capacity_items"]
    assert "表3-2-2" in checks[0].message


# --- code + params: what a translating client needs beside the Chinese message -------------------------


def _failed(f: Facts, code: str) -> list[Check]:
    return [c for c in failures(evaluate(f)) if c.code == code]


def test_every_check_has_a_published_code() -> None:
    checks = evaluate(facts(BaseType.competition, form={}, now=NOW + timedelta(days=100)))
    assert all(isinstance(c.code, EligibilityCode) for c in checks)


def test_a_number_below_its_minimum_carries_minimum_and_actual() -> None:
    form = with_eligibility(BaseType.skills_upgrading, training_volume=320)
    [check] = _failed(facts(BaseType.skills_upgrading, form=form), "TRAINING_VOLUME_TOO_LOW")
    assert check.params == {"minimum": 500, "actual": 320}
    assert check.message.endswith("不少于 500（当前：320）")


def test_a_number_not_filled_in_has_actual_none() -> None:
    form = with_eligibility(BaseType.industry_chain, posts_offered=None)
    [check] = _failed(facts(BaseType.industry_chain, form=form), "TOO_FEW_POSTS")
    assert check.params == {"minimum": 300, "actual": None}
    assert "当前：未填写" in check.message


def test_a_passed_number_keeps_its_params() -> None:
    [check] = [c for c in evaluate(facts(BaseType.industry_chain)) if c.code == "TOO_FEW_POSTS_OK"]
    assert check.passed and check.params["minimum"] == 300 and isinstance(check.params["actual"], int)


def test_deadline_and_opening_date_are_iso_params() -> None:
    [passed] = evaluate(facts(BaseType.skills_upgrading))[:1]
    assert passed.code == "CALL_OPEN" and passed.params == {"deadline": "2026-12-31"}
    [late] = _failed(facts(BaseType.skills_upgrading, now=NOW + timedelta(days=100)), "DEADLINE_PASSED")
    assert late.params == {"deadline": "2026-12-31"}


def test_category_and_exclusivity_name_their_values() -> None:
    [check] = _failed(facts(BaseType.industry_chain, category="technical_school"), "CATEGORY_NOT_ALLOWED")
    assert check.params == {"base_type": "industry_chain", "allowed_categories": "enterprise", "category": "technical_school"}
    clash = exclusivity_check(BaseType.skills_upgrading, frozenset({BaseType.industry_chain}))
    assert clash.params == {"base_type": "skills_upgrading", "conflicting": "industry_chain"}


def test_attachments_declarations_and_sections_name_what_is_missing() -> None:
    form = complete_form(specialties=("数控车工", "电工"))
    form["declarations"] = {}
    form["cover"]["form_filler"] = ""
    form["specialties"][1]["goals"] = []
    f = replace(facts(BaseType.skills_upgrading, form=form), attachment_slots=SLOTS - {"teacher_list"})
    assert [c.params for c in _failed(f, "ATTACHMENT_MISSING")] == [{"slot": "teacher_list"}]
    assert {c.params["declaration"] for c in _failed(f, "NO_PENALTY_NOT_DECLARED")} == {"no_penalty_3y"}
    sections = [c.params for c in _failed(f, "SECTION_INCOMPLETE")]
    assert sections == [
        {"section": "cover.form_filler"},
        {"section": "specialty.goals", "specialty_no": 2, "specialty_name": "电工"},
    ]


def test_staged_goals_without_indicators_fail_as_an_incomplete_section() -> None:
    form = complete_form()
    form["table_2_2"]["staged_goals"] = [{"goal": "目标", "indicators": []}]
    [check] = [c for c in evaluate(facts(BaseType.skills_upgrading, form=form)) if c.field == "table_2_2.staged_goals"]
    assert not check.passed and check.code == "SECTION_INCOMPLETE" and check.params == {"section": "table_2_2.staged_goals"}
