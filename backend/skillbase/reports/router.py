from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from skillbase.core.auth import Principal, SettingsDep, require
from skillbase.core.concurrency import expected_version, set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.input import PositiveInt4
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.files.download import FILE_RESPONSE, RAW_UPLOAD_BODY, stored_file
from skillbase.models.enums import BaseType, ReportStatus
from skillbase.reports import service
from skillbase.reports.schemas import (
    CompetitionRead,
    CompetitionWrite,
    ReportAttachmentRead,
    ReportDraft,
    ReportQueueItem,
    ReportRead,
    ReportReturn,
    ReportSummary,
    ReportVersionRead,
    ReportVersionSummary,
)

router = APIRouter(tags=["reports"], responses=AUTH_RESPONSES)
Reader = Annotated[Principal, Depends(require(Permission.report_read))]
Writer = Annotated[Principal, Depends(require(Permission.report_write))]
Reviewer = Annotated[Principal, Depends(require(Permission.report_review))]
Version = Annotated[int, Depends(expected_version)]
VersionNo = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _with_etag(read: ReportRead, response: Response) -> ReportRead:
    set_etag(response, read.version)
    return read


@router.get("/bases/{base_id}/reports", response_model=Page[ReportSummary], summary="基地的全部月报（按建设月）", responses=responses(404))
async def list_base_reports(session: SessionDep, page: PageDep, me: Reader, base_id: uuid.UUID) -> Page[ReportSummary]:
    return await service.list_base_reports(session, me, base_id, page)


@router.get("/bases/{base_id}/competitions", response_model=Page[CompetitionRead], summary="基地承办的竞赛", responses=responses(404))
async def list_base_competitions(session: SessionDep, page: PageDep, me: Reader, base_id: uuid.UUID) -> Page[CompetitionRead]:
    return await service.list_base_competitions(session, me, base_id, page)


@router.get("/reports", response_model=Page[ReportQueueItem], summary="月报列表（管理员见全部，申报单位只见本单位）")
async def list_reports(
    session: SessionDep,
    page: PageDep,
    me: Reader,
    status: ReportStatus | None = None,
    overdue: bool | None = Query(default=None, description="true 只看逾期；false 只看未逾期"),
    base_type: BaseType | None = None,
    month_no: Annotated[int | None, Query(ge=1, le=120, description="建设月")] = None,
    base_id: uuid.UUID | None = None,
    sort: Literal["due_on", "-due_on", "submitted_at", "-submitted_at"] = "due_on",
) -> Page[ReportQueueItem]:
    return await service.list_queue(
        session,
        me,
        page,
        status=status,
        overdue=overdue,
        base_type=base_type.value if base_type else None,
        month_no=month_no,
        base_id=base_id,
        sort=sort,
    )


@router.get("/reports/{report_id}", response_model=ReportRead, summary="月报详情", responses=responses(404))
async def get_report(session: SessionDep, me: Reader, report_id: uuid.UUID, response: Response) -> ReportRead:
    return _with_etag(await service.read_detail(session, me, report_id), response)


@router.put(
    "/reports/{report_id}/draft",
    response_model=ReportRead,
    summary="保存月报草稿（需 If-Match，版本过期返回 412）",
    responses=responses(404, 409, 412, 422, 428),
)
async def save_report_draft(
    session: SessionDep, me: Writer, report_id: uuid.UUID, body: ReportDraft, version: Version, response: Response
) -> ReportRead:
    return _with_etag(await service.save_draft(session, me, report_id, body, version), response)


@router.post(
    "/reports/{report_id}/submit",
    response_model=ReportRead,
    summary="报送月报（保存为一个版本；名册导入中时拒绝）",
    responses=responses(404, 409, 412, 422, 428),
)
async def submit_report(session: SessionDep, me: Writer, report_id: uuid.UUID, version: Version, response: Response) -> ReportRead:
    return _with_etag(await service.submit(session, me, report_id, version), response)


@router.post("/reports/{report_id}/accept", response_model=ReportRead, summary="审核通过月报", responses=responses(404, 409, 412, 428))
async def accept_report(session: SessionDep, me: Reviewer, report_id: uuid.UUID, version: Version, response: Response) -> ReportRead:
    return _with_etag(await service.accept(session, me, report_id, version), response)


@router.post(
    "/reports/{report_id}/return",
    response_model=ReportRead,
    summary="退回月报（按部分写明理由）",
    responses=responses(404, 409, 412, 422, 428),
)
async def return_report(
    session: SessionDep, me: Reviewer, report_id: uuid.UUID, body: ReportReturn, version: Version, response: Response
) -> ReportRead:
    return _with_etag(await service.return_report(session, me, report_id, body.reasons, version), response)


@router.get(
    "/reports/{report_id}/versions", response_model=Page[ReportVersionSummary], summary="月报已报送的版本", responses=responses(404)
)
async def list_report_versions(session: SessionDep, page: PageDep, me: Reader, report_id: uuid.UUID) -> Page[ReportVersionSummary]:
    return await service.list_versions(session, me, report_id, page)


@router.get(
    "/reports/{report_id}/versions/{version_no}", response_model=ReportVersionRead, summary="月报的某一版本", responses=responses(404)
)
async def get_report_version(session: SessionDep, me: Reader, report_id: uuid.UUID, version_no: PositiveInt4) -> ReportVersionRead:
    return await service.read_version(session, me, report_id, version_no)


@router.post(
    "/reports/{report_id}/competitions",
    response_model=CompetitionRead,
    status_code=201,
    summary="登记本月结束的竞赛",
    responses=responses(404, 409, 422),
)
async def add_competition(
    session: SessionDep, me: Writer, report_id: uuid.UUID, body: CompetitionWrite, response: Response
) -> CompetitionRead:
    item = await service.add_competition(session, me, report_id, body)
    set_etag(response, item.version)
    return item


@router.put(
    "/reports/{report_id}/competitions/{competition_id}",
    response_model=CompetitionRead,
    summary="修改竞赛（需 If-Match，版本过期返回 412）",
    responses=responses(404, 409, 412, 422, 428),
)
async def update_competition(
    session: SessionDep,
    me: Writer,
    report_id: uuid.UUID,
    competition_id: uuid.UUID,
    body: CompetitionWrite,
    version: Version,
    response: Response,
) -> CompetitionRead:
    item = await service.update_competition(session, me, report_id, competition_id, body, version)
    set_etag(response, item.version)
    return item


@router.delete(
    "/reports/{report_id}/competitions/{competition_id}",
    status_code=204,
    summary="删除竞赛（需 If-Match，版本过期返回 412）",
    responses=responses(404, 409, 412, 428),
)
async def remove_competition(
    session: SessionDep, me: Writer, report_id: uuid.UUID, competition_id: uuid.UUID, version: Version
) -> Response:
    await service.remove_competition(session, me, report_id, competition_id, version)
    return Response(status_code=204)


@router.post(
    "/reports/{report_id}/attachments",
    response_model=ReportAttachmentRead,
    status_code=201,
    summary="上传佐证材料（请求体为文件原始内容；按内容识别类型；超过上限返回 413）",
    responses=responses(404, 409, 413, 422, 503),
    openapi_extra=RAW_UPLOAD_BODY,
)
async def upload_report_attachment(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    me: Writer,
    report_id: uuid.UUID,
    filename: Annotated[str, Query(min_length=1, max_length=255)],
    description: Annotated[str, Query(max_length=200)] = "",
) -> ReportAttachmentRead:
    return await service.upload(session, settings, me, report_id, filename=filename, description=description, body=request.stream())


@router.get(
    "/reports/{report_id}/attachments/{attachment_id}",
    summary="下载佐证材料",
    response_class=StreamingResponse,
    responses={**responses(404), 200: FILE_RESPONSE},
)
async def download_report_attachment(
    session: SessionDep, settings: SettingsDep, me: Reader, report_id: uuid.UUID, attachment_id: uuid.UUID
) -> StreamingResponse:
    item = await service.get_attachment(session, me, report_id, attachment_id)
    return stored_file(settings, item.storage_key, item.content_type, item.original_name, item.size_bytes)


@router.get(
    "/reports/{report_id}/versions/{version_no}/attachments/{attachment_id}",
    summary="下载某一版本报送时的佐证材料（即使其后已删除）",
    response_class=StreamingResponse,
    responses={**responses(404), 200: FILE_RESPONSE},
)
async def download_report_version_attachment(
    session: SessionDep, settings: SettingsDep, me: Reader, report_id: uuid.UUID, version_no: VersionNo, attachment_id: uuid.UUID
) -> StreamingResponse:
    item = await service.get_version_attachment(session, me, report_id, version_no, attachment_id)
    return stored_file(settings, item.storage_key, item.content_type, item.original_name, item.size_bytes)


@router.delete("/reports/{report_id}/attachments/{attachment_id}", status_code=204, summary="删除佐证材料", responses=responses(404, 409))
async def remove_report_attachment(session: SessionDep, me: Writer, report_id: uuid.UUID, attachment_id: uuid.UUID) -> Response:
    await service.remove_attachment(session, me, report_id, attachment_id)
    return Response(status_code=204)
