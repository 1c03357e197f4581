from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from skillbase.models.enums import BaseStatus, BaseType, CompetitionLevel

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BaseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    application_id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str
    base_type: BaseType
    title: str
    specialties: list[str]
    recognised_on: date
    document_number: str
    plaque_issued_on: date | None
    status: BaseStatus


class BaseCommitments(BaseModel):
    """What the base committed to at recognition, copied from its call then; a later edit of the call changes none of it."""

    model_config = ConfigDict(from_attributes=True)

    call_id: uuid.UUID
    title: str = Field(description="认定称号")
    subsidy_fen: int = Field(description="建设补助（分）")
    first_tranche_percent: int = Field(description="首次拨付比例 %")
    first_tranche_fen: int = Field(description="首次拨付（分）")
    final_tranche_fen: int = Field(description="验收后拨付（分）；与首次拨付之和等于建设补助")
    construction_starts_on: date = Field(description="建设期开始（认定日）")
    construction_ends_on: date = Field(description="建设期最后一日")
    construction_months: int
    improvement_months: int = Field(description="改进期（月）")
    report_due_day: int = Field(description="每月进展报送截止日（次月几号）")
    year1_certificate_target: int | None = Field(description="第一年取证人次目标（技能大赛集训基地为空）")
    two_year_certificate_target: int | None
    satisfaction_floor_percent: int | None
    certification_rate_floor_percent: int | None
    capacity_per_year: int | None = Field(description="建设期满后年培训能力（人次）")
    brand_award_fen: int | None = Field(description="特色劳务品牌奖励（分）")
    brand_volume_multiplier: int | None
    high_skill_award_per_step_fen: int | None = Field(description="高技能人才评价奖励：每满一档（分）")
    high_skill_step: int | None
    high_skill_award_cap_fen: int | None
    competition_min_count: int | None = Field(description="须承办的技能大赛次数（仅技能大赛集训基地）")
    competition_min_level: CompetitionLevel | None
    competition_min_contestants: int | None


class BaseDetail(BaseRead):
    commitments: BaseCommitments
    construction_month: int | None = Field(description="今天所在的建设月（第 1 个月起算；建设期开始前为空）")
    version: int = Field(description="专账与联系人的版本号（修改时作为 If-Match）")
    account_bank: str | None = Field(description="专账开户行")
    account_number: str | None = Field(description="专账账号（本单位与有权限的管理员可见全文，其他人只见后四位）")
    contact_name: str | None = Field(description="基地联系人")
    contact_mobile: str | None = Field(description="联系人手机（本单位与有权限的管理员可见全文，其他人打码）")
    editable_by_me: bool = Field(description="调用者可修改专账与联系人（基地所属单位的管理员账号）")


class BaseContactsUpdate(BaseModel):
    """The organisation keeps its base's dedicated account (专账) and contact current; fields left out stay as they are."""

    model_config = Input

    account_bank: str | None = Field(default=None, min_length=2, max_length=200)
    account_number: str | None = Field(default=None, min_length=4, max_length=64, pattern=r"^[0-9][0-9 -]*[0-9]$")
    contact_name: str | None = Field(default=None, min_length=1, max_length=50)
    contact_mobile: str | None = Field(default=None, pattern=r"^1[3-9][0-9]{9}$", description="11 位手机号")


class PlaqueIssue(BaseModel):
    model_config = Input

    issued_on: date
