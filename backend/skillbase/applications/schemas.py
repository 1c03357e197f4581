from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from skillbase.applications.form import ApplicationForm
from skillbase.applications.rules import EligibilityCode
from skillbase.models.enums import ApplicationStatus, AttachmentSlot, BaseType

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ApplicationCreate(BaseModel):
    model_config = Input

    call_id: uuid.UUID
    base_type: BaseType


class Reason(BaseModel):
    model_config = Input

    reason: str = Field(min_length=1, max_length=2000)


class CheckRead(BaseModel):
    code: EligibilityCode
    message: str = Field(description="中文说明；需要翻译的客户端用 code + params")
    passed: bool
    group: str
    field: str | None
    params: dict[str, int | str | None] = Field(
        description="说明中的数值与名称，如 {minimum: 500, actual: 320}、{slot: licence}、{section: cover.form_filler}"
    )


class EligibilityRead(BaseModel):
    ready: bool = Field(description="全部条件满足，可以提交")
    checks: list[CheckRead]


class AttachmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slot: AttachmentSlot
    original_name: str
    content_type: str
    size_bytes: int
    sha256: str
    scan_status: str
    uploaded_at: datetime


class _DocumentedAsApplicationForm:
    """Annotation: the field is documented (OpenAPI) as an ApplicationForm, but its value is passed through as stored."""

    @classmethod
    def __get_pydantic_json_schema__(cls, _core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return handler(ApplicationForm.__pydantic_core_schema__)


# A stored draft form: validated as an ApplicationForm when it was saved (PUT …/draft, or built by the server), so a read
# passes the stored JSON through instead of validating and re-serialising ~2 KB of nested models on every request.
StoredForm = Annotated[dict[str, Any], _DocumentedAsApplicationForm]


class ApplicationSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    call_id: uuid.UUID
    call_name: str
    call_deadline: date
    organization_id: uuid.UUID
    organization_name: str
    base_type: BaseType
    status: ApplicationStatus
    submitted_versions: int
    submitted_at: datetime | None
    status_changed_at: datetime | None
    created_at: datetime
    updated_at: datetime


class ApplicationStats(BaseModel):
    counts: dict[ApplicationStatus, int] = Field(description="每个状态的申报数（所有状态均列出，没有则为 0）")
    total: int = Field(description="各状态之和")


class ApplicationRead(ApplicationSummary):
    draft_form: StoredForm
    draft_version: int
    status_reason: str | None
    editable: bool
    attachments: list[AttachmentRead]


class VersionSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    version_no: int
    submitted_at: datetime
    submitted_by_id: uuid.UUID


class VersionRead(VersionSummary):
    form: ApplicationForm
    organization_snapshot: dict[str, Any]
    attachments: list[AttachmentRead] = Field(description="提交时的附件清单（已删除的附件仍可下载）")


class FieldChange(BaseModel):
    field: str
    before: Any
    after: Any


class VersionDiff(BaseModel):
    from_version: int
    to_version: int
    changes: list[FieldChange]


class TimelineEntry(BaseModel):
    at: datetime
    action: str
    actor_name: str | None
    actor_role: str | None
    reason: str | None
    details: dict[str, Any]
