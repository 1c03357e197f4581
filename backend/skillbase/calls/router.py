from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from skillbase.calls import service
from skillbase.calls.schemas import CallCreate, CallDefaults, CallRead, CallUpdate
from skillbase.core.auth import Principal, require
from skillbase.core.concurrency import expected_version, set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.input import Int4
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.models.enums import CallStatus

router = APIRouter(prefix="/calls", tags=["calls"], responses=AUTH_RESPONSES)
public_router = APIRouter(prefix="/public/calls", tags=["public"])
Manager = Annotated[Principal, Depends(require(Permission.call_manage))]


@public_router.get("", response_model=Page[CallRead], summary="已发布的申报批次（公开）", responses=responses(422))
async def list_public_calls(session: SessionDep, page: PageDep, year: Int4 | None = None) -> Page[CallRead]:
    items, total = await service.list_calls(session, None, page, status=None, year=year)
    return Page(items=[service.to_read(c) for c in items], total=total, limit=page.limit, offset=page.offset)


@public_router.get("/{call_id}", response_model=CallRead, summary="申报批次详情（公开）", responses=responses(404, 422))
async def get_public_call(session: SessionDep, call_id: uuid.UUID, response: Response) -> CallRead:
    call = await service.get_call(session, None, call_id)
    set_etag(response, call.version)
    return service.to_read(call)


@router.get("/defaults", response_model=CallDefaults, summary="政策参数默认值（来自政策原文）")
async def call_defaults(_: Manager) -> CallDefaults:
    return service.defaults()


@router.get("", response_model=Page[CallRead], summary="申报批次列表（含草稿）")
async def list_calls(
    session: SessionDep, page: PageDep, me: Manager, status: CallStatus | None = None, year: Int4 | None = None
) -> Page[CallRead]:
    items, total = await service.list_calls(session, me, page, status=status, year=year)
    return Page(items=[service.to_read(c) for c in items], total=total, limit=page.limit, offset=page.offset)


@router.post("", response_model=CallRead, status_code=201, summary="新建申报批次")
async def create_call(session: SessionDep, me: Manager, body: CallCreate, response: Response) -> CallRead:
    call = await service.create_call(session, me, body)
    set_etag(response, call.version)
    return service.to_read(call)


@router.get("/{call_id}", response_model=CallRead, summary="申报批次详情", responses=responses(404))
async def get_call(session: SessionDep, me: Manager, call_id: uuid.UUID, response: Response) -> CallRead:
    call = await service.get_call(session, me, call_id)
    set_etag(response, call.version)
    return service.to_read(call)


@router.patch("/{call_id}", response_model=CallRead, summary="修改申报批次（需 If-Match）", responses=responses(404, 409, 412, 428))
async def update_call(
    session: SessionDep,
    me: Manager,
    call_id: uuid.UUID,
    body: CallUpdate,
    response: Response,
    version: Annotated[int, Depends(expected_version)],
) -> CallRead:
    call = await service.update_call(session, me, call_id, body, version)
    set_etag(response, call.version)
    return service.to_read(call)


@router.post("/{call_id}/publish", response_model=CallRead, summary="发布（响应带新的 ETag）", responses=responses(404, 409))
async def publish_call(session: SessionDep, me: Manager, call_id: uuid.UUID, response: Response) -> CallRead:
    call = await service.change_status(session, me, call_id, CallStatus.published)
    set_etag(response, call.version)
    return service.to_read(call)


@router.post("/{call_id}/close", response_model=CallRead, summary="关闭（响应带新的 ETag）", responses=responses(404, 409))
async def close_call(session: SessionDep, me: Manager, call_id: uuid.UUID, response: Response) -> CallRead:
    call = await service.change_status(session, me, call_id, CallStatus.closed)
    set_etag(response, call.version)
    return service.to_read(call)
