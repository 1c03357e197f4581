from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from skillbase.core.auth import Principal, SettingsDep, require
from skillbase.core.errors import AUTH_RESPONSES, NotFound, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.files.download import FILE_RESPONSE, RAW_UPLOAD_BODY, stored_file
from skillbase.models import Objection
from skillbase.models.enums import ObjectionStatus
from skillbase.publicity import service
from skillbase.publicity.schemas import (
    NoticeCreate,
    NoticePublish,
    NoticeRead,
    ObjectionCreate,
    ObjectionDecision,
    ObjectionRead,
    ObjectionTicket,
    PublicNoticeRead,
    PublicObjectionStatus,
    RecognitionCreate,
    RecognitionRead,
)

router = APIRouter(tags=["publicity"], responses=AUTH_RESPONSES)
public_router = APIRouter(prefix="/public", tags=["public"])
Manager = Annotated[Principal, Depends(require(Permission.publicity_manage))]


# --- public ----------------------------------------------------------------------------------------


@public_router.get("/publicity-notices", response_model=Page[PublicNoticeRead], summary="公示（当前与往期）", responses=responses(422))
async def list_public_notices(session: SessionDep, page: PageDep) -> Page[PublicNoticeRead]:
    items, total = await service.list_notices(session, page, published_only=True)
    return Page(items=await service.public_notice_reads(session, items), total=total, limit=page.limit, offset=page.offset)


@public_router.get("/publicity-notices/{notice_id}", response_model=PublicNoticeRead, summary="公示详情", responses=responses(404, 422))
async def get_public_notice(session: SessionDep, notice_id: uuid.UUID) -> PublicNoticeRead:
    return await service.public_notice_read(session, await service.get_notice(session, notice_id, published_only=True))


@public_router.post(
    "/publicity-notices/{notice_id}/objections",
    response_model=ObjectionTicket,
    status_code=201,
    summary="提出异议（公示期内；按来源地址限频）",
    responses=responses(404, 409, 422, 429),
)
async def file_objection(session: SessionDep, settings: SettingsDep, notice_id: uuid.UUID, body: ObjectionCreate) -> ObjectionTicket:
    objection = await service.file_objection(session, settings, notice_id, body)
    return ObjectionTicket(ticket=objection.ticket, status=ObjectionStatus(objection.status))


@public_router.post(
    "/objections/{ticket}/attachment",
    response_model=PublicObjectionStatus,
    summary="为异议上传一个附件（PDF/JPEG/PNG，请求体为文件内容）",
    responses=responses(404, 409, 413, 422, 503),
    openapi_extra=RAW_UPLOAD_BODY,
)
async def attach_to_objection(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    ticket: Annotated[str, Path(max_length=20)],
    filename: Annotated[str, Query(min_length=1, max_length=255)],
) -> PublicObjectionStatus:
    o = await service.attach_to_objection(session, settings, ticket, filename, request.stream(), settings.objection_attachment_max_bytes)
    return _public_status(o)


def _public_status(o: Objection) -> PublicObjectionStatus:
    return PublicObjectionStatus(
        ticket=o.ticket,
        status=ObjectionStatus(o.status),
        submitted_at=o.created_at,
        decided_at=o.decided_at,
        decision_reason=o.decision_reason,
        has_attachment=o.attachment_key is not None,
    )


@public_router.get(
    "/objections/{ticket}", response_model=PublicObjectionStatus, summary="按编号查询异议处理结果", responses=responses(404, 422)
)
async def objection_status(session: SessionDep, ticket: Annotated[str, Path(max_length=20)]) -> PublicObjectionStatus:
    return _public_status(await service.objection_status(session, ticket))


# --- administration --------------------------------------------------------------------------------


@router.get("/publicity-notices", response_model=Page[NoticeRead], summary="公示管理（含草稿）")
async def list_notices(session: SessionDep, page: PageDep, _: Manager) -> Page[NoticeRead]:
    items, total = await service.list_notices(session, page, published_only=False)
    return Page(items=await service.notice_reads(session, items), total=total, limit=page.limit, offset=page.offset)


@router.post("/publicity-notices", response_model=NoticeRead, status_code=201, summary="拟定公示（草稿）", responses=responses(404))
async def create_notice(session: SessionDep, me: Manager, body: NoticeCreate) -> NoticeRead:
    return await service.create_notice(session, me, body)


@router.get("/publicity-notices/{notice_id}", response_model=NoticeRead, summary="公示详情（管理）", responses=responses(404))
async def get_notice(session: SessionDep, _: Manager, notice_id: uuid.UUID) -> NoticeRead:
    return await service.notice_read(session, notice_id)


@router.post("/publicity-notices/{notice_id}/publish", response_model=NoticeRead, summary="发布公示", responses=responses(404, 409))
async def publish_notice(session: SessionDep, me: Manager, notice_id: uuid.UUID, body: NoticePublish | None = None) -> NoticeRead:
    return await service.publish_notice(session, me, notice_id, body)


@router.get("/objections", response_model=Page[ObjectionRead], summary="异议列表")
async def list_objections(
    session: SessionDep, page: PageDep, _: Manager, notice_id: uuid.UUID | None = None, status: ObjectionStatus | None = None
) -> Page[ObjectionRead]:
    items, total = await service.list_objections(session, page, notice_id=notice_id, status=status)
    return Page(items=[ObjectionRead.model_validate(o) for o in items], total=total, limit=page.limit, offset=page.offset)


@router.post(
    "/objections/{objection_id}/decision",
    response_model=ObjectionRead,
    summary="处理异议：成立或不成立（须说明理由）",
    responses=responses(404, 409),
)
async def decide_objection(session: SessionDep, me: Manager, objection_id: uuid.UUID, body: ObjectionDecision) -> ObjectionRead:
    return ObjectionRead.model_validate(await service.decide_objection(session, me, objection_id, body))


@router.get(
    "/objections/{objection_id}/attachment",
    summary="下载异议附件",
    response_class=StreamingResponse,
    responses={**responses(404), 200: FILE_RESPONSE},
)
async def objection_attachment(session: SessionDep, settings: SettingsDep, _: Manager, objection_id: uuid.UUID) -> StreamingResponse:
    o = await service.get_objection(session, objection_id)
    if not o.attachment_key:
        raise NotFound("该异议没有附件")
    return stored_file(
        settings, o.attachment_key, o.attachment_type or "application/octet-stream", o.attachment_name or "attachment", o.attachment_size
    )


@router.post(
    "/recognitions",
    response_model=RecognitionRead,
    status_code=201,
    summary="认定发文（公示期满且无成立异议）",
    responses=responses(404, 409),
)
async def recognise(session: SessionDep, me: Manager, body: RecognitionCreate) -> RecognitionRead:
    recognition, bases = await service.recognise(session, me, body)
    return await service.recognition_read(session, recognition, bases)
