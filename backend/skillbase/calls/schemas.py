from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from skillbase.calls.rules import (
    DEFAULT_POLICIES,
    DEFAULT_PUBLICITY_DAYS,
    DEFAULT_REPORT_DUE_DAY,
    DEFAULT_RUBRIC,
    DEFAULT_SCORE_DIVERGENCE_POINTS,
)
from skillbase.models.enums import AttachmentSlot, BaseType, CallStatus, OrganizationCategory

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)
Count = Field(default=None, ge=0, le=1_000_000)
Percent = Field(default=None, ge=0, le=100)
Fen = Field(default=None, ge=0, le=10_000_000_000)


class BaseTypePolicy(BaseModel):
    """Every policy number of one base type within a call (domain.md §2-§4). Money in integer fen."""

    model_config = Input

    title: str = Field(min_length=2, max_length=100, description="认定称号")
    allowed_categories: list[OrganizationCategory] = Field(min_length=1)
    requires_enterprise_qualification: bool = False
    subsidy_fen: int = Field(ge=0, le=10_000_000_000, description="建设补助（分）")
    first_tranche_percent: int = Field(ge=1, le=100, description="首次拨付比例 %")
    min_training_volume: int | None = Count
    min_cooperating_enterprises: int | None = Count
    min_posts: int | None = Count
    min_ecosystem_enterprises: int | None = Count
    min_partner_institutions: int | None = Count
    requires_support_team: bool = False
    requires_past_competitions: bool = False
    year1_certificate_target: int | None = Count
    two_year_certificate_target: int | None = Count
    satisfaction_floor_percent: int | None = Percent
    certification_rate_floor_percent: int | None = Percent
    capacity_per_year: int | None = Count
    competition_min_count: int | None = Count
    competition_min_level: Literal["district", "city", "national"] | None = None
    competition_min_contestants: int | None = Count
    construction_months: int = Field(default=24, ge=1, le=60)
    improvement_months: int = Field(default=12, ge=0, le=36)
    brand_award_fen: int | None = Fen
    brand_volume_multiplier: int | None = Field(default=None, ge=1, le=10)
    high_skill_award_per_step_fen: int | None = Fen
    high_skill_step: int | None = Field(default=None, ge=1, le=100_000)
    high_skill_award_cap_fen: int | None = Fen
    required_attachments: list[AttachmentSlot] = Field(default_factory=list)

    @field_validator("allowed_categories", "required_attachments")
    @classmethod
    def _unique(cls, v: list[StrEnum]) -> list[StrEnum]:
        return list(dict.fromkeys(v))


class RubricCriterion(BaseModel):
    model_config = Input

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{1,39}$")
    name: str = Field(min_length=1, max_length=50)
    description: str = Field(default="", max_length=300)
    max_points: int = Field(ge=1, le=100)


def _check_rubric(rubric: list[RubricCriterion]) -> list[RubricCriterion]:
    keys = [c.key for c in rubric]
    if len(keys) != len(set(keys)):
        raise ValueError("评分细则的标识不能重复")
    if sum(c.max_points for c in rubric) != 100:
        raise ValueError("评分细则各项分值之和应为 100 分")
    return rubric


def default_policies(base_types: list[BaseType]) -> dict[BaseType, BaseTypePolicy]:
    return {bt: BaseTypePolicy.model_validate(DEFAULT_POLICIES[bt]) for bt in base_types}


def default_rubric() -> list[RubricCriterion]:
    return [RubricCriterion.model_validate(c) for c in DEFAULT_RUBRIC]


class _CallFields(BaseModel):
    model_config = Input

    name: str = Field(min_length=2, max_length=200)
    year: int = Field(ge=2020, le=2100)
    district_code: str = Field(default="110113", pattern=r"^\d{6}$")
    opens_on: date
    deadline: date
    valid_until: date
    base_types: list[BaseType] = Field(default_factory=lambda: list(BaseType), min_length=1)
    policies: dict[BaseType, BaseTypePolicy] | None = None
    rubric: list[RubricCriterion] | None = None
    publicity_days: int = Field(default=DEFAULT_PUBLICITY_DAYS, ge=1, le=60)
    report_due_day: int = Field(default=DEFAULT_REPORT_DUE_DAY, ge=1, le=28)
    score_divergence_points: int = Field(default=DEFAULT_SCORE_DIVERGENCE_POINTS, ge=1, le=100)


class CallCreate(_CallFields):
    """Omitted policies or rubric take the seed policy's defaults."""

    @model_validator(mode="after")
    def _complete(self) -> CallCreate:
        self.base_types = list(dict.fromkeys(self.base_types))
        if not (self.opens_on <= self.deadline <= self.valid_until):
            raise ValueError("日期应满足：开始日期 ≤ 申报截止日期 ≤ 有效期截止日期")
        defaults = default_policies(self.base_types)
        given = self.policies or {}
        self.policies = {bt: given.get(bt, defaults[bt]) for bt in self.base_types}
        self.rubric = _check_rubric(self.rubric) if self.rubric is not None else default_rubric()
        return self


class CallUpdate(BaseModel):
    model_config = Input

    name: str | None = Field(default=None, min_length=2, max_length=200)
    year: int | None = Field(default=None, ge=2020, le=2100)
    district_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    opens_on: date | None = None
    deadline: date | None = None
    valid_until: date | None = None
    base_types: list[BaseType] | None = Field(default=None, min_length=1)
    policies: dict[BaseType, BaseTypePolicy] | None = None
    rubric: list[RubricCriterion] | None = None
    publicity_days: int | None = Field(default=None, ge=1, le=60)
    report_due_day: int | None = Field(default=None, ge=1, le=28)
    score_divergence_points: int | None = Field(default=None, ge=1, le=100)

    @field_validator("rubric")
    @classmethod
    def _rubric(cls, v: list[RubricCriterion] | None) -> list[RubricCriterion] | None:
        return _check_rubric(v) if v is not None else v


class CallRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    year: int
    district_code: str
    opens_on: date
    deadline: date
    valid_until: date
    status: CallStatus
    base_types: list[BaseType]
    policies: dict[BaseType, BaseTypePolicy]
    rubric: list[RubricCriterion]
    publicity_days: int
    report_due_day: int
    score_divergence_points: int
    version: int
    accepting_applications: bool = Field(description="现在是否可以提交申报（已发布且在申报期内，截止日按北京时间 23:59:59 计）")
    published_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime


class CallDefaults(BaseModel):
    policies: dict[BaseType, BaseTypePolicy]
    rubric: list[RubricCriterion]
    publicity_days: int
    report_due_day: int
    score_divergence_points: int
