from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from skillbase.core.auth import Principal, SessionDep, require
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.experts import service
from skillbase.experts.schemas import ExpertCreate, ExpertRead, ExpertUpdate

router = APIRouter(prefix="/experts", tags=["experts"], responses=AUTH_RESPONSES)
Manager = Annotated[Principal, Depends(require(Permission.expert_manage))]


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
async def create_expert(session: SessionDep, me: Manager, body: ExpertCreate) -> ExpertRead:
    return ExpertRead.model_validate(await service.create_expert(session, me, body))


@router.get("/{expert_id}", response_model=ExpertRead, summary="专家详情", responses=responses(404))
async def get_expert(session: SessionDep, me: Manager, expert_id: uuid.UUID) -> ExpertRead:
    return ExpertRead.model_validate(await service.get_expert(session, me, expert_id))


@router.patch("/{expert_id}", response_model=ExpertRead, summary="修改专家 / 停用 / 启用", responses=responses(404, 409))
async def update_expert(session: SessionDep, me: Manager, expert_id: uuid.UUID, body: ExpertUpdate) -> ExpertRead:
    return ExpertRead.model_validate(await service.update_expert(session, me, expert_id, body))
