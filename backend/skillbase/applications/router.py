from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from skillbase.applications import service
from skillbase.applications.form import ApplicationForm
from skillbase.applications.schemas import (
    ApplicationCreate,
    ApplicationRead,
    ApplicationStats,
    ApplicationSummary,
    AttachmentRead,
    EligibilityRead,
    Reason,
    TimelineEntry,
    VersionDiff,
    VersionRead,
    VersionSummary,
)
from skillbase.core.auth import Principal, SettingsDep, require
from skillbase.core.concurrency import expected_version, set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.input import PositiveInt4
from skillbase.core.pagination import CursorPage, CursorQuery, Page, PageDep, page_of
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.files.download import FILE_RESPONSE, RAW_UPLOAD_BODY, stored_file
from skillbase.models import Application
from skillbase.models.enums import ApplicationStatus, AttachmentSlot, BaseType

router = APIRouter(prefix="/applications", tags=["applications"], responses=AUTH_RESPONSES)
Reader = Annotated[Principal, Depends(require(Permission.application_read))]
Writer = Annotated[Principal, Depends(require(Permission.application_write))]
Version = Annotated[int, Depends(expected_version)]


async def _read(session: SessionDep, app: Application, response: Response) -> ApplicationRead:
    set_etag(response, app.draft_version)
    return await service.read(session, app)


def _with_etag(read: ApplicationRead, response: Response) -> ApplicationRead:
    set_etag(response, read.draft_version)
    return read


@router.get("", response_model=CursorPage[ApplicationSummary], summary="申报列表（申报单位只见本单位）")
async def list_applications(
    session: SessionDep,
    page: PageDep,
    me: Reader,
    cursor: CursorQuery = None,
    call_id: uuid.UUID | None = None,
    base_type: BaseType | None = None,
    status: ApplicationStatus | None = None,
    organization_id: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> CursorPage[ApplicationSummary]:
    return await service.list_applications(
        session,
        me,
        page,
        cursor=cursor,
        call_id=call_id,
        base_type=base_type.value if base_type else None,
        status=status.value if status else None,
        organization_id=organization_id,
        q=q,
    )


@router.get("/stats", response_model=ApplicationStats, summary="各状态的申报数（与列表相同的可见范围与筛选，一次请求）")
async def application_stats(
    session: SessionDep,
    me: Reader,
    call_id: uuid.UUID | None = None,
    base_type: BaseType | None = None,
    organization_id: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> ApplicationStats:
    return await service.status_counts(
        session, me, call_id=call_id, base_type=base_type.value if base_type else None, organization_id=organization_id, q=q
    )


@router.post("", response_model=ApplicationRead, status_code=201, summary="新建申报（草稿）", responses=responses(404, 409))
async def create_application(session: SessionDep, me: Writer, body: ApplicationCreate, response: Response) -> ApplicationRead:
    return await _read(session, await service.create(session, me, body), response)


@router.get("/{application_id}", response_model=ApplicationRead, summary="申报详情（含草稿）", responses=responses(404))
async def get_application(session: SessionDep, me: Reader, application_id: uuid.UUID, response: Response) -> ApplicationRead:
    return _with_etag(await service.read_detail(session, me, application_id), response)


@router.put(
    "/{application_id}/draft",
    response_model=ApplicationRead,
    summary="保存草稿（需 If-Match，版本过期返回 412）",
    responses=responses(404, 409, 412, 428),
)
async def save_draft(
    session: SessionDep, me: Writer, application_id: uuid.UUID, body: ApplicationForm, version: Version, response: Response
) -> ApplicationRead:
    return _with_etag(await service.save_draft(session, me, application_id, body, version), response)


@router.get("/{application_id}/eligibility", response_model=EligibilityRead, summary="申报条件检查（实时）", responses=responses(404))
async def check_eligibility(session: SessionDep, me: Reader, application_id: uuid.UUID) -> EligibilityRead:
    return await service.eligibility(session, me, application_id)


@router.post(
    "/{application_id}/submit",
    response_model=ApplicationRead,
    summary="提交申报（全部检查，不通过时列出每一项，草稿不变）",
    responses=responses(404, 409, 412, 428),
)
async def submit_application(
    session: SessionDep, me: Writer, application_id: uuid.UUID, version: Version, response: Response
) -> ApplicationRead:
    return await _read(session, await service.submit(session, me, application_id, version), response)


@router.post("/{application_id}/withdraw", response_model=ApplicationRead, summary="撤回申报", responses=responses(404, 409))
async def withdraw_application(
    session: SessionDep, me: Writer, application_id: uuid.UUID, body: Reason, response: Response
) -> ApplicationRead:
    return await _read(session, await service.withdraw(session, me, application_id, body.reason), response)


@router.post(
    "/{application_id}/attachments",
    response_model=AttachmentRead,
    status_code=201,
    summary="上传附件（请求体为文件原始内容；按内容识别类型并解析，拒绝病毒与可执行内容；超过上限返回 413）",
    responses=responses(404, 409, 413, 503),
    openapi_extra=RAW_UPLOAD_BODY,
)
async def upload_attachment(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    me: Writer,
    application_id: uuid.UUID,
    slot: AttachmentSlot,
    filename: Annotated[str, Query(min_length=1, max_length=255)],
) -> AttachmentRead:
    attachment = await service.upload(session, settings, me, application_id, slot=slot, filename=filename, body=request.stream())
    return AttachmentRead.model_validate(attachment)


@router.get(
    "/{application_id}/attachments/{attachment_id}",
    summary="下载附件",
    response_class=StreamingResponse,
    responses={**responses(404), 200: FILE_RESPONSE},
)
async def download_attachment(
    session: SessionDep, settings: SettingsDep, me: Reader, application_id: uuid.UUID, attachment_id: uuid.UUID
) -> StreamingResponse:
    attachment = await service.get_attachment(session, me, application_id, attachment_id)
    return stored_file(settings, attachment.storage_key, attachment.content_type, attachment.original_name, attachment.size_bytes)


@router.get(
    "/{application_id}/versions/{version_no}/attachments/{attachment_id}",
    summary="下载某一版本提交时的附件（即使其后已从草稿删除）",
    response_class=StreamingResponse,
    responses={**responses(404), 200: FILE_RESPONSE},
)
async def download_version_attachment(
    session: SessionDep,
    settings: SettingsDep,
    me: Reader,
    application_id: uuid.UUID,
    version_no: Annotated[int, Path(ge=1, le=2**31 - 1)],
    attachment_id: uuid.UUID,
) -> StreamingResponse:
    attachment = await service.get_version_attachment(session, me, application_id, version_no, attachment_id)
    return stored_file(settings, attachment.storage_key, attachment.content_type, attachment.original_name, attachment.size_bytes)


@router.delete("/{application_id}/attachments/{attachment_id}", status_code=204, summary="删除附件", responses=responses(404, 409))
async def remove_attachment(session: SessionDep, me: Writer, application_id: uuid.UUID, attachment_id: uuid.UUID) -> Response:
    await service.remove_attachment(session, me, application_id, attachment_id)
    return Response(status_code=204)


@router.get("/{application_id}/versions", response_model=Page[VersionSummary], summary="已提交的版本", responses=responses(404))
async def list_versions(session: SessionDep, page: PageDep, me: Reader, application_id: uuid.UUID) -> Page[VersionSummary]:
    return page_of([VersionSummary.model_validate(v) for v in await service.list_versions(session, me, application_id)], page)


@router.get("/{application_id}/versions/{version_no}", response_model=VersionRead, summary="某一版本（只读）", responses=responses(404))
async def get_version(session: SessionDep, me: Reader, application_id: uuid.UUID, version_no: PositiveInt4) -> VersionRead:
    return await service.read_version(session, me, application_id, version_no)


@router.get(
    "/{application_id}/versions/{from_version}/diff/{to_version}",
    response_model=VersionDiff,
    summary="两个版本的差异",
    responses=responses(404),
)
async def diff_versions(
    session: SessionDep, me: Reader, application_id: uuid.UUID, from_version: PositiveInt4, to_version: PositiveInt4
) -> VersionDiff:
    return await service.version_diff(session, me, application_id, from_version, to_version)


@router.get("/{application_id}/timeline", response_model=Page[TimelineEntry], summary="办理进程", responses=responses(404))
async def application_timeline(session: SessionDep, page: PageDep, me: Reader, application_id: uuid.UUID) -> Page[TimelineEntry]:
    return page_of(await service.timeline(session, me, application_id), page)


# GET /applications/{application_id}/pdf (the Annex 1 form) is served by reviews/router.py: its Table 5 needs the
# review domain, which reads applications, never the other way round.
