from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from skillbase.calls.schemas import RubricCriterion
from skillbase.models.enums import ApplicationStatus, BaseType, Declaration, ReviewStatus

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SectionReason(BaseModel):
    model_config = Input

    section: str = Field(min_length=1, max_length=60, description="表格或部分，例如 table_1_2 / 表1-2")
    reason: str = Field(min_length=1, max_length=2000)


class FormalCheckCreate(BaseModel):
    model_config = Input

    decision: Literal["pass", "return"]
    reasons: list[SectionReason] = Field(default_factory=list, max_length=50)
    comment: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _return_needs_reasons(self) -> FormalCheckCreate:
        if self.decision == "return" and not self.reasons:
            raise ValueError("退回修改时请逐项写明理由")
        return self


class FormalCheckRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    version_no: int
    decision: str
    reasons: list[SectionReason]
    comment: str | None
    decided_at: datetime


class ExpertSuggestion(BaseModel):
    expert_id: uuid.UUID
    name: str
    organization_name: str
    title: str
    specialties: list[str]
    match: int = Field(description="覆盖的申报专业数")
    load: int = Field(description="进行中的评审任务数")
    excluded: str | None = Field(description="不能入选的原因（如本单位专家）")


class PanelCreate(BaseModel):
    model_config = Input

    expert_ids: list[uuid.UUID] = Field(min_length=1, max_length=15)
    lead_expert_id: uuid.UUID
    due_on: date | None = None


class MemberReplace(BaseModel):
    model_config = Input

    new_expert_id: uuid.UUID
    reason: str = Field(min_length=1, max_length=500)


class MemberRead(BaseModel):
    id: uuid.UUID
    expert_id: uuid.UUID
    name: str
    organization_name: str
    title: str
    mobile: str | None
    is_lead: bool
    declaration: Declaration
    review_status: ReviewStatus | None
    removed: bool
    removed_reason: str | None


class ReviewBody(BaseModel):
    """What an expert enters: scores by rubric key, the site inspection, the opinion, the recommendation."""

    model_config = Input

    scores: dict[str, Any] = Field(default_factory=dict)
    site_visit: SiteVisit = Field(default_factory=lambda: SiteVisit())
    opinion: str | None = Field(default=None, max_length=5000)
    recommend: bool | None = None


class Finding(BaseModel):
    model_config = Input

    item: str = Field(min_length=1, max_length=200, description="核查事项，例如 场所设备符合安全标准")
    result: Literal["pass", "fail", "partly"] | None = None
    note: str | None = Field(default=None, max_length=2000)


class SiteVisit(BaseModel):
    model_config = Input

    visited_on: date | None = None
    place: str | None = Field(default=None, max_length=300)
    findings: list[Finding] = Field(default_factory=list, max_length=30)


ReviewBody.model_rebuild()


class PhotoRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    original_name: str
    content_type: str
    size_bytes: int
    uploaded_at: datetime


class ReviewRead(BaseModel):
    id: uuid.UUID
    member_id: uuid.UUID
    expert_name: str
    scores: dict[str, Any]
    total: int
    site_visit: SiteVisit
    opinion: str | None
    recommend: bool | None
    status: ReviewStatus
    submitted_at: datetime | None
    version: int
    photos: list[PhotoRead]


class ExpertTotal(BaseModel):
    expert_name: str
    total: int
    recommend: bool | None


class Assignment(BaseModel):
    member_id: uuid.UUID
    application_id: uuid.UUID
    organization_name: str
    base_type: BaseType
    call_name: str
    application_status: ApplicationStatus
    specialties: list[str]
    is_lead: bool
    declaration: Declaration
    review_status: ReviewStatus | None
    due_on: date | None
    version_no: int = Field(description="评审的申报版本")
    rubric: list[RubricCriterion]


class DeclarationCreate(BaseModel):
    model_config = Input

    conflict: bool
    note: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _conflict_needs_note(self) -> DeclarationCreate:
        if self.conflict and not self.note:
            raise ValueError("声明存在利益冲突时请说明情况")
        return self


class PanelResultRead(BaseModel):
    complete: bool
    totals: list[ExpertTotal]
    mean: Decimal | None
    median: Decimal | None
    spread: int | None
    diverges: bool | None
    divergence_points: int
    recommend_votes: int
    against_votes: int
    majority_recommends: bool | None


class PanelRead(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    version_no: int
    due_on: date | None
    members: list[MemberRead]
    panel_opinion: str | None
    opinion_at: datetime | None
    reviews: list[ReviewRead] = Field(description="只含调用者有权查看的评审（专家须先提交自己的评审）")
    result: PanelResultRead | None


class Opinion(BaseModel):
    model_config = Input

    text: str = Field(min_length=1, max_length=5000)


class Reason(BaseModel):
    model_config = Input

    reason: str = Field(min_length=1, max_length=2000)


class DecisionCreate(BaseModel):
    model_config = Input

    decision: Literal["approve", "reject"]
    admin_opinion: str = Field(min_length=1, max_length=5000, description="行政部门审核意见（含理由）")


class DecisionRead(BaseModel):
    """The decision as made, and whether it still stands: an approval is superseded when an objection is upheld."""

    model_config = ConfigDict(from_attributes=True)

    decision: Literal["approved", "rejected"] = Field(description="作出的决定（被撤销后仍保留原决定）")
    admin_opinion: str
    decided_at: datetime
    superseded_at: datetime | None = Field(description="被撤销的时间（公示异议成立）")
    superseded_reason: str | None = Field(description="被撤销的理由")
    superseded_by_objection_id: uuid.UUID | None = Field(description="撤销该决定的异议")

    @computed_field(description="决定是否仍然有效")  # type: ignore[prop-decorator]
    @property
    def in_force(self) -> bool:
        return self.superseded_at is None
