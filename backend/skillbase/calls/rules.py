"""Policy defaults (from the seed policy, domain.md §2-§4) and the call's date rules, as pure functions.

Every number here is only a default: a call stores its own copy, which an administrator may change.
Amounts are integer fen (分): 1 yuan = 100 fen.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from skillbase.core.clock import CHINA_TZ as CHINA_TZ  # re-exported: callers import it from here
from skillbase.models.enums import AttachmentSlot, BaseType, OrganizationCategory

YUAN = 100  # fen per yuan

REQUIRED_ATTACHMENTS = [
    AttachmentSlot.licence,
    AttachmentSlot.equipment_list,
    AttachmentSlot.teacher_list,
    AttachmentSlot.project_management_rules,
    AttachmentSlot.finance_management_rules,
    AttachmentSlot.safety_management_rules,
]

_TRAINING_BASE_AWARDS: dict[str, Any] = {
    # 特色劳务品牌: 50,000 yuan once, when annual trainees >= 2 x the year-1 certificate target (interpretation)
    "brand_award_fen": 50_000 * YUAN,
    "brand_volume_multiplier": 2,
    # 高技能人才评价奖励: 50,000 yuan per full 100 senior-or-above certificates beyond the two-year target, max 500,000
    "high_skill_award_per_step_fen": 50_000 * YUAN,
    "high_skill_step": 100,
    "high_skill_award_cap_fen": 500_000 * YUAN,
}

DEFAULT_POLICIES: dict[BaseType, dict[str, Any]] = {
    BaseType.skills_upgrading: {
        "title": "顺义区职业技能提升培训基地",
        "allowed_categories": [
            OrganizationCategory.higher_education,
            OrganizationCategory.technical_school,
            OrganizationCategory.training_institution,
            OrganizationCategory.enterprise_training_center,
        ],
        "requires_enterprise_qualification": False,
        "subsidy_fen": 1_000_000 * YUAN,
        "first_tranche_percent": 40,
        "min_training_volume": 500,
        "min_cooperating_enterprises": 5,
        "year1_certificate_target": 600,
        "two_year_certificate_target": 1800,
        "satisfaction_floor_percent": 95,
        "certification_rate_floor_percent": 90,
        "capacity_per_year": 900,
        **_TRAINING_BASE_AWARDS,
    },
    BaseType.industry_chain: {
        "title": "顺义区产业链企业培训基地",
        "allowed_categories": [OrganizationCategory.enterprise],
        "requires_enterprise_qualification": True,
        "subsidy_fen": 500_000 * YUAN,
        "first_tranche_percent": 40,
        "min_posts": 300,
        "min_ecosystem_enterprises": 3,
        "min_partner_institutions": 1,
        "year1_certificate_target": 300,
        "two_year_certificate_target": 900,
        "satisfaction_floor_percent": 95,
        "certification_rate_floor_percent": 90,
        "capacity_per_year": 450,
        **_TRAINING_BASE_AWARDS,
    },
    BaseType.competition: {
        "title": "技能大赛集训基地",
        "allowed_categories": [
            OrganizationCategory.enterprise,
            OrganizationCategory.technical_school,
            OrganizationCategory.vocational_school,
            OrganizationCategory.training_institution,
        ],
        "requires_enterprise_qualification": False,
        "subsidy_fen": 100_000 * YUAN,
        "first_tranche_percent": 100,
        "requires_support_team": True,
        "requires_past_competitions": True,
        "competition_min_count": 1,
        "competition_min_level": "district",
        "competition_min_contestants": 300,
    },
}
for _policy in DEFAULT_POLICIES.values():
    _policy.setdefault("required_attachments", list(REQUIRED_ATTACHMENTS))
    _policy.setdefault("construction_months", 24)
    _policy.setdefault("improvement_months", 12)

# (interpretation) The policy names the review headings but no weights: a default summing to 100.
DEFAULT_RUBRIC: list[dict[str, Any]] = [
    {"key": "management", "name": "规范管理", "description": "管理制度、组织体系、风险管理", "max_points": 15},
    {"key": "training_capacity", "name": "培训能力", "description": "培训评价规模、场地设备、实训条件", "max_points": 20},
    {"key": "teachers", "name": "师资队伍", "description": "师资数量、结构与水平", "max_points": 15},
    {"key": "cooperation", "name": "校企合作", "description": "合作企业、行业组织与院校的稳定合作", "max_points": 15},
    {"key": "construction_plan", "name": "建设方案", "description": "思路、目标与建设内容的可行性", "max_points": 15},
    {"key": "output_targets", "name": "产出指标", "description": "可量化、可监测的年度目标", "max_points": 10},
    {"key": "safeguards", "name": "保障措施", "description": "管理机构、保障机制与经费保障", "max_points": 10},
]

DEFAULT_PUBLICITY_DAYS = 7  # (interpretation) the policy sets no length; 7 calendar days
DEFAULT_REPORT_DUE_DAY = 10  # (interpretation) monthly progress report due on the 10th of the next month
DEFAULT_SCORE_DIVERGENCE_POINTS = 20  # flag a panel whose totals differ by more than this


def opens_at(opens_on: date) -> datetime:
    return datetime.combine(opens_on, time.min, CHINA_TZ)


def closes_at(deadline: date) -> datetime:
    """The deadline day counts to 23:59:59 in Beijing time: the first instant after it is the next day's 00:00."""
    return datetime.combine(deadline + timedelta(days=1), time.min, CHINA_TZ)


def accepting_at(opens_on: date, deadline: date, now: datetime) -> bool:
    return opens_at(opens_on) <= now < closes_at(deadline)
