from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from skillbase.core.pagination import Page
from skillbase.models.enums import CertificateKind, CertificateLevel, DuplicateStatus, RosterKind, RosterStatus

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)
DuplicateState = Literal["open", "counted", "not_counted"]


class RosterError(BaseModel):
    row: int = Field(description="表格中的行号（第 1 行为表头；0 表示整份文件）")
    column: str = Field(description="列名（表头文字），整行或整份文件的错误为空")
    code: str = Field(description="稳定的错误代码，如 required、check_digit、outside_period、duplicate_in_roster")
    message: str


class RosterRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    report_id: uuid.UUID
    kind: RosterKind
    status: RosterStatus
    original_name: str
    size_bytes: int
    rows_total: int
    rows_processed: int
    error_count: int
    errors: list[RosterError] = Field(description="前 100 条错误；完整列表见错误报告")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ReportRosters(BaseModel):
    imported: RosterRead | None = Field(description="已导入、计入本月的名册（无则为 null）")
    latest: RosterRead | None = Field(description="最近一次上传（可能正在导入或导入失败）")


class TraineeRowRead(BaseModel):
    id: int
    row_no: int
    name: str
    id_masked: str = Field(description="脱敏的身份证号码（完整号码仅能通过查看接口获取并留痕）")
    occupation: str
    course: str
    starts_on: date
    ends_on: date
    completed: bool
    surveyed: bool
    satisfied: bool


class CertificateRowRead(BaseModel):
    id: int
    row_no: int
    name: str
    id_masked: str = Field(description="脱敏的身份证号码（完整号码仅能通过查看接口获取并留痕）")
    occupation: str
    kind: CertificateKind
    level: CertificateLevel | None
    certificate_no: str
    issued_on: date
    issuing_body: str
    duplicate: DuplicateState | None = Field(
        description="重复证书：open 待管理员处理（暂不计入），counted 经处理计入，not_counted 经处理不计入；null 无重复"
    )


class RosterRowPage(Page[TraineeRowRead | CertificateRowRead]):
    """A page of a report's imported roster: trainee rows or certificate rows, as `kind` says."""

    kind: RosterKind
    roster_id: uuid.UUID | None = Field(description="已导入名册的 id；尚未导入时为 null")


class Revealed(BaseModel):
    row_id: int
    id_number: str = Field(description="完整身份证号码（本次查看已记入审计日志）")


class DuplicateRowRead(BaseModel):
    id: int
    base_id: uuid.UUID
    base_title: str
    report_id: uuid.UUID
    month_no: int
    row_no: int
    name: str
    id_masked: str
    kind: CertificateKind
    level: CertificateLevel | None
    occupation: str
    certificate_no: str
    issued_on: date
    issuing_body: str


class DuplicateGroupRead(BaseModel):
    id: uuid.UUID
    status: DuplicateStatus
    spans_bases: bool
    counted_row_id: int | None
    reason: str | None
    resolved_at: datetime | None
    created_at: datetime
    rows: list[DuplicateRowRead]


class DuplicateResolve(BaseModel):
    model_config = Input

    counted_row_id: int | None = Field(description="计入的那一行（须为本组的行）；null 表示均不计入", ge=1, le=2**62)
    reason: str = Field(min_length=1, max_length=2000)
