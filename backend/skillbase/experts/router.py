from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from skillbase.core.auth import Principal, require
from skillbase.core.concurrency import expected_version, set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.experts import service
from skillbase.experts.schemas import ExpertCreate, ExpertRead, ExpertUpdate

router = APIRouter(prefix="/experts", tags=["experts"], responses=AUTH_RESPONSES)
Manager = Annotated[Principal, Depends(require(Permission.expert_manage))]
Version = Annotated[int, Depends(expected_version)]


@router.get("", response_model=Page[ExpertRead], summary="专家库列表")
async def list_experts(
    session: SessionDep,
    page: PageDep,
    me: Manager,
    q: Annotated[str | None, Query(max_length=100)] = None,
    is_active: bool | None = None,
) -> Page[ExpertRead]:
    items, total = await service.list_experts(session, me, page, q=q, is_active=is_active)
    return Page(items=[ExpertRead.model_validate(i) for i in items], total=total, limit=page.limit, offset=page.offset)


@router.post("", response_model=ExpertRead, status_code=201, summary="新增专家", responses=responses(409))
async def create_expert(session: SessionDep, me: Manager, body: ExpertCreate, response: Response) -> ExpertRead:
    expert = await service.create_expert(session, me, body)
    set_etag(response, expert.version)
    return ExpertRead.model_validate(expert)


@router.get("/{expert_id}", response_model=ExpertRead, summary="专家详情", responses=responses(404))
async def get_expert(session: SessionDep, me: Manager, expert_id: uuid.UUID, response: Response) -> ExpertRead:
    expert = await service.get_expert(session, me, expert_id)
    set_etag(response, expert.version)
    return ExpertRead.model_validate(expert)


@router.patch(
    "/{expert_id}", response_model=ExpertRead, summary="修改专家 / 停用 / 启用（需 If-Match）", responses=responses(404, 409, 412, 428)
)
async def update_expert(
    session: SessionDep, me: Manager, expert_id: uuid.UUID, body: ExpertUpdate, version: Version, response: Response
) -> ExpertRead:
    expert = await service.update_expert(session, me, expert_id, body, version)
    set_etag(response, expert.version)
    return ExpertRead.model_validate(expert)
