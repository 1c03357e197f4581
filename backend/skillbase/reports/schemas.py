from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from skillbase.models.enums import BaseType, CompetitionLevel, ReportPart, ReportStatus

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)
Figure = Annotated[int | None, Field(ge=0, le=1_000_000)]
Narrative = Annotated[str, Field(max_length=10_000)]


class ReportDraft(BaseModel):
    """What the organisation writes: the narrative and the figures it declares (shown beside the roster counts)."""

    model_config = Input

    progress: Narrative = Field(default="", description="本月工作进展")
    problems: Narrative = Field(default="", description="存在问题")
    next_plan: Narrative = Field(default="", description="下月工作计划")
    declared_trainees: Figure = Field(default=None, description="本月培训人次")
    declared_certified_trainees: Figure = Field(default=None, description="其中取证人数")
    declared_certificates: Figure = Field(default=None, description="本月取证人次")
    declared_senior_certificates: Figure = Field(default=None, description="其中高级工及以上")
    declared_surveyed: Figure = Field(default=None, description="参与满意度调查人数")
    declared_satisfied: Figure = Field(default=None, description="其中满意人数")
    declared_competitions: Figure = Field(default=None, description="本月举办竞赛场次")

    @model_validator(mode="after")
    def _satisfied_within_surveyed(self) -> ReportDraft:
        if self.declared_satisfied is not None and self.declared_surveyed is not None and self.declared_satisfied > self.declared_surveyed:
            raise ValueError("满意人数不能多于参与调查人数")
        return self


class ReportSummary(BaseModel):
    """A row of a report list."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    base_id: uuid.UUID
    month_no: int = Field(description="建设月（第几个月）")
    period_starts_on: date
    period_ends_on: date
    due_on: date = Field(description="报送截止日")
    status: ReportStatus
    overdue: bool = Field(description="已过截止日仍未报送（待报送或退回修改）")
    submitted_versions: int
    submitted_at: datetime | None


class ReportQueueItem(ReportSummary):
    """A row of the administrators' queue: the report with its base and organisation."""

    base_title: str
    base_type: BaseType
    organization_id: uuid.UUID
    organization_name: str


class ReportAttachmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    description: str
    original_name: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime


class CompetitionWrite(BaseModel):
    model_config = Input

    name: str = Field(min_length=1, max_length=200)
    level: CompetitionLevel
    starts_on: date
    ends_on: date = Field(description="结束日期：须在本月报所属建设月内")
    organiser: str = Field(min_length=1, max_length=200, description="主办单位")
    occupation: str = Field(default="", max_length=100, description="竞赛职业（工种）")
    contestants: int = Field(ge=0, le=1_000_000)
    winners: int = Field(default=0, ge=0, le=1_000_000)
    notes: str = Field(default="", max_length=2000)


class CompetitionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    base_id: uuid.UUID
    report_id: uuid.UUID
    name: str
    level: CompetitionLevel
    starts_on: date
    ends_on: date
    organiser: str
    occupation: str
    contestants: int
    winners: int
    notes: str
    version: int = Field(description="修改、删除时作为 If-Match 发送")


class RosterSummary(BaseModel):
    """An imported roster of the report, as the submitted version lists it."""

    id: uuid.UUID
    kind: str
    original_name: str
    sha256: str
    rows_total: int


class ReportRead(ReportQueueItem):
    """One report as its editor and reviewer show it."""

    version: int = Field(description="草稿版本号（If-Match）")
    editable: bool
    progress: str
    problems: str
    next_plan: str
    declared_trainees: int | None
    declared_certified_trainees: int | None
    declared_certificates: int | None
    declared_senior_certificates: int | None
    declared_surveyed: int | None
    declared_satisfied: int | None
    declared_competitions: int | None
    reviewed_at: datetime | None
    return_reasons: dict[ReportPart, str] = Field(description="最近一次退回时每一部分的退回理由")
    competitions: list[CompetitionRead]
    attachments: list[ReportAttachmentRead]


Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ReportReturn(BaseModel):
    model_config = Input

    reasons: dict[ReportPart, Reason] = Field(description="退回的部分及各自的理由（至少一部分，理由不能为空）")


class ReportVersionSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    version_no: int
    submitted_at: datetime
    submitted_by_id: uuid.UUID
    outcome: str | None = Field(description="accepted / returned；尚未审核为空")
    outcome_at: datetime | None


class ReportSnapshot(BaseModel):
    """What was submitted, as submitted."""

    narrative: dict[str, str]
    figures: dict[str, int | None]
    competitions: list[CompetitionRead]
    attachments: list[ReportAttachmentRead]
    rosters: list[RosterSummary]


class ReportVersionRead(ReportVersionSummary):
    snapshot: ReportSnapshot
    outcome_reasons: dict[ReportPart, str] | None
