from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from skillbase.bases.schemas import BaseRead
from skillbase.models.enums import ApplicationStatus, BaseType, NoticeStatus, ObjectionStatus

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NoticeCreate(BaseModel):
    model_config = Input

    title: str = Field(min_length=2, max_length=200)
    body: str = Field(min_length=1, max_length=10000)
    contact: str = Field(min_length=2, max_length=300, description="联系方式（电话、地址）")
    application_ids: list[uuid.UUID] = Field(min_length=1, max_length=100)
    starts_on: date | None = Field(default=None, description="默认今天（北京时间）；不得早于发布之日")
    ends_on: date | None = Field(default=None, description="默认按申报批次的公示天数；公示期不得短于该天数")

    @model_validator(mode="after")
    def _dates(self) -> NoticeCreate:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("公示结束日期不能早于开始日期")
        return self


class NoticePublish(BaseModel):
    """Optional at publication: a new period for a draft whose start has passed (else the draft's dates)."""

    model_config = Input

    starts_on: date | None = Field(default=None, description="新的开始日期（不得早于今天，北京时间）")
    ends_on: date | None = Field(default=None, description="新的结束日期；只给开始日期时按公示天数计算")

    @model_validator(mode="after")
    def _dates(self) -> NoticePublish:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("公示结束日期不能早于开始日期")
        return self


class NoticeItemRead(BaseModel):
    application_id: uuid.UUID
    organization_name: str
    base_type: BaseType
    specialties: list[str]
    call_name: str
    status: ApplicationStatus


class RecognitionSummary(BaseModel):
    document_number: str
    issued_on: date


class PublicNoticeItem(BaseModel):
    """What the public sees of a proposed base: no contact details, no ids of people."""

    application_id: uuid.UUID
    organization_name: str
    base_type: BaseType
    specialties: list[str]


class NoticeRead(BaseModel):
    id: uuid.UUID
    title: str
    body: str
    contact: str
    starts_on: date
    ends_on: date
    publicity_days: int | None = Field(description="公示期最少天数（申报批次公示天数中最长者，发布时确定）")
    status: NoticeStatus
    published_at: datetime | None
    open_for_objections: bool
    items: list[NoticeItemRead]
    objections_pending: int
    recognised: bool
    recognition: RecognitionSummary | None


class PublicNoticeRead(BaseModel):
    id: uuid.UUID
    title: str
    body: str
    contact: str
    starts_on: date
    ends_on: date
    published_at: datetime | None
    open_for_objections: bool
    items: list[PublicNoticeItem]


class ObjectionCreate(BaseModel):
    model_config = Input

    name: str = Field(min_length=1, max_length=100, description="姓名或单位")
    contact: str = Field(min_length=3, max_length=200, description="联系电话或邮箱")
    text: str = Field(min_length=5, max_length=5000, description="异议内容")
    application_id: uuid.UUID | None = Field(default=None, description="针对的拟认定基地（可选）")


class ObjectionTicket(BaseModel):
    ticket: str = Field(description="查询编号，用于查询处理结果")
    status: ObjectionStatus


class PublicObjectionStatus(BaseModel):
    ticket: str
    status: ObjectionStatus
    submitted_at: datetime
    decided_at: datetime | None
    decision_reason: str | None
    has_attachment: bool


class ObjectionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    notice_id: uuid.UUID
    application_id: uuid.UUID | None
    ticket: str
    name: str
    contact: str
    content: str
    created_at: datetime
    status: ObjectionStatus
    decision_reason: str | None
    decided_at: datetime | None
    attachment_name: str | None


class ObjectionDecision(BaseModel):
    model_config = Input

    decision: Literal["uphold", "dismiss"]
    reason: str = Field(min_length=1, max_length=2000)
    application_id: uuid.UUID | None = Field(default=None, description="异议成立时所涉申报（异议未指明时必填）")


class RecognitionCreate(BaseModel):
    model_config = Input

    notice_id: uuid.UUID
    document_number: str = Field(min_length=3, max_length=100, description="发文文号，例如 顺人社发〔2026〕12号")
    issued_on: date


class RecognitionRead(BaseModel):
    id: uuid.UUID
    document_number: str
    issued_on: date
    notice_id: uuid.UUID
    bases: list[BaseRead]
