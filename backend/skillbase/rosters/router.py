"""Rosters of monthly reports (培训人员名册、取证人员名册), their rows, and duplicate certificates."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Path, Query, Request, Response

from skillbase.core.auth import Principal, SettingsDep, require
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import Database, SessionDep, get_database
from skillbase.files.download import RAW_UPLOAD_BODY, content_disposition
from skillbase.files.sniff import XLSX
from skillbase.models.enums import DuplicateStatus, RosterKind
from skillbase.rosters import service
from skillbase.rosters.schemas import DuplicateGroupRead, DuplicateResolve, ReportRosters, Revealed, RosterRead, RosterRowPage

router = APIRouter(tags=["rosters"], responses=AUTH_RESPONSES)
Reader = Annotated[Principal, Depends(require(Permission.base_read))]
Writer = Annotated[Principal, Depends(require(Permission.roster_write))]
Resolver = Annotated[Principal, Depends(require(Permission.duplicate_resolve))]
DatabaseDep = Annotated[Database, Depends(get_database)]
XLSX_RESPONSE = {"content": {XLSX: {}}, "description": "XLSX 文件"}
RowId = Annotated[int, Path(ge=1, le=2**62)]


def _xlsx(content: bytes, name: str) -> Response:
    headers = {"Content-Disposition": content_disposition(name), "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    return Response(content=content, media_type=XLSX, headers=headers)


@router.get(
    "/rosters/templates/{kind}",
    summary="下载名册模板（XLSX：表头、示例行、下拉选项、填写说明）",
    response_class=Response,
    responses={200: XLSX_RESPONSE},
)
async def download_template(me: Reader, kind: RosterKind) -> Response:
    return _xlsx(*await service.template(kind))


@router.post(
    "/reports/{report_id}/rosters/{kind}",
    response_model=RosterRead,
    status_code=202,
    summary="上传名册（请求体为 XLSX 或 CSV 原始内容；后台校验并导入，全部正确才导入；超过上限返回 413）",
    responses=responses(404, 409, 413, 503),
    openapi_extra=RAW_UPLOAD_BODY,
)
async def upload_roster(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    settings: SettingsDep,
    db: DatabaseDep,
    me: Writer,
    report_id: uuid.UUID,
    kind: RosterKind,
    filename: Annotated[str, Query(min_length=1, max_length=255)],
) -> RosterRead:
    return await service.upload(session, settings, db, me, report_id, kind, filename=filename, body=request.stream(), background=background)


@router.get(
    "/reports/{report_id}/rosters/{kind}",
    response_model=ReportRosters,
    summary="月度报告的名册：已导入的一份与最近一次上传",
    responses=responses(404),
)
async def get_report_rosters(session: SessionDep, me: Reader, report_id: uuid.UUID, kind: RosterKind) -> ReportRosters:
    return await service.report_rosters(session, me, report_id, kind)


@router.get(
    "/reports/{report_id}/rosters/{kind}/rows",
    response_model=RosterRowPage,
    summary="已导入名册的行（身份证号码脱敏；重复证书有标记）",
    responses=responses(404),
)
async def list_roster_rows(session: SessionDep, page: PageDep, me: Reader, report_id: uuid.UUID, kind: RosterKind) -> RosterRowPage:
    return await service.rows(session, me, report_id, kind, page)


@router.get("/rosters/{roster_id}", response_model=RosterRead, summary="名册导入状态与进度", responses=responses(404))
async def get_roster(session: SessionDep, me: Reader, roster_id: uuid.UUID) -> RosterRead:
    return RosterRead.model_validate(await service.get_roster(session, me, roster_id))


@router.get(
    "/rosters/{roster_id}/errors",
    summary="下载错误报告（上传的表格加“错误说明”列）",
    response_class=Response,
    responses={200: XLSX_RESPONSE, **responses(404, 409)},
)
async def download_roster_errors(session: SessionDep, settings: SettingsDep, me: Reader, roster_id: uuid.UUID) -> Response:
    return _xlsx(*await service.error_report(session, settings, me, roster_id))


@router.post(
    "/roster-rows/{kind}/{row_id}/reveal",
    response_model=Revealed,
    summary="查看完整身份证号码（仅限有完整个人信息权限者，其他人返回 404；每次查看记入审计日志）",
    responses=responses(404),
)
async def reveal_roster_row(session: SessionDep, me: Reader, kind: RosterKind, row_id: RowId) -> Revealed:
    return await service.reveal(session, me, kind, row_id)


@router.get("/duplicates", response_model=Page[DuplicateGroupRead], summary="重复证书（同一人同一证书编号，跨月或跨基地）")
async def list_duplicates(
    session: SessionDep,
    page: PageDep,
    me: Resolver,
    status: DuplicateStatus | None = None,
    spans_bases: Annotated[bool | None, Query(description="只看跨基地的（true）或同一基地内的（false）")] = None,
) -> Page[DuplicateGroupRead]:
    return await service.list_duplicates(session, page, status=status, spans_bases=spans_bases)


@router.get("/duplicates/{group_id}", response_model=DuplicateGroupRead, summary="一组重复证书及其各行", responses=responses(404))
async def get_duplicate(session: SessionDep, me: Resolver, group_id: uuid.UUID) -> DuplicateGroupRead:
    return await service.get_duplicate(session, group_id)


@router.post(
    "/duplicates/{group_id}/resolve",
    response_model=DuplicateGroupRead,
    summary="处理重复证书：选定计入的一行（或均不计入）并说明理由",
    responses=responses(404, 409),
)
async def resolve_duplicate(session: SessionDep, me: Resolver, group_id: uuid.UUID, body: DuplicateResolve) -> DuplicateGroupRead:
    return await service.resolve_duplicate(session, me, group_id, body)
